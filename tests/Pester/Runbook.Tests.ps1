BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    # The network core is not the module's (it stays VPNaaS-only): a runbook builds it with another tool. On the lab that is
    # the openstack CLI; on the embedded backend, Neutron's REST API over HTTP, as any script would call it.
    $script:seed = Get-LabSeed
    $script:onLab = $env:OPENSTACKVPN_BACKEND -eq 'lab'
    if (-not $onLab) {
        $script:token = New-LabToken -User member -Password memberpass -Project member
    }

    function Invoke-Neutron {
        # Returns the answer's body; a refusal throws with Neutron's status and type in the message.
        param([string] $Method, [string] $Path, [hashtable] $Body)
        $call = @{ Method = $Method; Uri = "$($seed.network_url)/v2.0/$Path"; Headers = @{ 'X-Auth-Token' = $token }; ContentType = 'application/json' }
        if ($Body) { $call.Body = $Body | ConvertTo-Json -Depth 10 -Compress }
        try { Invoke-RestMethod @call }
        catch { throw "$Method $Path -> $($_.Exception.Response.StatusCode.value__) $($_.ErrorDetails.Message)" }
    }

    function Invoke-OpenStack {
        # The openstack CLI as the lab's member; -f json answers are parsed.
        $env:OS_CLIENT_CONFIG_FILE = Join-Path $script:LabState 'clouds.yaml'
        try { $text = & openstack --os-cloud lab-member @args 2>&1 } finally { Remove-Item Env:OS_CLIENT_CONFIG_FILE }
        if ($LASTEXITCODE -ne 0) { throw "openstack $args -> $text" }
        if ($args -contains 'json') { ($text -join "`n") | ConvertFrom-Json }
    }

    function New-BranchTopology {
        param([string] $Name, [string] $Cidr)
        if ($onLab) {
            $net = Invoke-OpenStack network create "$Name-net" -f json
            $subnet = Invoke-OpenStack subnet create "$Name-subnet" --network $net.id --subnet-range $Cidr -f json
            $router = Invoke-OpenStack router create "$Name-router" -f json
            Invoke-OpenStack router set --external-gateway $seed.external_network_id $router.id
            Invoke-OpenStack router add subnet $router.id $subnet.id
            $router = Invoke-OpenStack router show $router.id -f json
            return @{ Network = $net.id; Subnet = $subnet.id; Router = $router.id; Gateway = @($router.external_gateway_info.external_fixed_ips)[0].ip_address }
        }
        $net = (Invoke-Neutron POST networks @{ network = @{ name = "$Name-net" } }).network
        $subnet = (Invoke-Neutron POST subnets @{ subnet = @{ name = "$Name-subnet"; network_id = $net.id; ip_version = 4; cidr = $Cidr } }).subnet
        $router = (Invoke-Neutron POST routers @{ router = @{ name = "$Name-router"; external_gateway_info = @{ network_id = $seed.external_network_id } } }).router
        $null = Invoke-Neutron PUT "routers/$($router.id)/add_router_interface" @{ subnet_id = $subnet.id }
        @{ Network = $net.id; Subnet = $subnet.id; Router = $router.id; Gateway = @($router.external_gateway_info.external_fixed_ips)[0].ip_address }
    }

    function Remove-BranchInterface {
        param($Topology)
        if ($onLab) { Invoke-OpenStack router remove subnet $Topology.Router $Topology.Subnet }
        else { $null = Invoke-Neutron PUT "routers/$($Topology.Router)/remove_router_interface" @{ subnet_id = $Topology.Subnet } }
    }

    function Remove-BranchTopology {
        # Each step on its own, so one that fails (or was done already) does not keep the next from running.
        param($Topology)
        $steps = if ($onLab) {
            { Remove-BranchInterface $Topology }, { Invoke-OpenStack router unset --external-gateway $Topology.Router },
            { Invoke-OpenStack router delete $Topology.Router }, { Invoke-OpenStack network delete $Topology.Network }
        }
        else {
            { Remove-BranchInterface $Topology }, { $null = Invoke-Neutron PUT "routers/$($Topology.Router)" @{ router = @{ external_gateway_info = @{} } } },
            { $null = Invoke-Neutron DELETE "routers/$($Topology.Router)" }, { $null = Invoke-Neutron DELETE "networks/$($Topology.Network)" }
        }
        foreach ($step in $steps) { try { & $step } catch { Write-Verbose "teardown: $_" } }
    }

    function Test-Exists {
        param([string] $Path)
        if ($onLab) {
            $kind, $id = $Path -split '/'
            $env:OS_CLIENT_CONFIG_FILE = Join-Path $script:LabState 'clouds.yaml'
            try { $null = & openstack --os-cloud lab-member ($kind.TrimEnd('s')) show $id 2>&1 } finally { Remove-Item Env:OS_CLIENT_CONFIG_FILE }
            return $LASTEXITCODE -eq 0
        }
        try { $null = Invoke-Neutron GET $Path; $true } catch { if ("$_" -match ' -> 404 ') { $false } else { throw } }
    }
}

Describe 'A runbook''s branch: network, subnet and router with a gateway, then a whole VPN with the module, then all of it gone' {
    BeforeAll {
        $name = New-TestName 'runbook'
        $psk = ConvertTo-SecureString 'runbook-psk-1' -AsPlainText -Force
        $script:topology = New-BranchTopology -Name $name -Cidr '10.150.0.0/24'
        $session = Connect-Lab lab-member
    }

    AfterAll {
        Get-IpsecSiteConnection -Name "$name*" -Session $session -ErrorAction SilentlyContinue | Remove-IpsecSiteConnection -Force -Session $session -ErrorAction SilentlyContinue
        Get-VpnService -Name "$name*" -Session $session -ErrorAction SilentlyContinue | Remove-VpnService -Force -Session $session -ErrorAction SilentlyContinue
        Get-IkePolicy -Name "$name*" -Session $session -ErrorAction SilentlyContinue | Remove-IkePolicy -Force -Session $session -ErrorAction SilentlyContinue
        Get-IpsecPolicy -Name "$name*" -Session $session -ErrorAction SilentlyContinue | Remove-IpsecPolicy -Force -Session $session -ErrorAction SilentlyContinue
        Remove-BranchTopology $topology
    }

    It 'gives the new router a gateway address on the external network' {
        $topology.Gateway | Should -Match '^172\.24\.4\.\d+$'
    }

    It 'builds the VPN on the new router and subnet, by name, and the service reads the router''s gateway address' {
        $ike = New-IkePolicy -Name "$name-ike" -IkeVersion v2 -Pfs group14 -Session $session
        $ipsec = New-IpsecPolicy -Name "$name-ipsec" -Session $session
        $script:service = New-VpnService -Name "$name-vpn" -Router "$name-router" -Subnet "$name-subnet" -Session $session
        $service.RouterId | Should -Be $topology.Router
        $service.SubnetId | Should -Be $topology.Subnet
        $service.ExternalV4Ip | Should -Be $topology.Gateway
        $script:connection = New-IpsecSiteConnection -Name "$name-conn" -VpnService $service -IkePolicy $ike -IpsecPolicy $ipsec `
            -PeerAddress 203.0.113.50 -PeerCidr 10.151.0.0/24 -Psk $psk -Session $session
        $connection.Status | Should -Be 'PENDING_CREATE'
        (Get-IpsecSiteConnection -VpnService $service -Session $session).Id | Should -Be $connection.Id
    }

    It 'cannot take the interface from under the VPN service' {
        { Remove-BranchInterface $topology } | Should -Throw '*is used by VPNService*'
    }

    It 'tears the VPN down with the module and the network core with the same tool that built it' {
        Remove-IpsecSiteConnection -Id $connection.Id -Force -Session $session
        Remove-VpnService -Id $service.Id -Force -Session $session
        Get-IkePolicy -Name "$name-ike" -Session $session | Remove-IkePolicy -Force -Session $session
        Get-IpsecPolicy -Name "$name-ipsec" -Session $session | Remove-IpsecPolicy -Force -Session $session
        Remove-BranchTopology $topology
        Test-Exists "routers/$($topology.Router)" | Should -BeFalse
        Test-Exists "subnets/$($topology.Subnet)" | Should -BeFalse
        Test-Exists "networks/$($topology.Network)" | Should -BeFalse
        Get-VpnService -Name "$name*" -Session $session | Should -BeNullOrEmpty
    }
}
