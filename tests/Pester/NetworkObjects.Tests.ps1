BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Get-Completion {
        param([string] $Line)
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }
}

Describe 'The routers, subnets and networks around a VPN, read only' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Lab lab-admin
        $limit = [OpenStackVpn.Completion.LiveCompleter]::Limit
    }

    AfterAll { [OpenStackVpn.Completion.LiveCompleter]::Limit = $limit }

    It 'shows a router with its external network and the address peers connect to (the VPN service''s address)' {
        $router = Get-OpenStackRouter -Name $seed.router_name
        $router.Id | Should -Be $seed.router_id
        $router.Status | Should -Be 'ACTIVE'
        $router.ExternalNetworkId | Should -Be $seed.external_network_id
        $router.ExternalFixedIps | Should -HaveCount 1
        $router.ExternalFixedIps[0] | Should -Be (Get-VpnService -Id $seed.vpnservice_id).ExternalV4Ip
    }

    It 'finds a router by id, by wildcard and by status, and says so when a name matches nothing' {
        (Get-OpenStackRouter -Id $seed.router_id).Name | Should -Be $seed.router_name
        (Get-OpenStackRouter 'router*').Id | Should -Contain $seed.router_id
        (Get-OpenStackRouter -Status ACTIVE).Id | Should -Contain $seed.router_id
        $record = Get-ErrorRecord { Get-OpenStackRouter -Name 'no-such-router-i22b' }
        $record.Exception.Message | Should -Be "No router named 'no-such-router-i22b' was found."
    }

    It 'shows a subnet''s CIDR, IP version, network and gateway, filtered by network name, id or object' {
        $byName = Get-OpenStackSubnet -Network $seed.private_network_name
        $byName.Id | Should -Be @($seed.private_subnet_id)
        $byName.Cidr | Should -Be '10.0.0.0/24'
        $byName.IpVersion | Should -Be 4
        $byName.GatewayIp | Should -Be '10.0.0.1'
        $byName.NetworkId | Should -Be $seed.private_network_id
        (Get-OpenStackSubnet -Network $seed.private_network_id).Id | Should -Be @($seed.private_subnet_id)
        (Get-OpenStackSubnet -Network (Get-OpenStackNetwork -Id $seed.private_network_id)).Id |
            Should -Be @($seed.private_subnet_id)
        (Get-OpenStackSubnet -Cidr 10.0.0.0/24 -IpVersion 4).Id | Should -Be @($seed.private_subnet_id)
    }

    It 'finds VPN services by their router or subnet given as a name, an id or an object, filtered by Neutron' {
        $null = Connect-Probe
        try {
            $router = Get-OpenStackRouter -Id $seed.router_id
            $subnet = Get-OpenStackSubnet -Id $seed.private_subnet_id
            foreach ($given in $seed.router_name, $seed.router_id, $router) {
                $requests = Get-ServerRequest { Get-VpnService -Router $given }
                $script:ServerRequestError | Should -BeNullOrEmpty
                $script:ServerRequestOutput.Id | Should -Contain $seed.vpnservice_id
                $script:ServerRequestOutput.RouterId | Sort-Object -Unique | Should -Be $seed.router_id
                @($requests | Where-Object { $_.Path -like '*/vpnservices' }).Query |
                    Should -Match "router_id=$($seed.router_id)" -Because 'Neutron filters, not the module'
            }
            foreach ($given in $subnet.Name, $subnet) {
                (Get-VpnService -Subnet $given).SubnetId | Sort-Object -Unique | Should -Be $seed.private_subnet_id
            }
            (Get-VpnService -RouterId $seed.router_id).Id | Should -Contain $seed.vpnservice_id
            $record = Get-ErrorRecord { Get-VpnService -Router 'no-such-router-pair' }
            $record.Exception.Message | Should -Be "-Router: No router has the id or name 'no-such-router-pair'."
        }
        finally { Remove-Probe; $null = Connect-Lab lab-admin }
    }

    It 'tells external networks from the others' {
        $external = Get-OpenStackNetwork -External
        $external.Id | Should -Contain $seed.external_network_id
        $external.Id | Should -Not -Contain $seed.private_network_id
        ($external | Where-Object Id -EQ $seed.external_network_id).External | Should -BeTrue
        $internal = Get-OpenStackNetwork -External:$false
        $internal.Id | Should -Contain $seed.private_network_id
        $internal.Id | Should -Not -Contain $seed.external_network_id
        (Get-OpenStackNetwork -Id $seed.private_network_id).Subnets | Should -Be @($seed.private_subnet_id)
    }

    It 'refuses an unknown network for -Network with the parameter''s name' {
        $record = Get-ErrorRecord { Get-OpenStackSubnet -Network 'no-such-network-i22b' }
        $record.Exception.Message | Should -Be "-Network: No network has the id or name 'no-such-network-i22b'."
    }

    It 'completes names of routers, subnets and networks, and -Network of Get-OpenStackSubnet' {
        [OpenStackVpn.Core.Resources.NameLookup]::Clear()
        # The shared lab can be slower than completion's 1 s limit; what is tested here is what is offered.
        [OpenStackVpn.Completion.LiveCompleter]::Limit = [timespan]::FromSeconds(10)
        (Get-Completion 'Get-OpenStackRouter -Name router').CompletionText | Should -Contain $seed.router_name
        (Get-Completion 'Get-OpenStackSubnet -Name private-').CompletionText | Should -Contain $seed.private_subnet_name
        (Get-Completion 'Get-OpenStackNetwork -Name publ').CompletionText | Should -Contain $seed.external_network_name
        (Get-Completion 'Get-OpenStackSubnet -Network priv').CompletionText | Should -Contain $seed.private_network_name
        (Get-Completion "Get-OpenStackRouter -Id $($seed.router_id.Substring(0, 8))").CompletionText |
            Should -Be @($seed.router_id)
    }

    It 'offers no Set, New or Remove for them' {
        foreach ($noun in 'OpenStackRouter', 'OpenStackSubnet', 'OpenStackNetwork') {
            Get-Command -Module OpenStackVpn -Noun $noun | ForEach-Object Verb | Should -Be @('Get')
        }
    }
}

Describe 'An in-process embedded cloud given its own networks, subnets and routers (-Seed)' {
    BeforeAll {
        $topology = @{
            networks = @(@{ name = 'seeded-net' }, @{ name = 'seeded-ext'; external = $true })
            subnets  = @(
                @{ name = 'seeded-subnet'; network = 'seeded-net'; cidr = '10.50.0.0/24' }
                @{ name = 'seeded-ext-subnet'; network = 'seeded-ext'; cidr = '198.51.100.0/24'; enable_dhcp = $false }
            )
            routers  = @(@{ name = 'seeded-router'; external_network = 'seeded-ext'; subnets = @('seeded-subnet') })
        }
    }

    AfterAll {
        # -Seed connects the default session to the in-process cloud: give the other tests theirs back.
        $null = Connect-Lab lab-admin
        [OpenStackVpn.Core.Resources.NameLookup]::Clear()
    }

    It 'makes them from a hashtable, and a runbook can build a VPN on them without a served cloud' {
        $null = Connect-OpenStack -Embedded -Seed $topology
        $router = Get-OpenStackRouter -Name seeded-router
        $network = Get-OpenStackNetwork -Name seeded-ext
        $network.External | Should -BeTrue
        $router.ExternalNetworkId | Should -Be $network.Id
        $router.ExternalFixedIps[0] | Should -BeLike '198.51.100.*'
        (Get-OpenStackSubnet -Network seeded-net).Cidr | Should -Be '10.50.0.0/24'
        $service = New-VpnService -Name i22b-seeded-vpn -Router seeded-router -Subnet seeded-subnet
        $service.RouterId | Should -Be $router.Id
        $service.ExternalV4Ip | Should -Be $router.ExternalFixedIps[0]
        (Get-IpsecSiteConnection -Name vpnconnection1).Name | Should -Be 'vpnconnection1'
    }

    It 'reads the same description from a JSON file' {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) "i22b-seed-$PID.json"
        try {
            Set-Content -Path $file -Value ($topology | ConvertTo-Json -Depth 5)
            $null = Connect-OpenStack -Embedded -Seed $file
            (Get-OpenStackRouter -Name seeded-router).ExternalFixedIps[0] | Should -BeLike '198.51.100.*'
        }
        finally { Remove-Item $file -ErrorAction SilentlyContinue }
    }

    It 'serves a seeded cloud too (Start-EmbeddedOpenStack -Seed)' {
        $server = Start-EmbeddedOpenStack -Seed $topology
        try {
            $null = Connect-OpenStack -AuthUrl $server.AuthUrl -Credential $server.Credential -ProjectName admin
            (Get-OpenStackSubnet -Name seeded-subnet).GatewayIp | Should -Be '10.50.0.1'
        }
        finally { Stop-EmbeddedOpenStack $server }
    }

    It 'refuses a description Neutron or the seed refuses, naming -Seed, the item and the reason' {
        $unknown = @{ subnets = @(@{ name = 'bad'; network = 'nope'; cidr = '10.9.0.0/24' }) }
        $record = Get-ErrorRecord { Connect-OpenStack -Embedded -Seed $unknown }
        $record.FullyQualifiedErrorId | Should -BeLike 'InvalidSeed,*'
        $record.Exception.Message | Should -Be "-Seed: subnets[0] 'bad': network: there is no network 'nope'."
        $badCidr = @{ subnets = @(@{ name = 'bad'; network = 'private'; cidr = '10.9.0.0/33' }) }
        $record = Get-ErrorRecord { Connect-OpenStack -Embedded -Seed $badCidr }
        $record.Exception.Message |
            Should -BeLike "-Seed: subnets``[0``] 'bad': Neutron refuses it (InvalidInput)*10.9.0.0/33*"
        $record = Get-ErrorRecord { Connect-OpenStack -Embedded -Seed @{ ports = @() } }
        $record.Exception.Message | Should -Be "-Seed: the seed: 'ports' is not networks, subnets or routers."
    }
}
