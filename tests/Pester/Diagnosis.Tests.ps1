BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Test-IpsecSiteConnection without false alarms, and the PSK rules' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Lab lab-admin
        $prefix = New-TestName 'diag'
        $psk = ConvertTo-SecureString 'a-long-random-key-of-24ch' -AsPlainText -Force
        # Neutron's defaults everywhere: IKE v1 aes-128 sha1 group5 3600 s; ESP aes-128 sha1 group5 3600 s;
        # DPD hold 30/120.
        $ike = New-IkePolicy -Name "$prefix-ike"
        $ipsec = New-IpsecPolicy -Name "$prefix-ipsec"
        $service = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id -Subnet $seed.private_subnet_id
        $connection = New-IpsecSiteConnection -Name "$prefix-c1" -VpnService $service -IkePolicy $ike `
            -IpsecPolicy $ipsec `
            -PeerAddress 172.24.4.233 -PeerCidr 10.83.0.0/24 -Psk $psk
        # A VPN agent would report them ACTIVE; neither backend runs one.
        Set-TestStatus connection $connection.Id ACTIVE
        Set-TestStatus vpnservice $service.Id ACTIVE
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) $prefix
    }

    AfterAll {
        Remove-TestObject $prefix
        Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'finds no Warning and no Error in a connection built from Neutron''s defaults' {
        $alarms = @(Test-IpsecSiteConnection -Id $connection.Id | Where-Object { $_.Severity -in 'Warning', 'Error' })
        ($alarms | ForEach-Object { "$($_.Check): $($_.Found)" }) -join '; ' | Should -BeNullOrEmpty
    }

    It 'finds no Warning and no Error in the defaults connection''s own exported <Format> file' -ForEach @(
        @{ Format = 'Swanctl' }, @{ Format = 'IpsecConf' }, @{ Format = 'Libreswan' }
    ) {
        $files = Export-IpsecPeerConfig -Id $connection.Id -Format $Format -Path "$folder/$Format" -IncludeSecret
        $findings = @(Test-IpsecSiteConnection -Id $connection.Id -PeerConfig $files[0].Path)
        ($findings | Where-Object Check -eq 'PeerConfig.Connection').Severity | Should -Be 'Ok'
        $alarms = @($findings | Where-Object { $_.Severity -in 'Warning', 'Error' })
        ($alarms | ForEach-Object { "$($_.Check): $($_.Found) / $($_.Expected)" }) -join '; ' | Should -BeNullOrEmpty
        ($findings | Where-Object Check -eq 'PeerConfig.Psk').Source | Should -Match '\.(secrets|conf):\d+$'
    }

    It 'shows one line per finding in its default view, with what was expected' {
        $findings = @(Test-IpsecSiteConnection -Id $connection.Id)
        $lines = @(($findings | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Severity\s+Check\s+Found\s+Expected'
        $lines.Count | Should -Be ($findings.Count + 2)
    }

    It 'names what a strongSwan 6 peer cannot negotiate, with the documentation' {
        $profiled = @(Test-IpsecSiteConnection -Id $connection.Id -PeerProfile strongswan-6 |
                Where-Object Check -like 'PeerProfile*')
        $profiled.Check | Should -Be 'PeerProfile.ike_version'
        $profiled.Severity | Should -Be 'Error'
        $profiled.Source | Should -Match '^https://'
        $ok = Test-IpsecSiteConnection -Id $connection.Id -PeerProfile strongswan-5.9 |
            Where-Object Check -like 'PeerProfile*'
        $ok.Severity | Should -Be 'Ok'
    }

    It 'names every setting a vendor platform cannot negotiate, from its format''s value table' {
        # Neutron's defaults: Windows RRAS site-to-site is IKEv2 only and has no group5 (IKE or PFS).
        $profiled = @(Test-IpsecSiteConnection -Id $connection.Id -PeerProfile windowsrras |
                Where-Object Check -like 'PeerProfile*')
        $profiled.Check | Should -Be @('PeerProfile.ike_version', 'PeerProfile.ike_group', 'PeerProfile.esp_group')
        $profiled.Severity | Select-Object -Unique | Should -Be 'Error'
        $profiled | ForEach-Object { $_.Source | Should -Match '^https://learn\.microsoft\.com/' }
        $ok = Test-IpsecSiteConnection -Id $connection.Id -PeerProfile FortiGate |
            Where-Object Check -like 'PeerProfile*'
        $ok.Severity | Should -Be 'Ok'
    }

    It 'refuses an unknown -PeerProfile before any request' {
        $before = Get-LabRequestCount
        $record = Get-ErrorRecord { Test-IpsecSiteConnection -Id $connection.Id -PeerProfile 'openswan-2' }
        $record.Exception.Message | Should -Match '^-PeerProfile: .*strongswan-5\.9.*FortiGate'
        Get-LabRequestCount | Should -Be $before
    }

    It 'refuses an empty PSK at create, naming -Psk, before any request' {
        $before = Get-LabRequestCount
        $empty = New-Object System.Security.SecureString
        $record = Get-ErrorRecord {
            New-IpsecSiteConnection -Name "$prefix-empty" -VpnService $service -IkePolicy $ike -IpsecPolicy $ipsec `
                -PeerAddress 172.24.4.234 -PeerCidr 10.84.0.0/24 -Psk $empty
        }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.Exception.Message | Should -Match 'psk.*must not be empty'
        Get-LabRequestCount | Should -Be $before
    }

    It 'refuses an empty PSK at update, before any request' {
        $before = Get-LabRequestCount
        $empty = New-Object System.Security.SecureString
        $record = Get-ErrorRecord { Set-IpsecSiteConnection -Id $connection.Id -Psk $empty }
        $record.Exception.Message | Should -Match 'psk.*must not be empty'
        Get-LabRequestCount | Should -Be $before
    }

    It 'warns of a short PSK at create, without showing it' {
        $short = ConvertTo-SecureString 'tiny-key-9' -AsPlainText -Force
        $c2 = New-IpsecSiteConnection -Name "$prefix-short" -VpnService $service -IkePolicy $ike -IpsecPolicy $ipsec `
            -PeerAddress 172.24.4.235 -PeerCidr 10.85.0.0/24 -Psk $short `
            -WarningVariable warned -WarningAction SilentlyContinue
        $c2 | Should -Not -BeNullOrEmpty
        ($warned | Out-String) | Should -Match 'psk: the pre-shared key has 10 characters'
        ($warned | Out-String) | Should -Not -Match 'tiny-key-9'
        (Test-IpsecSiteConnection -Id $c2.Id | Where-Object Check -eq PskStrength).Severity | Should -Be 'Warning'
    }
}
