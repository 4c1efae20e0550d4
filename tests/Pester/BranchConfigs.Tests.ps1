BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'examples/Export-BranchConfigs.ps1: each branch gets the file for its own device' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Lab lab-admin
        $prefix = New-TestName 'handover'
        $pskText = "handoverKey$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $psk = ConvertTo-SecureString $pskText -AsPlainText -Force
        $ike = New-IkePolicy -Name "$prefix-ike" -IkeVersion v2 -EncryptionAlgorithm aes-256 -AuthAlgorithm sha256 `
            -Pfs group14
        $ipsec = New-IpsecPolicy -Name "$prefix-ipsec" -AuthAlgorithm sha256 -Pfs group14
        $sha512 = New-IpsecPolicy -Name "$prefix-ipsec512" -AuthAlgorithm sha512 -Pfs group14
        $service = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id -Subnet $seed.private_subnet_id
        $common = @{ VpnService = $service; IkePolicy = $ike; Psk = $psk }
        $null = New-IpsecSiteConnection @common -Name "$prefix-forti" -IpsecPolicy $ipsec -PeerAddress 172.24.4.241 `
            -PeerCidr 10.81.0.0/24 -Description 'Lyon office, device: FortiGate'
        $null = New-IpsecSiteConnection @common -Name "$prefix-srx" -IpsecPolicy $ipsec -PeerAddress 172.24.4.242 `
            -PeerCidr 10.82.0.0/24
        $null = New-IpsecSiteConnection @common -Name "$prefix-rras" -IpsecPolicy $sha512 -PeerAddress 172.24.4.243 `
            -PeerCidr 10.83.0.0/24 -Description 'device: WindowsRras'
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) $prefix
        $null = New-Item -ItemType Directory -Path $folder -Force
        $csv = Join-Path $folder 'branches.csv'
        "Connection,Format`n$prefix-srx,JuniperSrx" | Set-Content -Path $csv
        $runbook = Join-Path $PSScriptRoot '../../examples/Export-BranchConfigs.ps1'
        $results = @(& $runbook -VpnService "$prefix-vpn" -Path (Join-Path $folder 'out') -DeviceMap $csv)
    }

    AfterAll {
        Get-IpsecSiteConnection -Name "$prefix*" | Remove-IpsecSiteConnection -Force -ErrorAction SilentlyContinue
        Get-VpnService -Name "$prefix*" | Remove-VpnService -Force -ErrorAction SilentlyContinue
        Get-IkePolicy -Name "$prefix*" | Remove-IkePolicy -Force -ErrorAction SilentlyContinue
        Get-IpsecPolicy -Name "$prefix*" | Remove-IpsecPolicy -Force -ErrorAction SilentlyContinue
        Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'reports every connection of the service once' {
        ($results.Connection | Sort-Object) -join ',' | Should -Be "$prefix-forti,$prefix-rras,$prefix-srx"
    }

    It 'takes the device from the description, and writes that vendor''s file' {
        $forti = $results | Where-Object Connection -eq "$prefix-forti"
        $forti.Format | Should -Be 'FortiGate'
        $forti.Files.Count | Should -Be 1
        Get-Content $forti.Files[0] -Raw | Should -Match 'config vpn ipsec phase1-interface'
    }

    It 'takes the device from the CSV when the description names none' {
        $srx = $results | Where-Object Connection -eq "$prefix-srx"
        $srx.Format | Should -Be 'JuniperSrx'
        Get-Content $srx.Files[0] -Raw | Should -Match '(?m)^set security ike gateway '
    }

    It 'reports a connection its device cannot express, with the reason, and goes on with the others' {
        $rras = $results | Where-Object Connection -eq "$prefix-rras"
        $rras.Files.Count | Should -Be 0
        $rras.Refused | Should -Match "RRAS has no IPsec auth algorithm 'sha512'"
    }
}
