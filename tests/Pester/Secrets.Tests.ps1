BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Secrets never leak: not in any stream, error, serialisation or transcript' {
    BeforeAll {
        $seed = Get-LabSeed
        $suffix = [guid]::NewGuid().ToString('n').Substring(0, 10)
        # Distinct markers: the password (the lab's own), an application credential secret, a token and a PSK.
        $markers = @{
            Password   = 'adminpass'
            AppSecret  = "appsecret$suffix"
            Token      = New-LabToken
            Psk        = "pskmarker$suffix"
            NewPsk     = "pskrotated$suffix"
        }
        $adminToken = New-LabToken
        $userId = (Invoke-RestMethod -Uri "$($seed.auth_url)/auth/tokens" -Headers @{ 'X-Auth-Token' = $adminToken; 'X-Subject-Token' = $adminToken }).token.user.id
        $appCred = (Invoke-RestMethod -Method Post -Uri "$($seed.auth_url)/users/$userId/application_credentials" -Headers @{ 'X-Auth-Token' = $adminToken } -ContentType 'application/json' `
                -Body (@{ application_credential = @{ name = "secrets-$suffix"; secret = $markers.AppSecret } } | ConvertTo-Json)).application_credential
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $files = [System.Collections.Generic.List[string]]::new()
        $captured = [System.Collections.Generic.List[object]]::new()
        $outputs = [System.Collections.Generic.List[object]]::new()

        function Invoke-All {
            # Runs a script block with -Verbose and -Debug in effect, keeping everything it writes on all six streams.
            param([scriptblock] $Script)
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'; $WarningPreference = 'Continue'
            foreach ($item in (Invoke-Captured $Script)) {
                $captured.Add($item)
                if ($item -is [OpenStackVpn.NeutronResource] -or $item -is [OpenStackVpn.OpenStackSession]) { $outputs.Add($item) }
            }
        }

        Start-Transcript -Path $transcript
        try {
            $credential = [pscredential]::new('admin', (ConvertTo-SecureString $markers.Password -AsPlainText -Force))
            Invoke-All { Connect-OpenStack -AuthUrl $seed.auth_url -Credential $credential -ProjectName admin -Debug -Verbose }
            Invoke-All { Connect-OpenStack -AuthUrl $seed.auth_url -Credential ([pscredential]::new('admin', (ConvertTo-SecureString "$($markers.Password)x" -AsPlainText -Force))) -ProjectName admin -Debug -Verbose }
            Invoke-All { Connect-OpenStack -AuthUrl $seed.auth_url -ApplicationCredentialId $appCred.id -ApplicationCredentialSecret (ConvertTo-SecureString $markers.AppSecret -AsPlainText -Force) -Debug -Verbose }
            Invoke-All { Connect-OpenStack -AuthUrl $seed.auth_url -ApplicationCredentialId $appCred.id -ApplicationCredentialSecret (ConvertTo-SecureString "$($markers.AppSecret)x" -AsPlainText -Force) -Debug -Verbose }
            Invoke-All { Connect-OpenStack -AuthUrl $seed.auth_url -Token (ConvertTo-SecureString $markers.Token -AsPlainText -Force) -Debug -Verbose }
            $session = Connect-Lab lab-admin
            $psk = ConvertTo-SecureString $markers.Psk -AsPlainText -Force
            $name = "secrets-$suffix"
            Invoke-All { New-IkePolicy -Name $name -Debug -Verbose }
            Invoke-All { New-IpsecSiteConnection -Name $name -VpnService $seed.vpnservice_id -IkePolicy $name -IpsecPolicy $seed.ipsecpolicy_id -PeerAddress 172.24.4.244 -PeerCidr 10.61.0.0/24 -Psk $psk -Debug -Verbose }
            Invoke-All { New-IpsecSiteConnection -Name $name -VpnService $seed.vpnservice_id -IkePolicy $name -IpsecPolicy $seed.ipsecpolicy_id -PeerAddress vpn.example.com -PeerCidr 10.62.0.0/24 -Psk $psk -Debug -Verbose }
            Invoke-All { New-IpsecSiteConnection -Name $name -VpnService $seed.vpnservice_id -IkePolicy $name -IpsecPolicy $seed.ipsecpolicy_id -PeerAddress 172.24.4.245 -PeerCidr 10.63.0.0/33 -Psk $psk -Debug -Verbose }
            Invoke-All { Get-IpsecSiteConnection -Name $name -Debug -Verbose }
            Invoke-All { Get-IpsecSiteConnection -Name $name | Set-IpsecSiteConnection -Psk (ConvertTo-SecureString $markers.NewPsk -AsPlainText -Force) -PassThru -Debug -Verbose }
            Invoke-All { Get-IpsecSiteConnection -Name $name | Wait-IpsecSiteConnection -TimeoutSec 1 -PollIntervalSec 1 -Debug -Verbose }
            Invoke-All { Get-IpsecSiteConnection -Name $name | Remove-IpsecSiteConnection -Force -Debug -Verbose }
            Invoke-All { Remove-IkePolicy -Name $name -Force -Debug -Verbose }
            Invoke-All { Get-OpenStackSession }
        }
        finally {
            Stop-Transcript
            $null = Invoke-WebRequest -UseBasicParsing -Method Delete -Uri "$($seed.auth_url)/users/$userId/application_credentials/$($appCred.id)" -Headers @{ 'X-Auth-Token' = $adminToken }
        }

        function Add-SecretResults([string] $Where, $Found) {
            # One row per marker and place: Ok when the marker was not found there.
            foreach ($marker in $markers.Keys) { Add-ReliabilityResult SecretMarker "$marker in $Where" (-not ($Found -contains $marker)) }
        }

        function Find-Markers {
            param([string] $Text)
            foreach ($marker in $markers.GetEnumerator()) { if ($Text -and $Text.Contains($marker.Value)) { $marker.Key } }
        }
    }

    It 'ran every step it meant to (the markers were really used)' {
        @($outputs | Where-Object { $_ -is [OpenStackVpn.OpenStackSession] }).Count | Should -BeGreaterOrEqual 3
        @($outputs | Where-Object { $_ -is [OpenStackVpn.IpsecSiteConnection] }).Count | Should -BeGreaterOrEqual 2
        @($captured | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 10
        @($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -BeGreaterOrEqual 4
    }

    It 'no marker in any of the six streams' {
        $found = foreach ($item in $captured) { Find-Markers ($item | Out-String -Width 4096) }
        Add-SecretResults 'the six streams' $found
        $found | Should -BeNullOrEmpty
    }

    It 'no marker in any error record: message, details, target, exception chain' {
        $found = foreach ($record in ($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })) {
            Find-Markers $record.Exception.ToString()
            Find-Markers "$($record.ErrorDetails)"
            Find-Markers "$($record.ErrorDetails.RecommendedAction)"
            Find-Markers ($record.TargetObject | Out-String)
            Find-Markers ($record | Format-List * -Force | Out-String -Width 4096)
        }
        Add-SecretResults 'error records' $found
        $found | Should -BeNullOrEmpty
    }

    It 'no marker in ConvertTo-Json -Depth 10 or Export-Clixml of sessions and output objects' {
        $found = foreach ($object in $outputs) {
            Find-Markers ($object | ConvertTo-Json -Depth 10 -WarningAction SilentlyContinue)
            $file = Join-Path $TestDrive "$([guid]::NewGuid()).xml"
            $object | Export-Clixml -Path $file -Depth 10
            Find-Markers (Get-Content $file -Raw)
        }
        Add-SecretResults 'ConvertTo-Json and Export-Clixml' $found
        $found | Should -BeNullOrEmpty
    }

    It 'no marker in the transcript' {
        $found = Find-Markers (Get-Content $transcript -Raw)
        Add-SecretResults 'the transcript' $found
        $found | Should -BeNullOrEmpty
    }

    It 'shows the PSK only on explicit request' {
        $c = Get-IpsecSiteConnection -Id $seed.connection_id
        $c.Psk | Should -BeNullOrEmpty
        (Get-IpsecSiteConnection -Id $seed.connection_id -IncludeSecret).Psk | ConvertTo-PlainText | Should -Be 'secret'
    }
}
