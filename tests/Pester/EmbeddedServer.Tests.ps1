# PowerShell 7 only: it drives the real curl program, which Windows PowerShell 5.1 shadows with an alias of Invoke-WebRequest.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'The embedded OpenStack served on loopback answers any HTTP client' {
    BeforeAll {
        $cloud = Start-EmbeddedOpenStack
        $body = '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"adminpass"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}'
    }

    AfterAll {
        $cloud | Stop-EmbeddedOpenStack
    }

    It 'listens on 127.0.0.1 only' {
        # Where the socket is bound, from the system's own table of listeners, not what the server says of itself.
        $port = $cloud.AuthUrl.Port
        $bound = @([System.Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties().GetActiveTcpListeners() | Where-Object Port -eq $port)
        $bound.Count | Should -BeGreaterThan 0 -Because "something must listen on port $port"
        $bound | ForEach-Object { $_.Address.ToString() | Should -Be '127.0.0.1' }
        $cloud.IsRunning | Should -BeTrue
    }

    It 'gives curl a token from its own Keystone, and Neutron accepts it' {
        $headers = & curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d $body "$($cloud.AuthUrl)auth/tokens"
        $headers[0] | Should -BeLike 'HTTP/1.1 201*'
        $token = ($headers | Where-Object { $_ -like 'X-Subject-Token:*' }) -replace '^X-Subject-Token:\s*', '' -replace '\s', ''
        $token | Should -Not -BeNullOrEmpty
        $catalog = (& curl -s -H "X-Auth-Token: $token" -H "X-Subject-Token: $token" "$($cloud.AuthUrl)auth/tokens" | ConvertFrom-Json).token.catalog
        $network = ($catalog | Where-Object type -eq network).endpoints | Where-Object interface -eq public
        $list = & curl -s -H "X-Auth-Token: $token" "$($network.url)/v2.0/vpn/ipsec-site-connections" | ConvertFrom-Json
        $list.ipsec_site_connections.id | Should -Contain $cloud.Seed.ConnectionId
    }

    It 'refuses curl without a token as keystonemiddleware does' {
        $status = & curl -s -o /dev/null -w '%{http_code}' "$($cloud.AuthUrl.ToString() -replace 'identity/v3/', 'network/v2.0/vpn/vpnservices')"
        $status | Should -Be '401'
    }

    It 'serves the module over HTTP too, with its clouds.yaml' {
        $file = Join-Path $TestDrive 'clouds.yaml'
        Set-Content $file $cloud.CloudsYaml
        $env:OS_CLIENT_CONFIG_FILE = $file
        try { $session = Connect-OpenStack -Cloud embedded-member } finally { Remove-Item Env:OS_CLIENT_CONFIG_FILE }
        $session.ProjectName | Should -Be 'member'
        Get-IpsecSiteConnection -Session $session | Where-Object Id -eq $cloud.Seed.ConnectionId | Should -BeNullOrEmpty
    }

    It 'gives each Connect-OpenStack -Embedded session a cloud of its own' {
        $a = Connect-OpenStack -Embedded
        $b = Connect-OpenStack -Embedded
        $made = New-IkePolicy -Name only-in-a -Session $a
        Get-IkePolicy -Name only-in-a -Session $b -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-IkePolicy -Id $made.Id -Session $a).Name | Should -Be 'only-in-a'
    }

    It 'stops serving when stopped' {
        $other = Start-EmbeddedOpenStack
        $port = $other.AuthUrl.Port
        $other | Stop-EmbeddedOpenStack
        [System.Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties().GetActiveTcpListeners() | Where-Object Port -eq $port | Should -BeNullOrEmpty
        $other.IsRunning | Should -BeFalse
        & curl -s -o /dev/null -w '%{http_code}' "$($other.AuthUrl)" | Should -Be '000'
    }
}

Describe 'Start- and Stop-EmbeddedOpenStack without surprises' {
    It 'Stop-EmbeddedOpenStack given nothing stops the one started last, without prompting; then says what to pass' {
        $first = Start-EmbeddedOpenStack -EmbeddedProfile Origin
        $last = Start-EmbeddedOpenStack -Profile Upstream   # the old name still works
        try {
            Stop-EmbeddedOpenStack
            $last.IsRunning | Should -BeFalse
            $first.IsRunning | Should -BeTrue -Because 'only the last one started is stopped'
            $record = Get-ErrorRecord { Stop-EmbeddedOpenStack }
            $record.FullyQualifiedErrorId | Should -BeLike 'NothingToStop*'
            "$record" | Should -BeLike '*Pass the object it returned*'
        }
        finally {
            Stop-EmbeddedOpenStack $first
            if ($last.IsRunning) { Stop-EmbeddedOpenStack $last }
        }
        if ($global:OpenStackVpnTestServer) {
            $global:OpenStackVpnTestServer.IsRunning | Should -BeTrue -Because 'the test run''s own cloud is left alone'
        }
    }

    It 'names the profile -EmbeddedProfile, as Connect-OpenStack does' {
        (Get-Command Start-EmbeddedOpenStack).Parameters.Keys | Should -Contain 'EmbeddedProfile'
        (Get-Command Connect-OpenStack).Parameters.Keys | Should -Contain 'EmbeddedProfile'
    }
}
