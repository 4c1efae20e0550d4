BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Subnet endpoint groups take subnets by object, id or unique name' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Lab lab-admin
        $prefix = New-TestName 'epsub'
    }

    AfterAll {
        Get-VpnEndpointGroup -Name "$prefix*" | Remove-VpnEndpointGroup -Force -ErrorAction SilentlyContinue
    }

    It 'resolves a subnet name to its id, like every other reference' {
        $group = New-VpnEndpointGroup -Name "$prefix-name" -Type subnet -Endpoint $seed.private_subnet_name
        $group.Endpoints | Should -Be @($seed.private_subnet_id)
    }

    It 'takes a subnet id, and a mix of a name and an id' {
        $group = New-VpnEndpointGroup -Name "$prefix-mix" -Type subnet -Endpoint $seed.external_subnet_name, $seed.private_subnet_id
        ($group.Endpoints | Sort-Object) | Should -Be (@($seed.external_subnet_id, $seed.private_subnet_id) | Sort-Object)
    }

    It 'takes the same subnet by name and by id as one subnet given twice, refused before the create' {
        $before = @(Get-VpnEndpointGroup -Name "$prefix-twice" -ErrorAction SilentlyContinue).Count
        $record = Get-ErrorRecord { New-VpnEndpointGroup -Name "$prefix-twice" -Type subnet -Endpoint $seed.private_subnet_name, $seed.private_subnet_id }
        $record.Exception.Message | Should -BeLike "-Endpoint*'$($seed.private_subnet_id)' is given twice*"
        @(Get-VpnEndpointGroup -Name "$prefix-twice" -ErrorAction SilentlyContinue).Count | Should -Be $before
    }

    It 'refuses a name that finds no subnet, naming -Endpoint' {
        $record = Get-ErrorRecord { New-VpnEndpointGroup -Name "$prefix-none" -Type subnet -Endpoint "$prefix-no-such-subnet" }
        $record.Exception.Message | Should -Be "-Endpoint: No subnet has the id or name '$prefix-no-such-subnet'."
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'leaves the endpoints of a CIDR group as they are' {
        $group = New-VpnEndpointGroup -Name "$prefix-cidr" -Type cidr -Endpoint 10.66.0.0/24
        $group.Endpoints | Should -Be @('10.66.0.0/24')
    }
}

Describe 'A subnet name shared by several subnets' {
    # Two subnets of one name, made through Neutron's own API (the module creates no subnets).
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Lab lab-admin
        $prefix = New-TestName 'epdup'
        $token = New-LabToken
        $headers = @{ 'X-Auth-Token' = $token }
        $octet = Get-Random -Minimum 100 -Maximum 250
        $subnets = foreach ($i in 1, 2) {
            $body = @{ subnet = @{ name = "$prefix-dup"; network_id = $seed.private_network_id; ip_version = 4; cidr = "10.$octet.$i.0/24" } } | ConvertTo-Json -Depth 5
            (Invoke-RestMethod -Method Post -Uri "$($seed.network_url)/v2.0/subnets" -Headers $headers -Body $body -ContentType 'application/json').subnet
        }
    }

    AfterAll {
        foreach ($subnet in $subnets) { $null = Invoke-RestMethod -Method Delete -Uri "$($seed.network_url)/v2.0/subnets/$($subnet.id)" -Headers $headers }
        Remove-LabToken $token
    }

    It 'is refused with the candidates listed, before any group is created' {
        $record = Get-ErrorRecord { New-VpnEndpointGroup -Name "$prefix-group" -Type subnet -Endpoint "$prefix-dup" }
        $record.Exception.Message | Should -BeLike "-Endpoint: 2 subnets are named '$prefix-dup': *"
        foreach ($subnet in $subnets) { $record.Exception.Message | Should -BeLike "*$($subnet.id)*" }
        @(Get-VpnEndpointGroup -Name "$prefix-group" -ErrorAction SilentlyContinue).Count | Should -Be 0
    }
}
