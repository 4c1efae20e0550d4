BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Export-IpsecPeerConfig and Test-IpsecSiteConnection' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Lab lab-admin
        $prefix = New-TestName 'peer'
        $pskText = "peer-psk-$([guid]::NewGuid().ToString('n').Substring(0, 10))"
        $psk = ConvertTo-SecureString $pskText -AsPlainText -Force
        $ike = New-IkePolicy -Name "$prefix-ike" -IkeVersion v2 -EncryptionAlgorithm aes-256 -AuthAlgorithm sha256 -Pfs group14 -Lifetime 28800
        $ipsec = New-IpsecPolicy -Name "$prefix-ipsec" -AuthAlgorithm sha256 -Pfs group14
        $service = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id -Subnet $seed.private_subnet_id
        $connection = New-IpsecSiteConnection -Name "$prefix-c1" -VpnService $service -IkePolicy $ike -IpsecPolicy $ipsec `
            -PeerAddress 172.24.4.250 -PeerId peer.example.test -PeerCidr 10.77.0.0/24 -Psk $psk
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) $prefix
    }

    AfterAll {
        Get-IpsecSiteConnection -Name "$prefix*" | Remove-IpsecSiteConnection -Force -ErrorAction SilentlyContinue
        Get-VpnService -Name "$prefix*" | Remove-VpnService -Force -ErrorAction SilentlyContinue
        Get-IkePolicy -Name "$prefix*" | Remove-IkePolicy -Force -ErrorAction SilentlyContinue
        Get-IpsecPolicy -Name "$prefix*" | Remove-IpsecPolicy -Force -ErrorAction SilentlyContinue
        Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'writes a swanctl.conf from the API objects: the service''s address, Neutron''s @ rule, mapped proposals, both sides'' CIDRs' {
        $file = $connection | Export-IpsecPeerConfig
        $file.FileName | Should -Be 'swanctl.conf'
        $text = $file.Content
        $text | Should -Match "(?m)^\s*remote_addrs = $([regex]::Escape($service.ExternalV4Ip))$"
        $text | Should -Match '(?m)^\s*local_addrs = 172\.24\.4\.250$'
        $text | Should -Match '(?m)^\s*id = @peer\.example\.test$'
        $text | Should -Match '(?m)^\s*proposals = aes256-sha256-modp2048$'
        $text | Should -Match '(?m)^\s*esp_proposals = aes128-sha256-modp2048$'
        $text | Should -Match '(?m)^\s*local_ts = 10\.77\.0\.0/24$'
        $text | Should -Match "(?m)^\s*remote_ts = $([regex]::Escape((Get-LabSubnetCidr $seed.private_subnet_id)))$"
        $text | Should -Match '(?m)^\s*rekey_time = 28800s$'
    }

    It 'leaves the pre-shared key out unless -IncludeSecret, and never shows it on any stream' {
        $all = Invoke-Captured { Export-IpsecPeerConfig -Name "$prefix-c1" -Format IpsecConf -Verbose -Debug }
        # The files' text is in Content, which their default view does not show: look at it, and at every record.
        $files = @($all | Where-Object { $_ -is [OpenStackVpn.Core.Peer.PeerConfigFile] })
        $files.FileName | Sort-Object | Should -Be @('ipsec.conf', 'ipsec.secrets')
        ($files | Where-Object FileName -eq 'ipsec.conf').Content | Should -Match '(?m)^conn ' -Because 'the text looked at is the file'
        $text = ($all | ForEach-Object { $_ | Out-String -Width 4096; $_ | Format-List * -Force | Out-String -Width 4096 }) +
            $files.Content -join "`n"
        $text | Should -Not -Match ([regex]::Escape($pskText))
        $secrets = $all | Where-Object { $_ -is [OpenStackVpn.Core.Peer.PeerConfigFile] -and $_.FileName -eq 'ipsec.secrets' }
        $secrets.Content | Should -Match 'PSK "REPLACE-WITH-THE-PRE-SHARED-KEY"'
        $secrets.HoldsSecret | Should -BeFalse
        (Export-IpsecPeerConfig -Id $connection.Id -Format IpsecConf -IncludeSecret | Where-Object FileName -eq 'ipsec.secrets').Content |
            Should -Match ([regex]::Escape("PSK `"$pskText`""))
    }

    It 'writes -Path files readable by their owner only' -Skip:($env:OS -eq 'Windows_NT') {
        $written = Export-IpsecPeerConfig -Id $connection.Id -Format Libreswan -Path $folder -IncludeSecret
        $written.Count | Should -Be 2
        foreach ($f in $written) {
            Test-Path $f.Path | Should -BeTrue
            (Get-Item $f.Path).UnixMode | Should -Be '-rw-------'
        }
        Get-Content ($written | Where-Object FileName -like '*.secrets').Path -Raw | Should -Match ([regex]::Escape($pskText))
    }

    It 'refuses a connection its format cannot express, naming -Format and the reason' {
        $ah = New-IpsecPolicy -Name "$prefix-ah" -TransformProtocol ah
        $c2 = New-IpsecSiteConnection -Name "$prefix-c2" -VpnService $service -IkePolicy $ike -IpsecPolicy $ah -PeerAddress 172.24.4.251 -PeerCidr 10.78.0.0/24 -Psk $psk
        $record = Get-ErrorRecord { Export-IpsecPeerConfig -Id $c2.Id -Format Libreswan }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.Exception.Message | Should -Match '^-Format: .*AH with IKEv2'
        (Export-IpsecPeerConfig -Id $c2.Id -Format Swanctl).Content | Should -Match '(?m)^\s*ah_proposals = sha1-modp1536$'
    }

    It 'reports typed findings from the API alone, one per check' {
        $findings = @(Test-IpsecSiteConnection -Id $connection.Id)
        $findings[0] | Should -BeOfType OpenStackVpn.Core.Peer.ConnectionFinding
        @($findings.Check | Sort-Object -Unique).Count | Should -Be $findings.Count
        ($findings | Where-Object Check -eq ConnectionStatus).Severity | Should -Be 'Warning'
        ($findings | Where-Object Check -eq ConnectionStatus).Found | Should -Match 'PENDING_CREATE'
        ($findings | Where-Object Check -eq RouterGateway).Severity | Should -Be 'Ok'
        ($findings | Where-Object Check -eq ServiceAddress).Found | Should -Match ([regex]::Escape($service.ExternalV4Ip))
        ($findings | Where-Object Check -eq Mode).Severity | Should -Be 'Ok'
    }

    It 'grades a DOWN connection as an error and says what to do' {
        $c3 = New-IpsecSiteConnection -Name "$prefix-c3" -VpnService $service -IkePolicy $ike -IpsecPolicy $ipsec -PeerAddress 172.24.4.252 -PeerCidr 10.79.0.0/24 -Psk $psk
        Set-TestStatus connection $c3.Id DOWN
        $status = Test-IpsecSiteConnection -Id $c3.Id | Where-Object Check -eq ConnectionStatus
        $status.Severity | Should -Be 'Error'
        $status.Action | Should -Match 'PeerConfig'
    }

    It 'compares a peer''s file field by field, and names a wrong key without showing either' {
        $null = New-Item -ItemType Directory -Path "$folder/wrong" -Force
        $file = Export-IpsecPeerConfig -Id $connection.Id -IncludeSecret
        $path = Join-Path "$folder/wrong" 'swanctl.conf'
        Set-Content -Path $path -Value ($file.Content -replace [regex]::Escape($pskText), 'the-peers-own-key' -replace 'local_ts = 10\.77\.0\.0/24', 'local_ts = 10.99.0.0/24')
        $findings = Test-IpsecSiteConnection -Id $connection.Id -PeerConfig $path
        @($findings | Where-Object { $_.Check -like 'PeerConfig.*' -and $_.Severity -eq 'Error' }).Check | Sort-Object |
            Should -Be @('PeerConfig.PeerCidrs', 'PeerConfig.Psk')
        $text = $findings | Format-List * | Out-String
        $text | Should -Not -Match ([regex]::Escape($pskText))
        $text | Should -Not -Match 'the-peers-own-key'
    }

    It 'finds nothing wrong in the file it exported itself' {
        $path = (Export-IpsecPeerConfig -Id $connection.Id -Format IpsecConf -Path "$folder/right" -IncludeSecret | Where-Object FileName -eq 'ipsec.conf').Path
        $peer = @(Test-IpsecSiteConnection -Id $connection.Id -PeerConfig $path | Where-Object Check -like 'PeerConfig.*')
        $peer.Count | Should -Be 18   # 17 fields and PeerConfig.Connection, which names the connection compared
        @($peer | Where-Object Severity -ne 'Ok') | Should -BeNullOrEmpty
    }

    It 'refuses a -PeerConfig that does not exist before any request' {
        $before = Get-LabRequestCount
        $record = Get-ErrorRecord { Test-IpsecSiteConnection -Id $connection.Id -PeerConfig "$folder/nothing-here.conf" }
        $record.Exception.Message | Should -Match '^-PeerConfig: no file'
        Get-LabRequestCount | Should -Be $before
    }
}
