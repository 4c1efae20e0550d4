# What the one description per resource gives users: parameters that exist only where they mean something,
# mandatory parameters on New, Tab completion and validation of values, filters in Neutron's spelling, and
# "in use by" messages for every resource that others refer to.
BeforeDiscovery {
    $createOnly = @(
        @{ Set = 'Set-IpsecSiteConnection'; New = 'New-IpsecSiteConnection'; Parameter = 'VpnService' }
        @{ Set = 'Set-IpsecSiteConnection'; New = 'New-IpsecSiteConnection'; Parameter = 'IkePolicy' }
        @{ Set = 'Set-IpsecSiteConnection'; New = 'New-IpsecSiteConnection'; Parameter = 'IpsecPolicy' }
        @{ Set = 'Set-IpsecSiteConnection'; New = 'New-IpsecSiteConnection'; Parameter = 'AvailabilityZone' }
        @{ Set = 'Set-IpsecSiteConnection'; New = 'New-IpsecSiteConnection'; Parameter = 'ProjectId' }
        @{ Set = 'Set-VpnService'; New = 'New-VpnService'; Parameter = 'Router' }
        @{ Set = 'Set-VpnService'; New = 'New-VpnService'; Parameter = 'Subnet' }
        @{ Set = 'Set-VpnService'; New = 'New-VpnService'; Parameter = 'FlavorId' }
        @{ Set = 'Set-VpnEndpointGroup'; New = 'New-VpnEndpointGroup'; Parameter = 'Type' }
        @{ Set = 'Set-VpnEndpointGroup'; New = 'New-VpnEndpointGroup'; Parameter = 'Endpoint' }
        @{ Set = 'Set-IkePolicy'; New = 'New-IkePolicy'; Parameter = 'ProjectId' }
        @{ Set = 'Set-IpsecPolicy'; New = 'New-IpsecPolicy'; Parameter = 'ProjectId' }
    )
    $required = @(
        @{ New = 'New-IpsecSiteConnection'; Set = 'Set-IpsecSiteConnection'; Parameter = 'PeerAddress' }
        @{ New = 'New-IpsecSiteConnection'; Set = 'Set-IpsecSiteConnection'; Parameter = 'Psk' }
    )
    $completions = @(
        @{ Line = 'Set-IpsecSiteConnection -DpdAction res'; Expected = @('restart', 'restart-by-peer') }
        @{ Line = 'New-IpsecSiteConnection -Initiator resp'; Expected = @('response-only') }
        @{ Line = 'Get-VpnService -Status PENDING_'; Expected = @('PENDING_CREATE', 'PENDING_UPDATE', 'PENDING_DELETE') }
        @{ Line = 'New-VpnEndpointGroup -Type ci'; Expected = @('cidr') }
        @{ Line = 'Set-IkePolicy -IkeVersion v'; Expected = @('v1', 'v2') }
        @{ Line = 'New-IpsecPolicy -TransformProtocol ah'; Expected = @('ah', 'ah-esp') }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Parameters follow the resource description' {
    It '<Set> has no -<Parameter>: it is set only when the object is created, and <New> has it' -ForEach $createOnly {
        (Get-Command $New).Parameters.Keys | Should -Contain $Parameter
        (Get-Command $Set).Parameters.Keys | Should -Not -Contain $Parameter
    }

    It '<New> makes -<Parameter> mandatory; <Set> takes it as an option' -ForEach $required {
        # What Get-Command -Syntax shows and what PowerShell prompts for: the parameter's IsMandatory in each set.
        $new = @((Get-Command $New).ParameterSets | ForEach-Object { $_.Parameters } | Where-Object { $_.Name -eq $Parameter })
        $set = @((Get-Command $Set).ParameterSets | ForEach-Object { $_.Parameters } | Where-Object { $_.Name -eq $Parameter })
        $new.Count | Should -BeGreaterThan 0
        @($new | Where-Object { -not $_.IsMandatory }).Count | Should -Be 0
        $set.Count | Should -BeGreaterThan 0
        @($set | Where-Object { $_.IsMandatory }).Count | Should -Be 0
    }

    It 'Connect-OpenStack has no -Session: it makes a session rather than using one' {
        (Get-Command Connect-OpenStack).Parameters.Keys | Should -Not -Contain 'Session'
        (Get-Command Disconnect-OpenStack).Parameters.Keys | Should -Contain 'Session'
    }

    It 'completes <Line> with the values the description has' -ForEach $completions {
        $result = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
        @($result.CompletionMatches.CompletionText) | Should -Be $Expected
    }
}

Describe 'Values and references come from the description' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Probe
        $psk = ConvertTo-SecureString 'description-psk-1' -AsPlainText -Force
        $prefix = New-TestName 'desc'
    }

    AfterAll {
        Remove-TestObject $prefix
        Remove-Probe
    }

    It 'refuses a status the description does not have, before any request' {
        $sent = Get-ServerRequest { Get-ErrorRecord { Get-IpsecSiteConnection -Status sideways } }
        $sent | Should -BeNullOrEmpty -Because 'the server received nothing'
        $record = $script:ServerRequestOutput
        "$record" | Should -BeLike "*'Status'*does not belong to the set*ACTIVE*"
    }

    It 'sends a filter value in Neutron''s spelling, whatever case it was typed in' {
        $sent = Get-ServerRequest { Get-IpsecSiteConnection -Status active -Name "$prefix-none*" }
        @($sent | Where-Object { $_.Method -eq 'GET' -and $_.Query -cmatch 'status=ACTIVE' }).Count | Should -Be 1
        $sent = Get-ServerRequest { Get-VpnEndpointGroup -Type CIDR -Name "$prefix-none*" }
        @($sent | Where-Object { $_.Method -eq 'GET' -and $_.Query -cmatch 'endpoint_type=cidr' }).Count | Should -Be 1
    }

    It 'says which connection uses an endpoint group or a service that cannot be removed' {
        $ike = New-IkePolicy -Name "$prefix-ike"
        $ipsec = New-IpsecPolicy -Name "$prefix-ipsec"
        $service = New-VpnService -Name "$prefix-epg" -Router $seed.router_id
        $local = New-VpnEndpointGroup -Name "$prefix-local" -Type subnet -Endpoint $seed.private_subnet_id
        $peer = New-VpnEndpointGroup -Name "$prefix-peer" -Type cidr -Endpoint 10.41.0.0/24
        $c = New-IpsecSiteConnection -Name "$prefix-c" -VpnService $service -IkePolicy $ike -IpsecPolicy $ipsec -PeerAddress 172.24.4.243 `
            -LocalEndpointGroup $local -PeerEndpointGroup $peer -Psk $psk
        $group = Get-ErrorRecord { Remove-VpnEndpointGroup -Id $peer.Id -Force }
        $group.Exception.Message | Should -BeLike "*Used by IPsec site connection(s): '$prefix-c' ($($c.Id)). Remove those first."
        $used = Get-ErrorRecord { Remove-VpnService -Id $service.Id -Force }
        $used.Exception.Message | Should -BeLike "*Used by IPsec site connection(s): '$prefix-c' ($($c.Id)). Remove those first."
        Get-VpnEndpointGroup -Id $peer.Id | Should -Not -BeNullOrEmpty -Because 'the server refused the removal'
    }
}
