# Two OpenStack sites joined by New-IpsecSitePair on the lab (the admin and the member project, each with its own
# router and subnet), and both ends run by neutron-vpnaas's own driver code (tunnel.sh pair-up), each from its own
# connection's API objects as the module reads them; the agents' status reports go into the lab's Neutron.
# Skipped, with the reason, where tunnels cannot run (as Tunnel.Tests.ps1).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../lab/tunnel/TunnelLab.ps1')
    $script:skipReason = Get-TunnelSkipReason
    if ($script:skipReason) { Write-Host "The site-pair tunnel test is skipped: $($script:skipReason)." }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../lab/tunnel/TunnelLab.ps1')
    function Get-EndStatus {
        # Both ends' connection status, as each project's session reads it.
        "$((Get-IpsecSiteConnection -Session $a -Id $script:localId).Status)/" +
        "$((Get-IpsecSiteConnection -Session $b -Id $script:peerId).Status)"
    }
    function Wait-Ends([string] $Status, [switch] $Bridge) {
        # -Bridge: embedded clouds, which hear of the agents' reports only through Sync-TunnelStatus.
        for ($i = 0; $Bridge -and $i -lt 120 -and (Get-EndStatus) -ne "$Status/$Status"; $i++) {
            Start-Sleep -Seconds 1
            Sync-TunnelStatus $state cloud $serverA
            Sync-TunnelStatus $state cloud-b $serverB
        }
        $wait = @{ TimeoutSec = 120; PollIntervalSec = 1; Status = $Status }
        (Wait-IpsecSiteConnection -Session $a -Id $script:localId @wait).Status | Should -Be $Status
        (Wait-IpsecSiteConnection -Session $b -Id $script:peerId @wait).Status | Should -Be $Status
    }
    function Restart-Pair([string] $Name, [switch] $StatusToFile) {
        # Both ends started afresh from what the clouds now hold, as agents would after a change.
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $null = Start-LabTunnelPair -Session $a -ConnectionId $script:localId -PeerSession $b `
            -PeerConnectionId $script:peerId -State $state -StatusToFile:$StatusToFile
        Write-TunnelTiming "(p) site pair, $($Name): start both ends" $clock.Elapsed.TotalSeconds
        $clock
    }
    function Get-PairErrors {
        @(Test-IpsecSitePair -Session $a -Connection $script:localId -PeerSession $b -PeerConnection $script:peerId |
                Where-Object Severity -EQ 'Error' | ForEach-Object Check | Sort-Object -Unique)
    }
}

Describe 'A real tunnel between two OpenStack sites made by New-IpsecSitePair, both ends run by neutron-vpnaas' `
    -Tag Tunnel -Skip:($null -ne $skipReason) {
    BeforeAll {
        $seed = Get-LabSeed
        $prefix = New-TestName 'tunnel-pair'
        $a = Connect-Lab lab-admin
        $b = Connect-Lab lab-member
        $site = New-MemberSite -Prefix $prefix -Cidr '10.125.0.0/24'
        $pair = New-IpsecSitePair -Name $prefix -Session $a -Router $seed.router_id -Subnet $seed.private_subnet_id `
            -PeerSession $b -PeerRouter $site.Router.id -PeerSubnet $site.Subnet.id
        $script:localId = $pair.Local.Connection.Id
        $script:peerId = $pair.Peer.Connection.Id
        $work = Join-Path ([System.IO.Path]::GetTempPath()) $prefix
        $state = Join-Path $work 'state'
    }

    AfterAll {
        if ($state) { Stop-LabTunnel $state }
        if ($a) { Remove-PairObject $a $prefix }
        if ($b) { Remove-PairObject $b $prefix }
        Remove-MemberSite $site
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'comes up: both ends PENDING_CREATE -> ACTIVE in the lab''s API, and a host behind each site pings the other' {
        Get-EndStatus | Should -Be 'PENDING_CREATE/PENDING_CREATE'
        $clock = Restart-Pair 'as created'
        Wait-Ends ACTIVE
        Write-TunnelTiming '(p) site pair, as created: Wait ACTIVE (both ends)' $clock.Elapsed.TotalSeconds
        (Get-VpnService -Session $a -Id $pair.Local.VpnService.Id).Status | Should -Be 'ACTIVE'
        (Get-VpnService -Session $b -Id $pair.Peer.VpnService.Id).Status | Should -Be 'ACTIVE'
        Test-LabTunnelPing $state | Should -BeTrue
        foreach ($end in @{ Side = 'cloud'; Id = $script:localId }, @{ Side = 'cloud-b'; Id = $script:peerId }) {
            $reports = Get-LabTunnelReports $state -Side $end.Side
            $reports.report.ipsec_site_connections.($end.Id).status | Select-Object -Last 1 |
                Should -Be 'ACTIVE' -Because "the agent of $($end.Side) reported its own connection up"
        }
        Get-PairErrors | Should -BeNullOrEmpty
    }

    It 'a key changed on one end: both ends DOWN, no ping, and Test-IpsecSitePair names the key' {
        $changed = ConvertTo-SecureString "changed-$([guid]::NewGuid().ToString('n'))" -AsPlainText -Force
        $null = Set-IpsecSiteConnection -Session $b -Id $script:peerId -Psk $changed
        $clock = Restart-Pair 'key changed on B'
        Wait-Ends DOWN
        Write-TunnelTiming '(p) site pair, key changed on B: Wait DOWN (both ends)' $clock.Elapsed.TotalSeconds
        Test-LabTunnelPing $state | Should -BeFalse
        Get-PairErrors | Should -Be @('PeerConfig.Psk')
    }

    It ('a DH group changed on one end: strongSwan''s defaults still bring it up, on the other end''s group, ' +
        'and Test-IpsecSitePair names the IKE proposal') {
        # B's end rebuilt with A's key and DH group 5 (a policy in use cannot be changed in place). Both drivers write
        # ike= without '!', so each end also accepts strongSwan's default proposals, and A's group 14 is one of them.
        $key = (Get-IpsecSiteConnection -Session $a -Id $script:localId -IncludeSecret).Psk
        $old = Get-IpsecSiteConnection -Session $b -Id $script:peerId
        Remove-IpsecSiteConnection -Session $b -Id $old.Id -Force
        $ike = New-IkePolicy -Session $b -Name "$prefix-ike5" -IkeVersion v2 -EncryptionAlgorithm aes-256 `
            -AuthAlgorithm sha256 -Pfs group5
        $script:peerId = (New-IpsecSiteConnection -Session $b -Name "$prefix-group5" -VpnService $old.VpnServiceId `
                -IkePolicy $ike -IpsecPolicy $old.IpsecPolicyId -PeerAddress $old.PeerAddress -PeerId $old.PeerId `
                -PeerCidr $old.PeerCidrs -Psk $key).Id
        $clock = Restart-Pair 'DH group 5 on B'
        Wait-Ends ACTIVE
        Write-TunnelTiming '(p) site pair, DH group 5 on B: Wait ACTIVE (both ends)' $clock.Elapsed.TotalSeconds
        Test-LabTunnelPing $state | Should -BeTrue
        $chosen = @(Select-String -Path (Join-Path $state 'cloud-b/charon.log') -Pattern 'selected proposal: IKE:\S+' |
                ForEach-Object { $_.Matches[0].Value })
        $chosen | Should -Not -BeNullOrEmpty
        $chosen | Should -Not -Match 'MODP_1536' -Because 'B''s own group 5 is not what was negotiated'
        $chosen | Should -Match 'MODP_2048'
        $finding = @(Test-IpsecSitePair -Session $a -Connection $script:localId -PeerSession $b `
                -PeerConnection $script:peerId | Where-Object Severity -EQ 'Error')
        ($finding.Check | Sort-Object -Unique) | Should -Be @('PeerConfig.IkeProposal')
        $finding[0].Action | Should -Match 'strongSwan''s default proposals'
    }
}

Describe ('A real tunnel between two served embedded clouds joined by New-IpsecSitePair, both ends run by ' +
    'neutron-vpnaas') `
    -Tag Tunnel -Skip:($null -ne $skipReason) {
    # Two served embedded clouds (each on its own loopback port) with no VPN agent of their own: nothing becomes ACTIVE
    # by itself, and the agents' reports are the only way their connections change status (Sync-TunnelStatus).
    BeforeAll {
        $serverA = Start-EmbeddedOpenStack -ActivationDelaySec -1
        $serverB = Start-EmbeddedOpenStack -ActivationDelaySec -1
        $a, $b = foreach ($server in $serverA, $serverB) {
            Connect-OpenStack -AuthUrl $server.AuthUrl -Credential $server.Credential -ProjectName $server.ProjectName
        }
        $pair = New-IpsecSitePair -Name embedded-pair -Session $a -Router router1 -Subnet private-subnet `
            -PeerSession $b -PeerRouter member-router -PeerSubnet member-subnet
        $script:localId = $pair.Local.Connection.Id
        $script:peerId = $pair.Peer.Connection.Id
        $work = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName 'tunnel-epair')
        $state = Join-Path $work 'state'
    }

    AfterAll {
        if ($state) { Stop-LabTunnel $state }
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
        foreach ($session in $a, $b) { if ($session) { Disconnect-OpenStack -Session $session } }
        foreach ($server in $serverA, $serverB) { if ($server) { Stop-EmbeddedOpenStack $server } }
    }

    It 'comes up: both ends ACTIVE in their embedded clouds through the status bridge, and the hosts ping' {
        Get-EndStatus | Should -Be 'PENDING_CREATE/PENDING_CREATE'
        $clock = Restart-Pair 'embedded, as created' -StatusToFile
        Wait-Ends ACTIVE -Bridge
        Write-TunnelTiming '(p) embedded site pair: Wait ACTIVE (both ends)' $clock.Elapsed.TotalSeconds
        Test-LabTunnelPing $state | Should -BeTrue
        (Get-VpnService -Session $b -Id $pair.Peer.VpnService.Id).Status | Should -Be 'ACTIVE'
        Get-PairErrors | Should -BeNullOrEmpty
    }

    It 'a key changed on one end: both ends DOWN through the bridge, no ping, Test-IpsecSitePair names the key' {
        $changed = ConvertTo-SecureString "changed-$([guid]::NewGuid().ToString('n'))" -AsPlainText -Force
        $null = Set-IpsecSiteConnection -Session $b -Id $script:peerId -Psk $changed
        $null = Restart-Pair 'embedded, key changed on B' -StatusToFile
        Wait-Ends DOWN -Bridge
        Test-LabTunnelPing $state | Should -BeFalse
        Get-PairErrors | Should -Be @('PeerConfig.Psk')
    }
}
