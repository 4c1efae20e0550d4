BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'TLS: verified by default, a CA bundle works, skipping the check works and warns' -Tag 'Integration' {
    BeforeAll {
        $seed = Get-LabSeed
        $pki = Join-Path $TestDrive 'pki'
        $null = New-Item -ItemType Directory $pki
        function Invoke-OpenSsl { & openssl @args 2>&1 | Out-Null; if ($LASTEXITCODE) { throw "openssl $args failed" } }
        function New-Authority([string] $Name) {
            Invoke-OpenSsl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$Name" -keyout "$pki/$Name.key" -out "$pki/$Name.pem" -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign'
        }
        New-Authority 'test-ca'
        New-Authority 'other-ca'
        Set-Content "$pki/san.ext" "subjectAltName=IP:127.0.0.1`nbasicConstraints=CA:FALSE`nextendedKeyUsage=serverAuth"
        Invoke-OpenSsl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1' -keyout "$pki/server.key" -out "$pki/server.csr"
        Invoke-OpenSsl x509 -req -in "$pki/server.csr" -CA "$pki/test-ca.pem" -CAkey "$pki/test-ca.key" -CAcreateserial -days 2 -extfile "$pki/san.ext" -out "$pki/server.pem"

        function Get-FreePort {
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop(); $port
        }
        # TLS fronts for the lab's Keystone and Neutron, on loopback.
        $fronts = foreach ($target in 5000, 9696) {
            $port = Get-FreePort
            $process = Start-Process socat -PassThru -ArgumentList @(
                "OPENSSL-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork,cert=$pki/server.pem,key=$pki/server.key,verify=0",
                "TCP:127.0.0.1:$target")
            [pscustomobject]@{ Port = $port; Process = $process }
        }
        $authUrl = "https://127.0.0.1:$($fronts[0].Port)/v3"
        $networkUrl = "https://127.0.0.1:$($fronts[1].Port)/"
        foreach ($front in $fronts) {
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ([DateTime]::UtcNow -lt $deadline) {
                try { $client = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $front.Port); $client.Dispose(); break } catch { Start-Sleep -Milliseconds 100 }
            }
        }
        $admin = [pscredential]::new('admin', (ConvertTo-SecureString 'adminpass' -AsPlainText -Force))
        $connect = @{ AuthUrl = $authUrl; Credential = $admin; ProjectName = 'admin'; NetworkEndpoint = $networkUrl }
    }

    AfterAll {
        $fronts | ForEach-Object { if (-not $_.Process.HasExited) { $_.Process.Kill() } }
    }

    It 'refuses a certificate from an unknown CA by default, saying how to trust it' {
        $record = Get-ErrorRecord { Connect-OpenStack @connect }
        $record.CategoryInfo.Category | Should -Be 'SecurityError'
        $record.Exception.Message | Should -BeLike '*TLS certificate is not trusted*-CACertificatePath*'
    }

    It 'trusts the CA given with -CACertificatePath, for Keystone and Neutron' {
        $session = Connect-OpenStack @connect -CACertificatePath "$pki/test-ca.pem"
        (Get-IpsecSiteConnection -Id $seed.connection_id -Session $session).Id | Should -Be $seed.connection_id
    }

    It 'trusts the CA named by OS_CACERT' {
        $env:OS_CACERT = "$pki/test-ca.pem"
        try { $session = Connect-OpenStack @connect } finally { Remove-Item Env:OS_CACERT }
        (Get-IpsecSiteConnection -Id $seed.connection_id -Session $session).Id | Should -Be $seed.connection_id
    }

    It 'trusts the CA named by cacert in clouds.yaml' {
        $file = Join-Path $TestDrive 'clouds.yaml'
        Set-Content $file "clouds:`n  tls:`n    auth:`n      auth_url: $authUrl`n      username: admin`n      password: adminpass`n      project_name: admin`n    cacert: $pki/test-ca.pem`n    network_endpoint_override: $networkUrl`n"
        $env:OS_CLIENT_CONFIG_FILE = $file
        try { $session = Connect-OpenStack -Cloud tls } finally { Remove-Item Env:OS_CLIENT_CONFIG_FILE }
        (Get-IpsecSiteConnection -Id $seed.connection_id -Session $session).Id | Should -Be $seed.connection_id
    }

    It 'does not trust a certificate signed by another CA' {
        $record = Get-ErrorRecord { Connect-OpenStack @connect -CACertificatePath "$pki/other-ca.pem" }
        $record.CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It 'skips verification with -SkipCertificateCheck and warns once' {
        $all = Invoke-Captured { Connect-OpenStack @connect -SkipCertificateCheck }
        @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 1
        $session = $all | Where-Object { $_ -is [OpenStackVpn.OpenStackSession] }
        (Get-IpsecSiteConnection -Id $seed.connection_id -Session $session).Id | Should -Be $seed.connection_id
    }

    It 'skips verification with verify: false in clouds.yaml, and warns' {
        $file = Join-Path $TestDrive 'clouds-insecure.yaml'
        Set-Content $file "clouds:`n  tls:`n    auth:`n      auth_url: $authUrl`n      username: admin`n      password: adminpass`n      project_name: admin`n    verify: false`n    network_endpoint_override: $networkUrl`n"
        $env:OS_CLIENT_CONFIG_FILE = $file
        try { $all = Invoke-Captured { Connect-OpenStack -Cloud tls } } finally { Remove-Item Env:OS_CLIENT_CONFIG_FILE }
        @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 1
        @($all | Where-Object { $_ -is [OpenStackVpn.OpenStackSession] }).Count | Should -Be 1
    }
}
