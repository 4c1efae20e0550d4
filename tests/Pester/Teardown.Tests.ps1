BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function New-Vpn {
        # An endpoint-group VPN of two connections, and a second service whose connection shares one IKE policy.
        $p = New-TestName 'teardown'
        $psk = ConvertTo-SecureString 'teardown-psk' -AsPlainText -Force
        $v = @{ Prefix = $p }
        $v.Ike = New-IkePolicy -Name "$p-ike"
        $v.SharedIke = New-IkePolicy -Name "$p-ike-shared"
        $v.Ipsec = New-IpsecPolicy -Name "$p-ipsec"
        $v.Service = New-VpnService -Name "$p-svc" -Router $seed.router_id
        $v.Other = New-VpnService -Name "$p-other" -Router $seed.router_id -Subnet $seed.private_subnet_id
        $v.Local = New-VpnEndpointGroup -Name "$p-local" -Type subnet -Endpoint $seed.private_subnet_id
        $v.Peer = New-VpnEndpointGroup -Name "$p-peer" -Type cidr -Endpoint 10.91.0.0/24
        $v.C1 = New-IpsecSiteConnection -Name "$p-c1" -VpnService $v.Service -IkePolicy $v.Ike -IpsecPolicy $v.Ipsec -PeerAddress 172.24.4.201 -LocalEndpointGroup $v.Local -PeerEndpointGroup $v.Peer -Psk $psk
        $v.C2 = New-IpsecSiteConnection -Name "$p-c2" -VpnService $v.Service -IkePolicy $v.SharedIke -IpsecPolicy $v.Ipsec -PeerAddress 172.24.4.202 -LocalEndpointGroup $v.Local -PeerEndpointGroup $v.Peer -Psk $psk
        $v.C3 = New-IpsecSiteConnection -Name "$p-c3" -VpnService $v.Other -IkePolicy $v.SharedIke -IpsecPolicy $v.Ipsec -PeerAddress 172.24.4.203 -PeerCidr 10.92.0.0/24 -Psk $psk
        [pscustomobject]$v
    }

    function Remove-Vpn {
        param($Vpn)
        $p = $Vpn.Prefix
        Get-IpsecSiteConnection -Name "$p*" | Remove-IpsecSiteConnection -Force -ErrorAction SilentlyContinue
        Get-VpnService -Name "$p*" | Remove-VpnService -Force -ErrorAction SilentlyContinue
        Get-VpnEndpointGroup -Name "$p*" | Remove-VpnEndpointGroup -Force -ErrorAction SilentlyContinue
        Get-IkePolicy -Name "$p*" | Remove-IkePolicy -Force -ErrorAction SilentlyContinue
        Get-IpsecPolicy -Name "$p*" | Remove-IpsecPolicy -Force -ErrorAction SilentlyContinue
    }

    function Test-Exists {
        param([string] $Command, [string] $Id)
        $null -ne (& $Command -Id $Id -ErrorAction SilentlyContinue)
    }

    function Get-Step {
        param($Result, [string] $Id)
        $Result | Where-Object Id -EQ $Id
    }
}

Describe 'Remove-VpnService -Recurse tears a VPN down in one command' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Lab lab-admin
    }

    AfterEach { if ($vpn) { Remove-Vpn $vpn } }

    It 'removes the connections, then the service, then the policies and groups only they used, and keeps a shared policy' {
        $vpn = New-Vpn
        $result = Remove-VpnService -Id $vpn.Service.Id -Recurse -IncludePolicies -IncludeEndpointGroups -Force
        $result.Id[0..1] | Sort-Object | Should -Be (@($vpn.C1.Id, $vpn.C2.Id) | Sort-Object) -Because 'connections go first'
        $result.Id[2] | Should -Be $vpn.Service.Id
        foreach ($id in $vpn.C1.Id, $vpn.C2.Id, $vpn.Service.Id, $vpn.Ike.Id, $vpn.Local.Id, $vpn.Peer.Id) {
            (Get-Step $result $id).Outcome | Should -Be 'Removed' -Because "$id was used only by the VPN torn down"
        }
        $kept = Get-Step $result $vpn.SharedIke.Id
        $kept.Outcome | Should -Be 'Kept'
        $kept.Reason | Should -BeLike "still used by IPsec site connection '$($vpn.Prefix)-c3' ($($vpn.C3.Id))"
        (Get-Step $result $vpn.Ipsec.Id).Outcome | Should -Be 'Kept' -Because 'c3 of the other service uses it too'

        Test-Exists Get-VpnService $vpn.Service.Id | Should -BeFalse
        Test-Exists Get-IpsecSiteConnection $vpn.C1.Id | Should -BeFalse
        Test-Exists Get-IkePolicy $vpn.Ike.Id | Should -BeFalse
        Test-Exists Get-VpnEndpointGroup $vpn.Local.Id | Should -BeFalse
        Test-Exists Get-IkePolicy $vpn.SharedIke.Id | Should -BeTrue
        Test-Exists Get-IpsecSiteConnection $vpn.C3.Id | Should -BeTrue
    }

    It 'keeps policies and endpoint groups unless asked, and says so' {
        $vpn = New-Vpn
        $result = Remove-VpnService -Name "$($vpn.Prefix)-other" -Recurse -Force
        (Get-Step $result $vpn.C3.Id).Outcome | Should -Be 'Removed'
        (Get-Step $result $vpn.Other.Id).Outcome | Should -Be 'Removed'
        (Get-Step $result $vpn.SharedIke.Id).Reason | Should -Be '-IncludePolicies was not given'
        (Get-Step $result $vpn.SharedIke.Id).Outcome | Should -Be 'Kept'
        Test-Exists Get-IkePolicy $vpn.SharedIke.Id | Should -BeTrue

        $result = Remove-VpnService -Id $vpn.Service.Id -Recurse -IncludePolicies -Force
        (Get-Step $result $vpn.Local.Id).Reason | Should -Be '-IncludeEndpointGroups was not given'
        (Get-Step $result $vpn.SharedIke.Id).Outcome | Should -Be 'Removed' -Because 'its other user, c3, is gone now'
        Test-Exists Get-VpnEndpointGroup $vpn.Local.Id | Should -BeTrue
    }

    It 'shows the whole plan in order with -WhatIf, and removes nothing' {
        $vpn = New-Vpn
        $script = Join-Path ([System.IO.Path]::GetTempPath()) "teardown-whatif-$PID.ps1"
        Set-Content $script @'
param($ModulePath, $CloudsFile, $ServiceId)
Import-Module $ModulePath
$env:OS_CLIENT_CONFIG_FILE = $CloudsFile
$null = Connect-OpenStack -Cloud lab-admin
Remove-VpnService -Id $ServiceId -Recurse -IncludePolicies -IncludeEndpointGroups -WhatIf
'@
        # "What if:" goes to the host, not to a stream: read it from a pwsh of its own.
        $exe = (Get-Process -Id $PID).Path
        $prefixArgs = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefixArgs = @(Join-Path $PSHOME 'pwsh.dll') }
        $lines = @(& $exe @prefixArgs -NoProfile -NonInteractive -File $script (Get-Module OpenStackVpn).ModuleBase (Join-Path $script:LabState 'clouds.yaml') $vpn.Service.Id 2>&1 |
                ForEach-Object { "$_" } | Where-Object { $_ -like 'What if:*' })
        Remove-Item $script

        $order = foreach ($line in $lines) { if ($line -match '\(([0-9a-f-]{36})\)"\.$') { $Matches[1] } }
        $order.Count | Should -Be 8 -Because ($lines -join "`n")
        $order[0..1] | Sort-Object | Should -Be (@($vpn.C1.Id, $vpn.C2.Id) | Sort-Object)
        $order[2] | Should -Be $vpn.Service.Id
        $order[3..7] | Sort-Object | Should -Be (@($vpn.Ike.Id, $vpn.SharedIke.Id, $vpn.Ipsec.Id, $vpn.Local.Id, $vpn.Peer.Id) | Sort-Object)
        ($lines | Where-Object { $_ -like "*$($vpn.SharedIke.Id)*" }) | Should -BeLike "*Keep (still used by IPsec site connection '$($vpn.Prefix)-c3'*"
        ($lines | Where-Object { $_ -like "*$($vpn.Ike.Id)*" }) | Should -BeLike '*"Remove"*'

        foreach ($id in $vpn.C1.Id, $vpn.C2.Id) { Test-Exists Get-IpsecSiteConnection $id | Should -BeTrue }
        Test-Exists Get-VpnService $vpn.Service.Id | Should -BeTrue
        Test-Exists Get-IkePolicy $vpn.Ike.Id | Should -BeTrue
        Test-Exists Get-VpnEndpointGroup $vpn.Peer.Id | Should -BeTrue
    }

    It 'refuses -IncludePolicies without -Recurse, naming the parameter, and removes nothing' {
        $vpn = New-Vpn
        $record = Get-ErrorRecord { Remove-VpnService -Id $vpn.Other.Id -IncludePolicies -Force }
        $record.Exception.Message | Should -BeLike '-IncludePolicies: *only applies with -Recurse*'
        Test-Exists Get-VpnService $vpn.Other.Id | Should -BeTrue
    }
}

Describe 'A teardown step that fails stops what depends on it' -Skip:($env:OPENSTACKVPN_BACKEND -ne 'embedded') {
    # The failure is injected by the embedded cloud; the lab has no way to make one DELETE fail.
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Lab lab-admin
    }

    AfterEach {
        Clear-EmbeddedOpenStackFault -Server $global:OpenStackVpnTestServer
        if ($vpn) { Remove-Vpn $vpn }
    }

    It 'leaves the service, and the policy and groups the failed connection used, and still removes what did not depend on it' {
        $vpn = New-Vpn
        Add-EmbeddedOpenStackFault -Server $global:OpenStackVpnTestServer -StatusCode 500 -Method DELETE -PathContains $vpn.C2.Id -Count 1
        $errors = @()
        $result = Remove-VpnService -Id $vpn.Service.Id -Recurse -IncludePolicies -IncludeEndpointGroups -Force -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        (Get-Step $result $vpn.C2.Id).Outcome | Should -Be 'Failed'
        (Get-Step $result $vpn.C1.Id).Outcome | Should -Be 'Removed'
        $service = Get-Step $result $vpn.Service.Id
        $service.Outcome | Should -Be 'NotTried'
        $service.Reason | Should -BeLike "*'$($vpn.Prefix)-c2'*was not removed (Failed)"
        (Get-Step $result $vpn.Ike.Id).Outcome | Should -Be 'Removed' -Because 'only c1, which was removed, used it'
        foreach ($id in $vpn.Local.Id, $vpn.Peer.Id) { (Get-Step $result $id).Outcome | Should -Be 'NotTried' }
        Test-Exists Get-VpnService $vpn.Service.Id | Should -BeTrue
        Test-Exists Get-VpnEndpointGroup $vpn.Local.Id | Should -BeTrue
        Test-Exists Get-IkePolicy $vpn.Ike.Id | Should -BeFalse
    }
}
