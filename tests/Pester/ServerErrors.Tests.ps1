BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Refusals only the server can make are shown with its own type and message' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Probe
        $prefix = New-TestName 'srv'
        $psk = ConvertTo-SecureString 'server-errors' -AsPlainText -Force
        $common = @{ VpnService = $seed.vpnservice_id; IkePolicy = $seed.ikepolicy_id; IpsecPolicy = $seed.ipsecpolicy_id; Psk = $psk }
    }

    AfterAll {
        Get-IpsecSiteConnection -Name "$prefix*" | Remove-IpsecSiteConnection -Force
        Get-VpnService -Name "$prefix*" | Remove-VpnService -Force
        Get-VpnEndpointGroup -Name "$prefix*" | Remove-VpnEndpointGroup -Force
        Get-IkePolicy -Name "$prefix*" | Remove-IkePolicy -Force
        Remove-Probe
    }

    It 'a peer host name that does not resolve: VPNPeerAddressNotResolved' {
        $record = Get-ErrorRecord { New-IpsecSiteConnection -Name "$prefix-dns" @common -PeerAddress vpn.example.com -PeerCidr 10.51.0.0/24 }
        $record.FullyQualifiedErrorId | Should -BeLike 'VPNPeerAddressNotResolved,*'
        $record.Exception.Message | Should -BeLike 'Peer address vpn.example.com cannot be resolved*'
        $record.Exception.RequestId | Should -BeLike 'req-*'
    }

    It 'an IPv6 peer for an IPv4-only router gateway: ExternalNetworkHasNoSubnet' {
        $record = Get-ErrorRecord { New-IpsecSiteConnection -Name "$prefix-v6" @common -PeerAddress 2001:db8::1 -PeerCidr 10.56.0.0/24 }
        $record.FullyQualifiedErrorId | Should -BeLike 'ExternalNetworkHasNoSubnet,*'
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'an algorithm the cloud does not accept is the server''s refusal, shown as it said it' {
        # aes-128-ctr is a value of neutron-lib's set (so the client sends it) that this cloud's release does not take;
        # a value of no release (des) is refused before sending (Validation.Tests.ps1).
        $record = Get-ErrorRecord { New-IkePolicy -Name "$prefix-ike" -EncryptionAlgorithm aes-128-ctr }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.Exception.Message |
            Should -BeLike "-EncryptionAlgorithm: Invalid input for encryption_algorithm. Reason: aes-128-ctr is not in valid_values*HTTP 400*"
        Get-IkePolicy -Name "$prefix-ike" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'mixed IP versions of the local subnet and the peer group: MixedIPVersionsForIPSecConnection' {
        $service = New-VpnService -Name "$prefix-epg" -Router $seed.router_id
        $local = New-VpnEndpointGroup -Name "$prefix-local" -Type subnet -Endpoint $seed.private_subnet_id
        $peer = New-VpnEndpointGroup -Name "$prefix-peer6" -Type cidr -Endpoint 2001:db8:5::/64
        $record = Get-ErrorRecord { New-IpsecSiteConnection -Name "$prefix-mixed" -VpnService $service -IkePolicy $seed.ikepolicy_id -IpsecPolicy $seed.ipsecpolicy_id -Psk $psk -PeerAddress 172.24.4.252 -LocalEndpointGroup $local -PeerEndpointGroup $peer }
        $record.FullyQualifiedErrorId | Should -BeLike 'MixedIPVersionsForIPSecConnection,*'
    }

    It 'another project''s id as a member: refused, and nothing created' {
        $member = Connect-Lab lab-member
        try {
            $record = Get-ErrorRecord { New-IkePolicy -Name "$prefix-foreign" -ProjectId $seed.admin_project_id -Session $member }
            $record.Exception.Message | Should -BeLike "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin or advsvc privileges*"
            Get-IkePolicy -Name "$prefix-foreign" -Session $member -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
        finally {
            Disconnect-OpenStack -Session $member
            $null = Connect-Probe
        }
    }

    It 'a reference that does not exist is caught before the create (Neutron would answer 500)' {
        $sent = Get-ServerRequest { Get-ErrorRecord { New-IpsecSiteConnection -Name "$prefix-ghost" -VpnService ([guid]::NewGuid()).ToString() -IkePolicy $seed.ikepolicy_id -IpsecPolicy $seed.ipsecpolicy_id -Psk $psk -PeerAddress 172.24.4.253 -PeerCidr 10.52.0.0/24 } }
        $script:ServerRequestOutput.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        @($sent | Where-Object Method -eq GET).Count | Should -BeGreaterThan 0 -Because 'the reference was looked up'
        $sent | Where-Object Method -ne GET | Should -BeNullOrEmpty
        $record = Get-ErrorRecord { New-IpsecSiteConnection -Name "$prefix-ghost" -VpnService no-such-service -IkePolicy $seed.ikepolicy_id -IpsecPolicy $seed.ipsecpolicy_id -Psk $psk -PeerAddress 172.24.4.253 -PeerCidr 10.52.0.0/24 }
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $record.Exception.Message | Should -BeLike "-VpnService: No VPN service has the id or name 'no-such-service'*"
    }

    It 'a name shared by two objects is refused with both ids' {
        $a = New-IkePolicy -Name "$prefix-twin"
        $b = New-IkePolicy -Name "$prefix-twin"
        $sent = Get-ServerRequest { Get-ErrorRecord { New-IpsecSiteConnection -Name "$prefix-twin" -VpnService $seed.vpnservice_id -IkePolicy "$prefix-twin" -IpsecPolicy $seed.ipsecpolicy_id -Psk $psk -PeerAddress 172.24.4.253 -PeerCidr 10.53.0.0/24 } }
        $record = $script:ServerRequestOutput
        $sent | Where-Object Method -ne GET | Should -BeNullOrEmpty
        $record.Exception.Message | Should -BeLike "-IkePolicy: 2 IKE policies are named '$prefix-twin'*$($a.Id)*"
        $record.Exception.Message | Should -BeLike "*$($b.Id)*"
    }

    It 'legacy versus endpoint-group mode is checked against the service before the create' -ForEach @(
        @{ Case = 'legacy service, endpoint groups'; Given = @{ VpnService = 'LEGACY'; LocalEndpointGroup = 'x'; PeerEndpointGroup = 'y' }; Rule = "-LocalEndpointGroup: VPN service * has a subnet (legacy mode): give peer CIDRs, not endpoint groups." }
        @{ Case = 'legacy service, no CIDRs'; Given = @{ VpnService = 'LEGACY' }; Rule = '-PeerCidr: VPN service * has a subnet (legacy mode): peer CIDRs are required.' }
        @{ Case = 'endpoint-group service, CIDRs'; Given = @{ VpnService = 'EPG'; PeerCidr = '10.54.0.0/24' }; Rule = '-PeerCidr: VPN service * has no subnet (endpoint-group mode)*' }
        @{ Case = 'endpoint-group service, no peer group'; Given = @{ VpnService = 'EPG'; LocalEndpointGroup = 'x' }; Rule = '-PeerEndpointGroup: * both a local (subnet) and a peer (cidr) endpoint group are required.' }
    ) {
        $epg = Get-VpnService -Name "$prefix-epg" -ErrorAction SilentlyContinue
        if (-not $epg) { $epg = New-VpnService -Name "$prefix-epg" -Router $seed.router_id }
        $arguments = $Given.Clone()
        $arguments.VpnService = if ($arguments.VpnService -eq 'LEGACY') { $seed.vpnservice_id } else { $epg.Id }
        $sent = Get-ServerRequest { Get-ErrorRecord { New-IpsecSiteConnection -Name "$prefix-mode" -IkePolicy $seed.ikepolicy_id -IpsecPolicy $seed.ipsecpolicy_id -Psk $psk -PeerAddress 172.24.4.254 @arguments } }
        $record = $script:ServerRequestOutput
        $sent | Where-Object Method -ne GET | Should -BeNullOrEmpty
        $record.Exception.Message | Should -BeLike $Rule
    }

    It 'a local endpoint group of the wrong type is refused before the create' {
        $epg = Get-VpnService -Name "$prefix-epg"
        $cidrGroup = New-VpnEndpointGroup -Name "$prefix-cidr" -Type cidr -Endpoint 10.55.0.0/24
        $record = Get-ErrorRecord { New-IpsecSiteConnection -Name "$prefix-type" -VpnService $epg -IkePolicy $seed.ikepolicy_id -IpsecPolicy $seed.ipsecpolicy_id -Psk $psk -PeerAddress 172.24.4.254 -LocalEndpointGroup $cidrGroup -PeerEndpointGroup $cidrGroup }
        $record.Exception.Message | Should -BeLike "-LocalEndpointGroup: endpoint group '$prefix-cidr' is of type cidr; the local group must be of type subnet."
    }
}
