BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Get-PairObject {
        # Every VPN object named after the pair, in one session.
        param($Session, [string] $Prefix)
        @(Get-IpsecSiteConnection -Session $Session -Name "$Prefix*") +
        @(Get-VpnService -Session $Session -Name "$Prefix*") +
        @(Get-IkePolicy -Session $Session -Name "$Prefix*") + @(Get-IpsecPolicy -Session $Session -Name "$Prefix*") +
        @(Get-VpnEndpointGroup -Session $Session -Name "$Prefix*")
    }

    function Get-Psk {
        # A connection's key as the server holds it (its owner may read it), for comparing; never printed.
        param($Session, [string] $Id)
        (Get-IpsecSiteConnection -Session $Session -Id $Id -IncludeSecret).Psk | ConvertTo-PlainText
    }
}

Describe 'New-IpsecSitePair joins two projects with mirrored ends' {
    BeforeAll {
        $seed = Get-LabSeed
        $prefix = New-TestName 'pair'
        $a = Connect-Probe
        $b = Connect-Lab lab-member
        $site = New-MemberSite -Prefix $prefix -Cidr '10.124.0.0/24'
        $parameters = @{ Session = $a; Router = $seed.router_id; Subnet = $seed.private_subnet_id
            PeerSession = $b; PeerRouter = $site.Router.id; PeerSubnet = $site.Subnet.id }
    }

    AfterAll {
        Remove-PairObject $a $prefix
        Remove-PairObject $b $prefix
        Remove-MemberSite $site
        Remove-Probe
    }

    It '-WhatIf sends no write to either cloud and creates nothing on either end' {
        $requests = Get-ServerRequest { New-IpsecSitePair -Name $prefix @parameters -WhatIf 6>&1 }
        $shown = @($script:ServerRequestOutput | ForEach-Object { "$_" })
        $script:ServerRequestError | Should -BeNullOrEmpty
        @($requests | Where-Object Method -NE 'GET') |
            Should -BeNullOrEmpty -Because 'the local end received reads only'
        @(Get-PairObject $a $prefix) + @(Get-PairObject $b $prefix) |
            Should -BeNullOrEmpty -Because 'nothing was created on either end'
    }

    It 'creates both ends: each peer address is the other service''s address, peer CIDRs the other''s subnet, one key' {
        $output = Invoke-Captured { New-IpsecSitePair -Name $prefix @parameters -Verbose -Debug }
        $pair = $output | Where-Object { $_ -is [OpenStackVpn.Core.Pair.IpsecSitePair] }
        $pair | Should -Not -BeNullOrEmpty -Because ($output | Out-String)
        $local = Get-IpsecSiteConnection -Session $a -Id $pair.Local.Connection.Id
        $peer = Get-IpsecSiteConnection -Session $b -Id $pair.Peer.Connection.Id
        $localService = Get-VpnService -Session $a -Id $local.VpnServiceId
        $peerService = Get-VpnService -Session $b -Id $peer.VpnServiceId
        $local.PeerAddress | Should -Be $peerService.ExternalV4Ip
        $peer.PeerAddress | Should -Be $localService.ExternalV4Ip
        $local.PeerId | Should -Be $peerService.ExternalV4Ip
        $peer.PeerId | Should -Be $localService.ExternalV4Ip
        $local.PeerCidrs | Should -Be @('10.124.0.0/24')
        $peer.PeerCidrs | Should -Be @(Get-LabSubnetCidr $seed.private_subnet_id)
        $localIke = Get-IkePolicy -Session $a -Id $local.IkePolicyId
        $peerIke = Get-IkePolicy -Session $b -Id $peer.IkePolicyId
        foreach ($policy in $localIke, $peerIke) {
            "$($policy.IkeVersion) $($policy.EncryptionAlgorithm) $($policy.AuthAlgorithm) $($policy.Pfs)" |
                Should -Be 'v2 aes-256 sha256 group14'
        }
        $key = Get-Psk $a $local.Id
        $key | Should -Match '^[A-Za-z0-9]{40}$' -Because 'a generated key is 40 letters and digits'
        Get-Psk $b $peer.Id | Should -BeExactly $key
        Find-Secret -Text ($output | Out-String) -Secret $key |
            Should -BeNullOrEmpty -Because 'the key is never printed, not even in Verbose or Debug'
        $script:pair = $pair
    }

    It 'Test-IpsecSitePair finds both ends agreeing on every field' {
        $findings = $script:pair | Test-IpsecSitePair
        @($findings | Where-Object Severity -EQ 'Error') | Should -BeNullOrEmpty
        @($findings | Where-Object Check -EQ 'PeerConfig.Psk').Count | Should -Be 2
        ($findings | Where-Object Check -EQ 'PeerConfig.Psk').Severity | Should -Be @('Ok', 'Ok')
    }

    It 'Test-IpsecSitePair names a key and a DH group changed on one end, without showing a key' {
        # The peer end rebuilt with its own key and DH group 5 (a policy in use cannot be changed in place).
        $key = Get-Psk $a $script:pair.Local.Connection.Id
        $old = Get-IpsecSiteConnection -Session $b -Id $script:pair.Peer.Connection.Id
        Remove-IpsecSiteConnection -Session $b -Id $old.Id -Force
        Remove-IkePolicy -Session $b -Id $old.IkePolicyId -Force
        $ike = New-IkePolicy -Session $b -Name "$prefix-ike5" -IkeVersion v2 -EncryptionAlgorithm aes-256 `
            -AuthAlgorithm sha256 -Pfs group5 -Lifetime 3600
        $changed = ConvertTo-SecureString 'changedKey123' -AsPlainText -Force
        $script:peerId = (New-IpsecSiteConnection -Session $b -Name $prefix -VpnService $old.VpnServiceId `
                -IkePolicy $ike -IpsecPolicy $old.IpsecPolicyId -PeerAddress $old.PeerAddress -PeerCidr $old.PeerCidrs `
                -Psk $changed).Id
        $findings = Test-IpsecSitePair -Session $a -Connection $script:pair.Local.Connection.Id `
            -PeerSession $b -PeerConnection $script:peerId
        $errors = @($findings | Where-Object Severity -EQ 'Error')
        ($errors.Check | Sort-Object -Unique) | Should -Be @('PeerConfig.IkeProposal', 'PeerConfig.Psk')
        ($errors | Where-Object Check -EQ 'PeerConfig.IkeProposal')[0].Found | Should -Match 'modp1536'
        Find-Secret -Text ($findings | Format-List * | Out-String) -Secret $key | Should -BeNullOrEmpty
        ($findings | Format-List * | Out-String) | Should -Not -Match 'changedKey123'
    }

    It 'Remove-IpsecSitePair -WhatIf removes nothing; then it removes every object of both ends' {
        $ends = @{ Session = $a; Connection = $script:pair.Local.Connection.Id
            PeerSession = $b; PeerConnection = $script:peerId }
        $requests = Get-ServerRequest { Remove-IpsecSitePair @ends -WhatIf }
        @($requests | Where-Object Method -EQ 'DELETE') | Should -BeNullOrEmpty
        @(@(Get-PairObject $a $prefix) + @(Get-PairObject $b $prefix) | Sort-Object Id -Unique).Count | Should -Be 8
        $result = Remove-IpsecSitePair @ends -Force
        $result.Outcome | Sort-Object -Unique | Should -Be 'Removed'
        $result.Count | Should -Be 8
        $result[0].Kind, $result[1].Kind |
            Should -Be 'IPsec site connection', 'IPsec site connection' -Because 'connections go first'
        @(Get-PairObject $a $prefix) + @(Get-PairObject $b $prefix) | Should -BeNullOrEmpty
    }

    It 'refuses a setting that is not a field, naming the parameter, before any write' {
        $requests = Get-ServerRequest { New-IpsecSitePair -Name $prefix @parameters -IkePolicy @{ no_such_field = 1 } }
        "$script:ServerRequestError" | Should -Match '^-IkePolicy: no_such_field'
        @($requests | Where-Object Method -NE 'GET') | Should -BeNullOrEmpty
        @(Get-PairObject $a $prefix) + @(Get-PairObject $b $prefix) | Should -BeNullOrEmpty
    }
}

Describe 'New-IpsecSitePair leaves nothing half-created when the second end fails' {
    # Two embedded clouds of their own, so the fault hits only the second one and each server's log is its own.
    BeforeAll {
        $a = Connect-OpenStack -Embedded -ActivationDelaySec 0
        $b = Connect-OpenStack -Embedded -ActivationDelaySec 0
        $parameters = @{ Session = $a; Router = 'router1'; Subnet = 'private-subnet'
            PeerSession = $b; PeerRouter = 'member-router'; PeerSubnet = 'member-subnet' }
    }

    It 'removes what both ends had made, says what failed where, and the servers hold none of it' {
        Add-EmbeddedOpenStackFault -Session $b -Method POST -PathContains ipsec-site-connections -StatusCode 409 `
            -Message 'injected refusal'
        $beforeA = @(Get-EmbeddedOpenStackRequest -Session $a).Count
        $beforeB = @(Get-EmbeddedOpenStackRequest -Session $b).Count
        $failure = Get-ErrorRecord { New-IpsecSitePair -Name fails @parameters }
        "$failure" |
            Should -Match "creating IPsec site connection 'fails' on the peer end .* failed: .*injected refusal"
        "$failure" | Should -Match 'Removed again: .*IPsec site connection .fails. .* on the local end'
        "$failure" | Should -Not -Match 'NOT removed'
        foreach ($session in $a, $b) {
            $before = if ($session -eq $a) { $beforeA } else { $beforeB }
            $log = @(Get-EmbeddedOpenStackRequest -Session $session)
            $log = $log[$before..($log.Count - 1)]
            $posts = @($log | Where-Object Method -EQ 'POST')
            $deleted = @($log | Where-Object Method -EQ 'DELETE')
            $posts.Count | Should -BeGreaterThan 0
            $made = if ($session -eq $a) { $posts.Count } else { $posts.Count - 1 }  # the peer's connection was refused
            $deleted.Count | Should -Be $made -Because 'every object created on this end was deleted again'
            @(Get-PairObject $session 'fails') | Should -BeNullOrEmpty
        }
    }

    It 'removes the second end''s connection too when the answer to its create was lost' {
        Add-EmbeddedOpenStackFault -Session $b -Method POST -PathContains ipsec-site-connections -DropConnection `
            -AfterHandling
        $beforeB = @(Get-EmbeddedOpenStackRequest -Session $b).Count
        $failure = Get-ErrorRecord { New-IpsecSitePair -Name lost @parameters }
        "$failure" | Should -Match "creating IPsec site connection 'lost' on the peer end"
        "$failure" | Should -Match "Removed again: IPsec site connection 'lost' \(\S+\) on the peer end"
        $log = @(Get-EmbeddedOpenStackRequest -Session $b)
        $log = $log[$beforeB..($log.Count - 1)]
        @($log | Where-Object Method -EQ 'DELETE').Count | Should -Be @($log |
            Where-Object Method -EQ 'POST').Count -Because 'the lost create is removed as well'
        @(Get-PairObject $a 'lost') + @(Get-PairObject $b 'lost') | Should -BeNullOrEmpty
    }

    It '-Wait waits until both ends are ACTIVE' {
        $pair = New-IpsecSitePair -Name waits @parameters -Wait -PollIntervalSec 1
        $pair.Status | Should -Be 'ACTIVE/ACTIVE'
        (Get-IpsecSiteConnection -Session $b -Id $pair.Peer.Connection.Id).Status | Should -Be 'ACTIVE'
    }

    It 'refuses two ends whose networks overlap, before any write' {
        $before = @(Get-EmbeddedOpenStackRequest -Session $b).Count
        $failure = Get-ErrorRecord {
            New-IpsecSitePair -Name overlaps @parameters -PeerRouter router1 -PeerSubnet private-subnet }
        "$failure" | Should -Match '^-PeerRouter: both routers have the address'
        $failure = Get-ErrorRecord { New-IpsecSitePair -Name overlaps @parameters -PeerSubnet private-subnet }
        "$failure" | Should -Match '^-PeerSubnet: the peer end.s networks 10.0.0.0/24 overlap'
        @(Get-EmbeddedOpenStackRequest -Session $b)[$before..1000] | Where-Object Method -NE 'GET' |
            Should -BeNullOrEmpty
    }
}
