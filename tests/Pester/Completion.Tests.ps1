BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Get-Completion {
        # What Tab offers at the end of a command line, as PowerShell's own completion engine computes it.
        param([string] $Line)
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }

    function Get-NeutronRequestCount {
        # Requests the embedded cloud received whose path contains $Path (from the server's log, not the module's).
        param([string] $Path)
        @(Get-EmbeddedOpenStackRequest -Server $global:OpenStackVpnTestServer | Where-Object { $_.Path -like "*$Path*" }).Count
    }

}

Describe 'Tab completes the names and ids of live objects' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Lab lab-admin
        $prefix = New-TestName 'tab'
        $ikeA = New-IkePolicy -Name "$prefix-a"
        $ikeB = New-IkePolicy -Name "$prefix-b"
        $ikeSpaced = New-IkePolicy -Name "$prefix it's spaced"
        $twins = 1, 2 | ForEach-Object { New-IpsecPolicy -Name "$prefix-twin" }
        $service = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id
        $localGroup = New-VpnEndpointGroup -Name "$prefix-local" -Type subnet -Endpoint $seed.private_subnet_id
        $peerGroup = New-VpnEndpointGroup -Name "$prefix-peer" -Type cidr -Endpoint 10.77.0.0/24
        [OpenStackVpn.Core.Resources.NameLookup]::Clear()
    }

    AfterAll {
        Get-VpnEndpointGroup -Name "$prefix*" | Remove-VpnEndpointGroup -Force -ErrorAction SilentlyContinue
        Get-VpnService -Name "$prefix*" | Remove-VpnService -Force -ErrorAction SilentlyContinue
        Get-IkePolicy -Name "$prefix*" | Remove-IkePolicy -Force -ErrorAction SilentlyContinue
        Get-IpsecPolicy -Name "$prefix*" | Remove-IpsecPolicy -Force -ErrorAction SilentlyContinue
    }

    It 'completes -Name with the names that start with what was typed, quoting the one that needs it, the id in the tooltip' {
        $matches = Get-Completion "Get-IkePolicy -Name $prefix"
        $matches.ListItemText | Should -Be @("$prefix it's spaced", "$prefix-a", "$prefix-b")
        $matches[0].CompletionText | Should -Be "'$prefix it''s spaced'"
        $matches[1].CompletionText | Should -Be "$prefix-a"
        $matches[1].ToolTip | Should -Be "$prefix-a ($($ikeA.Id))"
    }

    It 'offers a shared name once for -Name, with both ids in the tooltip' {
        $matches = Get-Completion "Remove-IpsecPolicy -Name $prefix-t"
        $matches.CompletionText | Should -Be @("$prefix-twin")
        $matches[0].ToolTip | Should -BeLike "*$($twins[0].Id)*"
        $matches[0].ToolTip | Should -BeLike "*$($twins[1].Id)*"
    }

    It 'completes -Id of Get, Set, Remove and Wait with ids, matching the typed text against names too' {
        (Get-Completion "Get-IkePolicy -Id $prefix-a").CompletionText | Should -Be @($ikeA.Id)
        (Get-Completion "Set-IkePolicy -Id $($ikeB.Id.Substring(0, 8))").CompletionText | Should -Be @($ikeB.Id)
        (Get-Completion "Remove-IkePolicy -Id $prefix-b").CompletionText | Should -Be @($ikeB.Id)
        (Get-Completion "Wait-VpnService -Id $prefix").CompletionText | Should -Be @($service.Id)
    }

    It 'completes -VpnService, -IkePolicy and -IpsecPolicy of New-IpsecSiteConnection, offering ids where a name is shared' {
        (Get-Completion "New-IpsecSiteConnection -VpnService $prefix").CompletionText | Should -Be @("$prefix-vpn")
        (Get-Completion "Get-IpsecSiteConnection -VpnService $prefix").CompletionText | Should -Be @("$prefix-vpn")
        (Get-Completion "New-IpsecSiteConnection -IkePolicy $prefix-").CompletionText | Should -Be @("$prefix-a", "$prefix-b")
        (Get-Completion "New-IpsecSiteConnection -IpsecPolicy $prefix").CompletionText | Sort-Object | Should -Be ($twins.Id | Sort-Object) -Because 'the name is shared, so only the ids would be accepted'
    }

    It 'completes -LocalEndpointGroup with subnet groups only and -PeerEndpointGroup with CIDR groups only' {
        (Get-Completion "New-IpsecSiteConnection -LocalEndpointGroup $prefix").CompletionText | Should -Be @("$prefix-local")
        (Get-Completion "Set-IpsecSiteConnection -PeerEndpointGroup $prefix").CompletionText | Should -Be @("$prefix-peer")
    }

    It 'completes -Router and -Subnet of New-VpnService, and the subnets of a subnet endpoint group' {
        (Get-Completion "New-VpnService -Router $($seed.router_name)").CompletionText | Should -Contain $seed.router_name
        (Get-Completion "New-VpnService -Router x -Subnet $($seed.private_subnet_name)").CompletionText | Should -Contain $seed.private_subnet_name
        (Get-Completion "New-VpnEndpointGroup -Type subnet -Endpoint $($seed.private_subnet_name)").CompletionText | Should -Contain $seed.private_subnet_name
        Get-Completion "New-VpnEndpointGroup -Type cidr -Endpoint $($seed.private_subnet_name)" | Should -BeNullOrEmpty -Because 'a CIDR group lists CIDRs, not subnets'
    }

    It 'offers nothing, not even file names, and writes no error, without a session' {
        Disconnect-OpenStack
        Push-Location $PSScriptRoot   # a folder full of files, which the default completion would offer
        try {
            $errors = $Error.Count
            Get-Completion 'Get-IkePolicy -Name ' | Should -BeNullOrEmpty
            Get-Completion 'New-IpsecSiteConnection -VpnService ' | Should -BeNullOrEmpty
            $Error.Count | Should -Be $errors
        }
        finally { Pop-Location; $script:session = Connect-Lab lab-admin; [OpenStackVpn.Core.Resources.NameLookup]::Clear() }
    }
}

Describe 'What a completion costs the cloud' -Skip:($env:OPENSTACKVPN_BACKEND -ne 'embedded') {
    # Counted from the embedded cloud's own request log; the lab's log is shared with other runs.
    BeforeEach {
        $session = Connect-Lab lab-admin
        [OpenStackVpn.Core.Resources.NameLookup]::Clear()
        Clear-EmbeddedOpenStackFault -Server $global:OpenStackVpnTestServer
    }

    AfterEach { Clear-EmbeddedOpenStackFault -Server $global:OpenStackVpnTestServer }

    It 'sends one request for a completion, and none for the next Tab within the cache time' {
        $before = Get-NeutronRequestCount 'ikepolicies'
        $null = Get-Completion 'Get-IkePolicy -Name '
        (Get-NeutronRequestCount 'ikepolicies') - $before | Should -Be 1
        $null = Get-Completion 'Remove-IkePolicy -Id '
        $null = Get-Completion 'New-IpsecSiteConnection -IkePolicy '
        (Get-NeutronRequestCount 'ikepolicies') - $before | Should -Be 1
    }

    It 'asks again once the cache time has passed' {
        $saved = [OpenStackVpn.Core.Resources.NameLookup]::CacheFor
        [OpenStackVpn.Core.Resources.NameLookup]::CacheFor = [timespan]::Zero
        try {
            $before = Get-NeutronRequestCount 'ikepolicies'
            $null = Get-Completion 'Get-IkePolicy -Name '
            $null = Get-Completion 'Get-IkePolicy -Name '
            (Get-NeutronRequestCount 'ikepolicies') - $before | Should -Be 2
        }
        finally { [OpenStackVpn.Core.Resources.NameLookup]::CacheFor = $saved }
    }

    It 'sends the request once, without retrying, when the cloud answers 503, and offers nothing' {
        Add-EmbeddedOpenStackFault -Server $global:OpenStackVpnTestServer -StatusCode 503 -Method GET -PathContains ipsecpolicies -Count 5
        $before = Get-NeutronRequestCount 'ipsecpolicies'
        $errors = $Error.Count
        Get-Completion 'Get-IpsecPolicy -Name ' | Should -BeNullOrEmpty
        (Get-NeutronRequestCount 'ipsecpolicies') - $before | Should -Be 1
        $Error.Count | Should -Be $errors
    }

    It 'gives up silently on a cloud slower than the time limit, and the late answer serves the next Tab' {
        Add-EmbeddedOpenStackFault -Server $global:OpenStackVpnTestServer -DelaySec 3 -Method GET -PathContains vpnservices -Count 1
        $before = Get-NeutronRequestCount 'vpnservices'
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        Get-Completion 'Get-VpnService -Name ' | Should -BeNullOrEmpty
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 2.5 -Because 'the completion must not wait for the 3 s the cloud takes'
        Start-Sleep -Seconds 3
        (Get-Completion 'Get-VpnService -Name ').CompletionText | Should -Contain 'vpnservice1'
        (Get-NeutronRequestCount 'vpnservices') - $before | Should -Be 1
    }
}

Describe 'Tab completes live objects, not file names, where a cmdlet names an existing object' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Lab lab-admin
        $prefix = New-TestName 'tabname'
        $ike = New-IkePolicy -Name "$prefix-ike"
        $ipsec = New-IpsecPolicy -Name "$prefix-ipsec"
        $service = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id -Subnet $seed.private_subnet_id
        $psk = ConvertTo-SecureString 'tab-psk-12345' -AsPlainText -Force
        $connection = New-IpsecSiteConnection -Name "$prefix-c1" -VpnService $service -IkePolicy $ike `
            -IpsecPolicy $ipsec -PeerAddress 172.24.4.243 -PeerCidr 10.93.0.0/24 -Psk $psk
        # A file that starts like the names: a completion that falls back to file names would offer it.
        $folder = Join-Path $TestDrive 'cwd'
        $null = New-Item -ItemType Directory $folder
        Set-Content (Join-Path $folder "$prefix-file.txt") 'x'
        Push-Location $folder
        [OpenStackVpn.Core.Resources.NameLookup]::Clear()
    }

    AfterAll {
        Pop-Location
        Remove-TestObject $prefix
    }

    It 'completes -Name of Export-IpsecPeerConfig and Test-IpsecSiteConnection with connection names' {
        (Get-Completion "Export-IpsecPeerConfig -Name $prefix").CompletionText | Should -Be @("$prefix-c1")
        (Get-Completion "Test-IpsecSiteConnection -Name $prefix").CompletionText | Should -Be @("$prefix-c1")
        (Get-Completion "Export-IpsecPeerConfig $prefix").CompletionText | Should -Be @("$prefix-c1")
    }

    It 'completes -Id of Set-EmbeddedOpenStackStatus with the ids of the -Kind given' {
        (Get-Completion "Set-EmbeddedOpenStackStatus -Kind VpnService -Id $prefix").CompletionText |
            Should -Be @($service.Id)
        (Get-Completion "Set-EmbeddedOpenStackStatus -Kind IpsecSiteConnection -Id $prefix").CompletionText |
            Should -Be @($connection.Id)
    }
}
