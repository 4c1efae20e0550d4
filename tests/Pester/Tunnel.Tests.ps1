# Real IPsec tunnels in the lab (tests/lab/tunnel): the cloud side run by neutron-vpnaas's own driver code from the
# lab's objects, the peer from Export-IpsecPeerConfig, the agent's status written back into the lab's Neutron.
# They need the lab backend, Linux, root and namespaces; otherwise every test here is skipped, and the run says why.
# Under CI=true on the lab backend a missing prerequisite is a failure, with the reason; elsewhere a counted skip, said.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../lab/tunnel/TunnelLab.ps1')
    $script:skipReason = Get-TunnelSkipReason
    $script:mustRun = $env:CI -eq 'true' -and $env:OPENSTACKVPN_BACKEND -eq 'lab'
    if ($script:skipReason) {
        $verdict = if ($script:mustRun) { 'cannot run, a failure under CI=true' } else { 'are skipped' }
        Write-Host "The tunnel tests $($verdict): $($script:skipReason)."
        if ($env:OPENSTACKVPN_RESULTS -and -not $script:mustRun) {
            Set-Content (Join-Path $env:OPENSTACKVPN_RESULTS "tunnel-skipped-$env:OPENSTACKVPN_BACKEND.txt") $script:skipReason
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../lab/tunnel/TunnelLab.ps1')
    function Measure-Step([string] $Name, [scriptblock] $Script) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        # A fault's step also says what Test-IpsecSiteConnection -PeerConfig found ($global:TunnelFinding).
        $global:TunnelFinding = $null
        try { & $Script } finally { Write-TunnelTiming $Name $clock.Elapsed.TotalSeconds $global:TunnelFinding }
    }
    function Get-Status([string] $Id) { (Get-IpsecSiteConnection -Id $Id).Status }
    function Get-PeerErrors([string] $Id, [string] $PeerDir) {
        @(Test-IpsecSiteConnection -Id $Id -PeerConfig (Join-Path $PeerDir 'swanctl.conf') | Where-Object Severity -eq 'Error' | ForEach-Object Check)
    }
}

Describe 'The real-tunnel tests' -Tag Tunnel {
    It 'have their prerequisites on the lab backend (root, namespaces, strongSwan, neutron-vpnaas)' -TestCases @{
        Reason = $skipReason
    } -Skip:($null -ne $skipReason -and -not $mustRun) {
        $Reason | Should -BeNullOrEmpty -Because 'CI=true: the tunnel tests must run, never be skipped'
    }
}

Describe 'A real tunnel: IKEv2 aes-256/sha256/group14, legacy mode, and the faults that break it' -Tag Tunnel -Skip:($null -ne $skipReason) {
    BeforeAll {
        $seed = Get-LabSeed
        $null = Connect-Lab lab-admin
        $prefix = New-TestName 'tunnel-a'
        $work = Join-Path ([System.IO.Path]::GetTempPath()) $prefix
        $psk = ConvertTo-SecureString "psk-$([guid]::NewGuid().ToString('n'))" -AsPlainText -Force
        $ike = New-IkePolicy -Name "$prefix-ike" -IkeVersion v2 -EncryptionAlgorithm aes-256 -AuthAlgorithm sha256 -Pfs group14 -Lifetime 28800
        $esp = New-IpsecPolicy -Name "$prefix-esp" -EncryptionAlgorithm aes-256 -AuthAlgorithm sha256 -Pfs group14
        $service = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id -Subnet $seed.private_subnet_id
        $c = New-IpsecSiteConnection -Name "$prefix-c" -VpnService $service -IkePolicy $ike -IpsecPolicy $esp `
            -PeerAddress 198.51.100.20 -PeerCidr 10.61.0.0/24 -Psk $psk -DpdInterval 10 -DpdTimeout 40
        $good = Join-Path $work 'good'
        $null = Export-IpsecPeerConfig -Id $c.Id -Path $good -IncludeSecret
        $state = Join-Path $work 'state'
        function Restore-Tunnel {
            Set-LabTunnelPeer $state $good
            Start-LabTunnelPeer $state | Should -BeTrue -Because 'the exported configuration brings the tunnel back'
            (Wait-IpsecSiteConnection -Id $c.Id -TimeoutSec 120 -PollIntervalSec 1).Status | Should -Be 'ACTIVE'
        }
        function Assert-Broken([string] $PeerDir, [string] $Check) {
            Set-LabTunnelPeer $state $PeerDir
            Start-LabTunnelPeer $state | Should -BeFalse -Because 'the cloud refuses the changed peer'
            (Wait-IpsecSiteConnection -Id $c.Id -Status DOWN -TimeoutSec 120 -PollIntervalSec 1).Status | Should -Be 'DOWN'
            Test-LabTunnelPing $state | Should -BeFalse -Because 'no traffic passes'
            Get-Status $c.Id | Should -Be 'DOWN'
            $found = @(Get-PeerErrors $c.Id $PeerDir | Where-Object { $_ -like 'PeerConfig.*' })
            $global:TunnelFinding = "$($found -join ', ') (expected $Check)"
            $found | Should -Be @($Check)
        }
    }

    AfterAll {
        if ($state) { Stop-LabTunnel $state }
        Get-IpsecSiteConnection -Name "$prefix*" | Remove-IpsecSiteConnection -Force -ErrorAction SilentlyContinue
        Get-VpnService -Name "$prefix*" | Remove-VpnService -Force -ErrorAction SilentlyContinue
        Get-IkePolicy -Name "$prefix*" | Remove-IkePolicy -Force -ErrorAction SilentlyContinue
        Get-IpsecPolicy -Name "$prefix*" | Remove-IpsecPolicy -Force -ErrorAction SilentlyContinue
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'comes up from the exported swanctl.conf: the lab''s API goes PENDING_CREATE -> ACTIVE and ping passes' {
        Get-Status $c.Id | Should -Be 'PENDING_CREATE'
        Measure-Step '(a) IKEv2 legacy: start both sides' { $null = Start-LabTunnel -ConnectionId $c.Id -PeerDir $good -State $state }
        Measure-Step '(a) IKEv2 legacy: Wait-IpsecSiteConnection ACTIVE' {
            (Wait-IpsecSiteConnection -Id $c.Id -TimeoutSec 180 -PollIntervalSec 1).Status | Should -Be 'ACTIVE'
        }
        (Get-VpnService -Id $service.Id).Status | Should -Be 'ACTIVE'
        Test-LabTunnelPing $state | Should -BeTrue
        $reports = Get-LabTunnelReports $state
        $reports[0].report[0].updated_pending_status | Should -BeTrue -Because 'the agent reports a pending service as updated, or Neutron keeps it PENDING'
        $reports.report.ipsec_site_connections.($c.Id).status | Select-Object -Last 1 | Should -Be 'ACTIVE'
        @(Test-IpsecSiteConnection -Id $c.Id -PeerConfig (Join-Path $good 'swanctl.conf') | Where-Object Severity -eq 'Error') | Should -BeNullOrEmpty
    }

    It 'a wrong pre-shared key on the peer breaks it, and -PeerConfig names the key' {
        $bad = New-PeerVariant $good (Join-Path $work 'psk') 'secret = "[^"]*"' 'secret = "not-the-key"'
        Measure-Step '(a) fault wrong PSK: restore, break, diagnose' { Restore-Tunnel; Assert-Broken $bad 'PeerConfig.Psk' }
    }

    It 'a proposal the cloud does not offer breaks it, and -PeerConfig names the IKE proposal' {
        $bad = New-PeerVariant $good (Join-Path $work 'proposal') '(?m)^(\s*)proposals = .*$' '$1proposals = aes128-sha1-modp1024'
        Measure-Step '(a) fault proposal not offered: restore, break, diagnose' { Restore-Tunnel; Assert-Broken $bad 'PeerConfig.IkeProposal' }
    }

    It 'a wrong peer id breaks it, and -PeerConfig names the peer id' {
        $bad = New-PeerVariant $good (Join-Path $work 'peerid') '(?m)^(\s*)(id|id-peer) = 198\.51\.100\.20$' '$1$2 = 198.51.100.99'
        Measure-Step '(a) fault wrong peer id: restore, break, diagnose' { Restore-Tunnel; Assert-Broken $bad 'PeerConfig.PeerId' }
    }

    It 'a peer CIDR that does not match breaks it, and -PeerConfig names the peer CIDRs' {
        $bad = New-PeerVariant $good (Join-Path $work 'cidr') 'local_ts = 10\.61\.0\.0/24' 'local_ts = 10.69.0.0/24'
        Measure-Step '(a) fault peer CIDR: restore, break, diagnose' { Restore-Tunnel; Assert-Broken $bad 'PeerConfig.PeerCidrs' }
    }

    It 'no peer at all: DOWN, no ping, and the finding says the peer does not answer' {
        Measure-Step '(a) fault no peer: restore, stop the peer, diagnose' {
            Restore-Tunnel
            Stop-LabTunnelPeer $state
            (Wait-IpsecSiteConnection -Id $c.Id -Status DOWN -TimeoutSec 120 -PollIntervalSec 1).Status | Should -Be 'DOWN'
            Test-LabTunnelPing $state | Should -BeFalse
            $errors = Get-PeerErrors $c.Id $good
            $global:TunnelFinding = "$($errors -join ', ') (expected PeerAnswers)"
            $errors | Should -Contain 'PeerAnswers'
            @($errors | Where-Object { $_ -like 'PeerConfig.*' }) | Should -BeNullOrEmpty
        }
    }
}

Describe 'A real tunnel: Neutron''s defaults (IKEv1, aes-128/sha1/group5), endpoint groups, two peer CIDRs' -Tag Tunnel -Skip:($null -ne $skipReason) {
    BeforeAll {
        $seed = Get-LabSeed
        $null = Connect-Lab lab-admin
        $prefix = New-TestName 'tunnel-b'
        $work = Join-Path ([System.IO.Path]::GetTempPath()) $prefix
        $psk = ConvertTo-SecureString "psk b $([guid]::NewGuid().ToString('n'))" -AsPlainText -Force
        $ike = New-IkePolicy -Name "$prefix-ike"
        $esp = New-IpsecPolicy -Name "$prefix-esp"
        $service = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id
        $local = New-VpnEndpointGroup -Name "$prefix-local" -Type subnet -Endpoint $seed.private_subnet_id
        $peer = New-VpnEndpointGroup -Name "$prefix-peer" -Type cidr -Endpoint 10.62.0.0/24, 10.63.0.0/24
        $c = New-IpsecSiteConnection -Name "$prefix-c" -VpnService $service -IkePolicy $ike -IpsecPolicy $esp `
            -PeerAddress 198.51.100.21 -LocalEndpointGroup $local -PeerEndpointGroup $peer -Psk $psk
        $good = Join-Path $work 'good'
        $state = Join-Path $work 'state'
    }

    AfterAll {
        if ($state) { Stop-LabTunnel $state }
        Remove-TestObject $prefix
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'comes up from the exported swanctl.conf, ACTIVE in the lab''s API; IKEv1 carries only the first peer CIDR, as Test-IpsecSiteConnection warns' {
        $ike.IkeVersion | Should -Be 'v1'
        $ike.Pfs | Should -Be 'group5'
        $file = Export-IpsecPeerConfig -Id $c.Id -Path $good -IncludeSecret
        $file.Content | Should -Match '(?m)^\s*version = 1$'
        $file.Content | Should -Match '(?m)^\s*local_ts = 10\.62\.0\.0/24,10\.63\.0\.0/24$'
        Get-Status $c.Id | Should -Be 'PENDING_CREATE'
        Measure-Step '(b) IKEv1 defaults, endpoint groups: start both sides' { $null = Start-LabTunnel -ConnectionId $c.Id -PeerDir $good -State $state }
        Measure-Step '(b) IKEv1 defaults, endpoint groups: Wait ACTIVE' {
            (Wait-IpsecSiteConnection -Id $c.Id -TimeoutSec 180 -PollIntervalSec 1).Status | Should -Be 'ACTIVE'
        }
        $pings = @(Get-LabTunnelPing $state)
        @($pings | Where-Object { $_.Ok -and ($_.To -eq '10.62.0.10' -or $_.From -eq '10.62.0.10') }).Count | Should -Be 2 -Because 'the first peer network is reached both ways'
        @($pings | Where-Object { $_.Ok -and ($_.To -eq '10.63.0.10' -or $_.From -eq '10.63.0.10') }).Count | Should -Be 0 -Because 'strongSwan''s IKEv1 negotiates the first subnet of each side only'
        $driver = Test-IpsecSiteConnection -Id $c.Id | Where-Object Check -eq DriverSupport
        $driver.Severity | Should -Be 'Warning'
        $driver.Found | Should -Match 'IKEv1'
    }
}

Describe 'A real tunnel: FQDN ids (Neutron''s @ rule on both sides)' -Tag Tunnel -Skip:($null -ne $skipReason) {
    BeforeAll {
        $seed = Get-LabSeed
        $null = Connect-Lab lab-admin
        $prefix = New-TestName 'tunnel-c'
        $work = Join-Path ([System.IO.Path]::GetTempPath()) $prefix
        $psk = ConvertTo-SecureString "psk-c-$([guid]::NewGuid().ToString('n'))" -AsPlainText -Force
        $ike = New-IkePolicy -Name "$prefix-ike" -IkeVersion v2 -Pfs group14
        $esp = New-IpsecPolicy -Name "$prefix-esp" -Pfs group14
        $service = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id -Subnet $seed.private_subnet_id
        $c = New-IpsecSiteConnection -Name "$prefix-c" -VpnService $service -IkePolicy $ike -IpsecPolicy $esp `
            -PeerAddress 198.51.100.22 -PeerId branch.example.test -LocalId cloud.example.test -PeerCidr 10.64.0.0/24 -Psk $psk
        $good = Join-Path $work 'good'
        $state = Join-Path $work 'state'
    }

    AfterAll {
        if ($state) { Stop-LabTunnel $state }
        Get-IpsecSiteConnection -Name "$prefix*" | Remove-IpsecSiteConnection -Force -ErrorAction SilentlyContinue
        Get-VpnService -Name "$prefix*" | Remove-VpnService -Force -ErrorAction SilentlyContinue
        Get-IkePolicy -Name "$prefix*" | Remove-IkePolicy -Force -ErrorAction SilentlyContinue
        Get-IpsecPolicy -Name "$prefix*" | Remove-IpsecPolicy -Force -ErrorAction SilentlyContinue
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'comes up with @branch.example.test and @cloud.example.test, ACTIVE in the lab''s API, ping passing' {
        $file = Export-IpsecPeerConfig -Id $c.Id -Path $good -IncludeSecret
        $file.Content | Should -Match '(?m)^\s*id = @branch\.example\.test$'
        $file.Content | Should -Match '(?m)^\s*id = @cloud\.example\.test$'
        Measure-Step '(c) FQDN ids: start both sides' { $null = Start-LabTunnel -ConnectionId $c.Id -PeerDir $good -State $state }
        Measure-Step '(c) FQDN ids: Wait ACTIVE' {
            (Wait-IpsecSiteConnection -Id $c.Id -TimeoutSec 180 -PollIntervalSec 1).Status | Should -Be 'ACTIVE'
        }
        Test-LabTunnelPing $state | Should -BeTrue
    }
}

Describe 'A real tunnel: the ipsec.conf export, loaded by strongSwan''s starter' -Tag Tunnel -Skip:($null -ne $skipReason) {
    BeforeAll {
        $seed = Get-LabSeed
        $null = Connect-Lab lab-admin
        $prefix = New-TestName 'tunnel-d'
        $work = Join-Path ([System.IO.Path]::GetTempPath()) $prefix
        $psk = ConvertTo-SecureString "psk-d-$([guid]::NewGuid().ToString('n'))" -AsPlainText -Force
        $ike = New-IkePolicy -Name "$prefix-ike" -IkeVersion v2 -AuthAlgorithm sha256 -Pfs group14
        $esp = New-IpsecPolicy -Name "$prefix-esp" -AuthAlgorithm sha256 -Pfs group14 -Lifetime 1800
        $service = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id -Subnet $seed.private_subnet_id
        $c = New-IpsecSiteConnection -Name "$prefix-c" -VpnService $service -IkePolicy $ike -IpsecPolicy $esp `
            -PeerAddress 198.51.100.23 -PeerCidr 10.65.0.0/24 -Psk $psk
        $good = Join-Path $work 'good'
        $state = Join-Path $work 'state'
    }

    AfterAll {
        if ($state) { Stop-LabTunnel $state }
        Get-IpsecSiteConnection -Name "$prefix*" | Remove-IpsecSiteConnection -Force -ErrorAction SilentlyContinue
        Get-VpnService -Name "$prefix*" | Remove-VpnService -Force -ErrorAction SilentlyContinue
        Get-IkePolicy -Name "$prefix*" | Remove-IkePolicy -Force -ErrorAction SilentlyContinue
        Get-IpsecPolicy -Name "$prefix*" | Remove-IpsecPolicy -Force -ErrorAction SilentlyContinue
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'comes up from the exported ipsec.conf and ipsec.secrets, ACTIVE in the lab''s API, ping passing' {
        $files = Export-IpsecPeerConfig -Id $c.Id -Format IpsecConf -Path $good -IncludeSecret
        ($files | Where-Object FileName -eq 'ipsec.conf').Content | Should -Match '(?m)^\s*ike=aes128-sha256-modp2048!$'
        Measure-Step '(d) ipsec.conf peer (starter): start both sides' { $null = Start-LabTunnel -ConnectionId $c.Id -PeerDir $good -State $state }
        Measure-Step '(d) ipsec.conf peer (starter): Wait ACTIVE' {
            (Wait-IpsecSiteConnection -Id $c.Id -TimeoutSec 180 -PollIntervalSec 1).Status | Should -Be 'ACTIVE'
        }
        Test-LabTunnelPing $state | Should -BeTrue
        @(Test-IpsecSiteConnection -Id $c.Id -PeerConfig (Join-Path $good 'ipsec.conf') | Where-Object Severity -eq 'Error') | Should -BeNullOrEmpty
    }
}

Describe 'A real tunnel: a peer behind NAT (masquerading box, NAT-T), exported with -PeerLocalAddress %any' -Tag Tunnel -Skip:($null -ne $skipReason) {
    BeforeAll {
        $seed = Get-LabSeed
        $null = Connect-Lab lab-admin
        $prefix = New-TestName 'tunnel-nat'
        $work = Join-Path ([System.IO.Path]::GetTempPath()) $prefix
        $psk = ConvertTo-SecureString "psk-nat-$([guid]::NewGuid().ToString('n'))" -AsPlainText -Force
        $ike = New-IkePolicy -Name "$prefix-ike" -IkeVersion v2 -EncryptionAlgorithm aes-256 -AuthAlgorithm sha256 -Pfs group14
        $esp = New-IpsecPolicy -Name "$prefix-esp" -AuthAlgorithm sha256 -Pfs group14
        $service = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id -Subnet $seed.private_subnet_id
        $c = New-IpsecSiteConnection -Name "$prefix-c" -VpnService $service -IkePolicy $ike -IpsecPolicy $esp `
            -PeerAddress 198.51.100.23 -PeerCidr 10.66.0.0/24 -Psk $psk
        $peer = Join-Path $work 'peer'
        $state = Join-Path $work 'state'
    }

    AfterAll {
        if ($state) { Stop-LabTunnel $state }
        Remove-Item Env:PEER_NAT -ErrorAction Ignore
        Get-IpsecSiteConnection -Name "$prefix*" | Remove-IpsecSiteConnection -Force -ErrorAction SilentlyContinue
        Get-VpnService -Name "$prefix*" | Remove-VpnService -Force -ErrorAction SilentlyContinue
        Get-IkePolicy -Name "$prefix*" | Remove-IkePolicy -Force -ErrorAction SilentlyContinue
        Get-IpsecPolicy -Name "$prefix*" | Remove-IpsecPolicy -Force -ErrorAction SilentlyContinue
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'comes up when the peer starts it through the NAT box: ids unchanged, ACTIVE in the lab''s API, ping passing' {
        $file = Export-IpsecPeerConfig -Id $c.Id -Path $peer -IncludeSecret -PeerLocalAddress '%any'
        $file.Content | Should -Match '(?m)^\s*local_addrs = %any$'
        $file.Content | Should -Match '(?m)^\s*id = 198\.51\.100\.23$'
        $env:PEER_NAT = '1'
        try { Measure-Step '(e) NAT: start both sides' { $null = Start-LabTunnel -ConnectionId $c.Id -PeerDir $peer -State $state } }
        finally { Remove-Item Env:PEER_NAT -ErrorAction Ignore }
        # The cloud cannot reach a peer behind NAT until the peer has opened the way: the peer starts the tunnel.
        Measure-Step '(e) NAT: the peer initiates' { Start-LabTunnelPeer $state | Should -BeTrue }
        Test-LabTunnelPing $state | Should -BeTrue
        # The driver's own "ipsec up" towards the public address (which the NAT box drops) retransmits for about
        # 165 s; its status stays CONNECTING (DOWN) until then, although traffic already passes.
        Measure-Step '(e) NAT: Wait ACTIVE' {
            (Wait-IpsecSiteConnection -Id $c.Id -TimeoutSec 300 -PollIntervalSec 1).Status | Should -Be 'ACTIVE'
        }
        Test-LabTunnelPing $state | Should -BeTrue
        (Get-Content (Join-Path $state 'peer/charon.log') -Raw) | Should -Match 'local host is behind NAT'
    }
}
