BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'The origin cloud''s dialect: availability_zone and its tighter rules' {
    BeforeAll {
        $origin = Connect-OpenStack -Embedded -EmbeddedProfile Origin -ActivationDelaySec 0
        $upstream = Connect-OpenStack -Embedded
        $psk = ConvertTo-SecureString 'origin-psk' -AsPlainText -Force
        $common = @{ VpnService = 'vpnservice1'; IkePolicy = 'ikepolicy1'; IpsecPolicy = 'ipsecpolicy1'; PeerAddress = '172.24.4.226'; Psk = $psk }
    }

    It 'shows the origin page''s example, availability zone included' {
        $c = Get-IpsecSiteConnection -Name vpnconnection1 -Session $origin
        $c.AvailabilityZone | Should -Be 'AZ1'
        $c.PeerCidrs | Should -Be @('10.1.0.0/24')
        "$($c.Dpd)" | Should -Be 'hold/30/120'
    }

    It 'sends -AvailabilityZone where the cloud has it' {
        $c = New-IpsecSiteConnection -Name az2 @common -PeerCidr 10.81.0.0/24 -AvailabilityZone AZ2 -Session $origin
        $c.AvailabilityZone | Should -Be 'AZ2'
        (Get-IpsecSiteConnection -Filter @{ availability_zone = 'AZ2' } -Session $origin).Name | Should -Be 'az2'
    }

    It 'upstream Neutron refuses it with its own message, so it is sent only when given' {
        $record = Get-ErrorRecord { New-IpsecSiteConnection -Name az3 @common -PeerCidr 10.82.0.0/24 -AvailabilityZone AZ2 -Session $upstream }
        $record.Exception.Message | Should -BeLike "Unrecognized attribute(s) 'availability_zone'*"
        (New-IpsecSiteConnection -Name az4 @common -PeerCidr 10.83.0.0/24 -Session $upstream).AvailabilityZone | Should -BeNullOrEmpty
    }

    It 'a filter on availability_zone that upstream Neutron ignores returns nothing, not everything' {
        @(Get-IpsecSiteConnection -Filter @{ availability_zone = 'AZ1' } -Session $upstream).Count | Should -Be 0
    }

    It 'the origin cloud takes one peer CIDR only, and says so' {
        $record = Get-ErrorRecord { New-IpsecSiteConnection -Name two @common -PeerCidr 10.84.0.0/24, 10.85.0.0/24 -Session $origin }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.Exception.Message | Should -BeLike '*Only one cidr can be specified*'
    }
}
