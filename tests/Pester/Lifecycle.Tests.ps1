BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'A whole site-to-site VPN, from nothing to a connection and back' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Probe
        $psk = ConvertTo-SecureString 'lifecycle-psk-1' -AsPlainText -Force
        $prefix = New-TestName 'life'
    }

    AfterAll {
        # Nothing may be left behind, whatever failed.
        Remove-TestObject $prefix
        Remove-Probe
    }

    It 'creates the IKE and IPsec policies with the values given and Neutron''s defaults for the rest' {
        $script:ike = New-IkePolicy -Name "$prefix-ike" -IkeVersion v2 -Pfs group14 -Lifetime 7200
        $ike | Should -BeOfType OpenStackVpn.IkePolicy
        $ike.IkeVersion | Should -Be 'v2'
        $ike.Pfs | Should -Be 'group14'
        $ike.Lifetime.Value | Should -Be 7200
        $ike.Lifetime.Units | Should -Be 'seconds'
        $ike.EncryptionAlgorithm | Should -Be 'aes-128'
        $ike.Phase1NegotiationMode | Should -Be 'main'

        $script:ipsec = New-IpsecPolicy -Name "$prefix-ipsec" -EncapsulationMode tunnel -TransformProtocol esp
        $ipsec | Should -BeOfType OpenStackVpn.IpsecPolicy
        $ipsec.TransformProtocol | Should -Be 'esp'
        $ipsec.Lifetime.Value | Should -Be 3600
    }

    It 'creates a legacy-mode VPN service by router and subnet names' {
        $script:legacy = New-VpnService -Name "$prefix-legacy" -Router $seed.router_name -Subnet $seed.private_subnet_name
        $legacy.RouterId | Should -Be $seed.router_id
        $legacy.SubnetId | Should -Be $seed.private_subnet_id
        $legacy.Status | Should -Be 'PENDING_CREATE'
        $legacy.AdminStateUp | Should -BeTrue
        $legacy.ExternalV4Ip | Should -Match '^172\.24\.4\.\d+$'
    }

    It 'creates an endpoint-group-mode VPN service and its two endpoint groups' {
        $script:epgService = New-VpnService -Name "$prefix-epg" -Router $seed.router_id
        $epgService.SubnetId | Should -BeNullOrEmpty
        $script:localGroup = New-VpnEndpointGroup -Name "$prefix-local" -Type subnet -Endpoint $seed.private_subnet_id
        $localGroup.Type | Should -Be 'subnet'
        $localGroup.Endpoints | Should -Be @($seed.private_subnet_id)
        $script:peerGroup = New-VpnEndpointGroup -Name "$prefix-peer" -Type cidr -Endpoint 10.21.0.0/24, 10.22.0.0/24
        ($peerGroup.Endpoints | Sort-Object) | Should -Be @('10.21.0.0/24', '10.22.0.0/24')
        (Get-VpnEndpointGroup -Type cidr -Name "$prefix-*").Id | Should -Be $peerGroup.Id
    }

    It 'creates legacy connections from objects, ids and names alike' {
        $script:c1 = New-IpsecSiteConnection -Name "$prefix-c1" -VpnService $legacy -IkePolicy $ike.Id -IpsecPolicy $ipsec.Name `
            -PeerAddress 172.24.4.240 -PeerCidr 10.31.0.0/24, 10.32.0.0/24 -Psk $psk -DpdAction restart -DpdInterval 15 -DpdTimeout 60 -Mtu 1400 -Description 'first' -IncludeSecret
        $c1.VpnServiceId | Should -Be $legacy.Id
        $c1.IkePolicyId | Should -Be $ike.Id
        $c1.IpsecPolicyId | Should -Be $ipsec.Id
        $c1.PeerId | Should -Be '172.24.4.240'
        ($c1.PeerCidrs | Sort-Object) | Should -Be @('10.31.0.0/24', '10.32.0.0/24')
        "$($c1.Dpd)" | Should -Be 'restart/15/60'
        $c1.Mtu | Should -Be 1400
        ($c1.Psk | ConvertTo-PlainText) | Should -Be 'lifecycle-psk-1'
        $script:c2 = New-IpsecSiteConnection -Name "$prefix-c2" -VpnService $legacy.Name -IkePolicy $ike -IpsecPolicy $ipsec -PeerAddress 172.24.4.241 -PeerCidr 10.33.0.0/24 -Psk $psk -AdminStateUp $false
        $c2.AdminStateUp | Should -BeFalse
        $c2.Psk | Should -BeNullOrEmpty -Because 'the PSK is only in the output when -IncludeSecret asks for it'
    }

    It 'creates an endpoint-group-mode connection' {
        $script:c3 = New-IpsecSiteConnection -Name "$prefix-c3" -VpnService $epgService -IkePolicy $ike -IpsecPolicy $ipsec -PeerAddress 172.24.4.242 `
            -LocalEndpointGroup $localGroup.Name -PeerEndpointGroup $peerGroup -Psk $psk
        $c3.LocalEndpointGroupId | Should -Be $localGroup.Id
        $c3.PeerEndpointGroupId | Should -Be $peerGroup.Id
        $c3.PeerCidrs | Should -BeNullOrEmpty
    }

    It 'chains through the pipeline: a service''s connections' {
        (Get-VpnService -Name "$prefix-legacy" | Get-IpsecSiteConnection).Name | Sort-Object | Should -Be @("$prefix-c1", "$prefix-c2")
        (Get-IpsecSiteConnection -VpnService "$prefix-epg").Id | Should -Be $c3.Id
    }

    It 'says Neutron refuses updates while a connection is PENDING_CREATE, with its type' {
        $record = Get-ErrorRecord { Set-IpsecSiteConnection -Id $c1.Id -Description 'x' }
        $record.FullyQualifiedErrorId | Should -BeLike 'VPNStateInvalidToUpdate,*'
        $record.Exception.Message | Should -BeLike "Invalid state PENDING_CREATE of vpnaas resource $($c1.Id) for updating*"
    }

    It 'updates only the fields named, rotates the PSK, keeps the rest of DPD, and clears a field' {
        Set-TestStatus connection $c1.Id ACTIVE
        $newPsk = ConvertTo-SecureString 'lifecycle-psk-2' -AsPlainText -Force
        $sent = Get-ServerRequest { Set-IpsecSiteConnection -Id $c1.Id -Psk $newPsk -DpdTimeout 90 -Description '' -PassThru -IncludeSecret }
        $updated = $script:ServerRequestOutput
        @($sent | Where-Object Method -eq PUT).Count | Should -Be 1
        ($updated.Psk | ConvertTo-PlainText) | Should -Be 'lifecycle-psk-2'
        "$($updated.Dpd)" | Should -Be 'restart/15/90'
        $updated.Description | Should -Be ''
        $updated.Mtu | Should -Be 1400
        ($updated.PeerCidrs | Sort-Object) | Should -Be @('10.31.0.0/24', '10.32.0.0/24') -Because 'Neutron keeps no order of peer CIDRs'
    }

    It 'changes peer CIDRs and MTU through the pipeline' {
        $c = Get-IpsecSiteConnection -Id $c1.Id | Set-IpsecSiteConnection -PeerCidr 10.34.0.0/24 -Mtu 1450 -PassThru
        $c.PeerCidrs | Should -Be @('10.34.0.0/24')
        $c.Mtu | Should -Be 1450
    }

    It 'changes a VPN service and an endpoint group by name and description' {
        Set-TestStatus vpnservice $legacy.Id ACTIVE
        (Set-VpnService -Id $legacy.Id -Description 'legacy mode' -PassThru).Description | Should -Be 'legacy mode'
        (Set-VpnEndpointGroup -InputObject $peerGroup -Description 'peers' -PassThru).Description | Should -Be 'peers'
    }

    It 'waits for ACTIVE and returns the connection' {
        (Wait-IpsecSiteConnection -Id $c1.Id -TimeoutSec 5 -PollIntervalSec 1).Status | Should -Be 'ACTIVE'
    }

    It 'reports the last status seen when a wait times out' {
        $record = Get-ErrorRecord { $c2 | Wait-IpsecSiteConnection -TimeoutSec 2 -PollIntervalSec 1 }
        $record.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $record.Exception.Message | Should -BeLike "*'$prefix-c2'*is still PENDING_CREATE after 2 s*"
    }

    It 'fails a wait when the connection goes to ERROR' {
        Set-TestStatus connection $c3.Id ERROR
        $record = Get-ErrorRecord { Wait-IpsecSiteConnection -Id $c3.Id -TimeoutSec 5 -PollIntervalSec 1 }
        $record.Exception.Message | Should -BeLike '*went to ERROR*'
        Set-TestStatus connection $c3.Id PENDING_CREATE
    }

    It 'creates and waits in one step with New-IpsecSiteConnection -Wait' {
        $record = Get-ErrorRecord { New-IpsecSiteConnection -Name "$prefix-c4" -VpnService $legacy -IkePolicy $ike -IpsecPolicy $ipsec -PeerAddress 172.24.4.243 -PeerCidr 10.35.0.0/24 -Psk $psk -Wait -WaitTimeoutSec 2 -PollIntervalSec 1 }
        $record.CategoryInfo.Category | Should -Be 'OperationTimeout'
        Get-IpsecSiteConnection -Name "$prefix-c4" | Should -Not -BeNullOrEmpty
    }

    It 'refuses to change a policy in use, and says which connections use it' {
        $record = Get-ErrorRecord { Set-IkePolicy -Id $ike.Id -Lifetime 3600 }
        $record.FullyQualifiedErrorId | Should -BeLike 'IKEPolicyInUse,*'
        $record = Get-ErrorRecord { Remove-IkePolicy -Id $ike.Id -Force }
        $record.CategoryInfo.Category | Should -Be 'ResourceBusy'
        $record.Exception.Message | Should -BeLike "IKEPolicy $($ike.Id) is in use*Used by IPsec site connection(s):*'$prefix-c1'*"
        $record = Get-ErrorRecord { Remove-IpsecPolicy -Id $ipsec.Id -Force }
        $record.FullyQualifiedErrorId | Should -BeLike 'IPsecPolicyInUse,*'
    }

    It 'refuses to remove a service or an endpoint group in use, naming the users' {
        $record = Get-ErrorRecord { Remove-VpnService -Id $legacy.Id -Force }
        $record.FullyQualifiedErrorId | Should -BeLike 'VPNServiceInUse,*'
        $record.Exception.Message | Should -BeLike "*'$prefix-c2'*"
        $record = Get-ErrorRecord { Remove-VpnEndpointGroup -Id $peerGroup.Id -Force }
        $record.FullyQualifiedErrorId | Should -BeLike 'EndpointGroupInUse,*'
        $record.Exception.Message | Should -BeLike "*'$prefix-c3'*"
    }

    It 'removes connections from the pipeline and continues past one that is already gone' {
        $gone = [pscustomobject]@{ Id = [guid]::NewGuid().ToString() }
        $errors = @()
        @((Get-IpsecSiteConnection -VpnService $legacy), $gone, (Get-IpsecSiteConnection -VpnService $epgService)) |
            ForEach-Object { $_ } | Remove-IpsecSiteConnection -Force -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-IpsecSiteConnection -Name "$prefix*" | Should -BeNullOrEmpty
    }

    It 'removes the rest in dependency order, leaving nothing behind' {
        Remove-VpnService -Name "$prefix-legacy", "$prefix-epg" -Force
        Remove-VpnEndpointGroup -InputObject $localGroup, $peerGroup -Force
        $ike | Remove-IkePolicy -Force
        $ipsec | Remove-IpsecPolicy -Force
        Get-VpnService -Name "$prefix*" | Should -BeNullOrEmpty
        Get-VpnEndpointGroup -Name "$prefix*" | Should -BeNullOrEmpty
        Get-IkePolicy -Name "$prefix*" | Should -BeNullOrEmpty
        Get-IpsecPolicy -Name "$prefix*" | Should -BeNullOrEmpty
    }
}
