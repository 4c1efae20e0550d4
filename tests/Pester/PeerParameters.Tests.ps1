BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

# The parameter sheet, on an embedded cloud of the newest release's values (profile Latest) whatever the backend.
Describe 'Get-IpsecPeerParameter: the sheet a peer administrator types from' {
    BeforeAll {
        $session = Connect-OpenStack -Embedded -EmbeddedProfile Latest -ActivationDelaySec 0
        $service = (Get-VpnService -Session $session | Where-Object { $_.ExternalV4Ip } | Select-Object -First 1)
        $ike = New-IkePolicy -Name sheet -IkeVersion v2 -EncryptionAlgorithm aes-256-gcm-16 -AuthAlgorithm sha384 -Pfs group20 -Lifetime 28800 -Session $session
        $ipsec = New-IpsecPolicy -Name sheet -EncryptionAlgorithm aes-256-ctr -AuthAlgorithm sha512 -Pfs group31 -Lifetime 1800 -Session $session
        $pskText = 'sheet-psk-never-shown'
        $psk = ConvertTo-SecureString $pskText -AsPlainText -Force
        $connection = New-IpsecSiteConnection -Name sheet -VpnService $service.Id -IkePolicy $ike -IpsecPolicy $ipsec -PeerAddress 198.51.100.30 `
            -PeerId branch.example.test -PeerCidr 10.30.0.0/24, 10.31.0.0/24 -Psk $psk -Initiator response-only -Session $session
        $sheet = $connection | Get-IpsecPeerParameter -Session $session
    }

    It 'gives one typed object with IANA names, strongSwan''s words and both sides'' values' {
        @($sheet).Count | Should -Be 1
        $sheet | Should -BeOfType OpenStackVpn.Core.Peer.PeerParameters
        $sheet.CloudAddress | Should -Be $service.ExternalV4Ip
        $sheet.PeerId | Should -Be '@branch.example.test'
        $sheet.PeerIdType | Should -Be 'ID_FQDN'
        $sheet.IkeEncryption | Should -Be 'ENCR_AES_GCM_16 (256)'
        $sheet.IkePrf | Should -Be 'PRF_HMAC_SHA2_384'
        $sheet.IkeDhGroup | Should -Be '384-bit random ECP (group 20)'
        $sheet.IkeProposal | Should -Be 'aes256gcm16-prfsha384-ecp384'
        $sheet.ChildProposal | Should -Be 'aes256ctr-sha512-curve25519'
        $sheet.PeerNetworks | Should -Be '10.30.0.0/24, 10.31.0.0/24'
        $sheet.Initiator | Should -Match '^peer'
    }

    It 'reads like a change ticket in Format-List, and shows no key anywhere' {
        $text = $sheet | Format-List | Out-String
        foreach ($label in 'Peer public address', 'Cloud id', 'IKE DH group', 'PFS group', 'Dead peer detection', 'Who starts', 'Pre-shared key') {
            $text | Should -Match "(?m)^$label\s+: \S"
        }
        $text | Should -Match 'IKEv2, phase 1 mode: none'
        $all = Invoke-Captured { $connection | Get-IpsecPeerParameter -Session $session -Verbose -Debug | Format-List * | Out-String }
        ($all | Out-String) + ($sheet | ConvertTo-Json) | Should -Not -Match $pskText
    }

    It 'goes through Export-Csv and ConvertTo-Json as it reads (no nested values shown as type names)' {
        $csv = Join-Path ([System.IO.Path]::GetTempPath()) "$(New-TestName 'sheet').csv"
        try {
            $sheet | Export-Csv -Path $csv -NoTypeInformation
            $row = Import-Csv $csv
            $row.PeerNetworks | Should -Be '10.30.0.0/24, 10.31.0.0/24'
            $row.IkeLifetimeSeconds | Should -Be '28800'
            (Get-Content $csv -Raw) | Should -Not -Match 'System\.|\[\]'
        } finally { Remove-Item $csv -ErrorAction Ignore }
        $json = $sheet | ConvertTo-Json | ConvertFrom-Json
        @($json.PSObject.Properties | Where-Object { $_.Value -is [System.Management.Automation.PSCustomObject] -or $_.Value -is [array] }) | Should -BeNullOrEmpty
        $json.ChildLifetimeSeconds | Should -Be 1800
    }
}
