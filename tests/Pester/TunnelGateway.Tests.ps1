# One branch gateway, two tunnels: two connections of one VPN service to one peer (two CIDR pairs), exported into one
# swanctl.conf by Export-IpsecPeerConfig -Path, loaded whole by the peer's charon; the cloud side is neutron-vpnaas's
# driver with both connections (one ipsec.conf, two conns). Skipped, with the reason, where tunnels cannot run.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../lab/tunnel/TunnelLab.ps1')
    $script:skipReason = Get-TunnelSkipReason
    if ($script:skipReason) { Write-Host "The one-gateway tunnel test is skipped: $($script:skipReason)." }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../lab/tunnel/TunnelLab.ps1')
    function Assert-BothTunnels([string] $State) {
        # Each peer network reached both ways, and on the peer a CHILD SA installed for each connection.
        $pings = @(Get-LabTunnelPing $State)
        foreach ($address in '10.67.0.10', '10.68.0.10') {
            @($pings | Where-Object { $_.Ok -and ($_.To -eq $address -or $_.From -eq $address) }).Count |
                Should -Be 2 -Because "$address is behind the gateway, reached through its own connection both ways"
        }
        @($pings | Where-Object { -not $_.Ok }) | Should -BeNullOrEmpty
        $sas = & swanctl --list-sas --uri "unix://$State/peer/run/charon.vici" 2>&1 | Out-String
        foreach ($id in $ids) { $sas | Should -Match "neutron-$id\S*: #\d+, reqid \d+, INSTALLED" }
    }
}

Describe 'A real tunnel: one peer gateway with two connections, up at once from one exported file' -Tag Tunnel `
    -Skip:($null -ne $skipReason) {
    BeforeAll {
        $seed = Get-LabSeed
        $null = Connect-Lab lab-admin
        $prefix = New-TestName 'tunnel-gw'
        $work = Join-Path ([System.IO.Path]::GetTempPath()) $prefix
        $psk = ConvertTo-SecureString "psk-gw-$([guid]::NewGuid().ToString('n'))" -AsPlainText -Force
        $ike = New-IkePolicy -Name "$prefix-ike" -IkeVersion v2 -AuthAlgorithm sha256 -Pfs group14
        $esp = New-IpsecPolicy -Name "$prefix-esp" -AuthAlgorithm sha256 -Pfs group14
        $service = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id -Subnet $seed.private_subnet_id
        $common = @{ VpnService = $service; IkePolicy = $ike; IpsecPolicy = $esp; PeerAddress = '198.51.100.24'
            Psk = $psk }
        $first = New-IpsecSiteConnection -Name "$prefix-main" -PeerCidr 10.67.0.0/24 @common
        $second = New-IpsecSiteConnection -Name "$prefix-backup" -PeerCidr 10.68.0.0/24 @common
        $ids = @($first.Id, $second.Id)
        $good = Join-Path $work 'good'
        $state = Join-Path $work 'state'
    }

    AfterAll {
        if ($state) { Stop-LabTunnel $state }
        Remove-TestObject $prefix
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'both come up from one swanctl.conf: both ACTIVE in the lab''s API, each peer network reached both ways' {
        $files = @(Get-IpsecSiteConnection -Name "$prefix-*" | Export-IpsecPeerConfig -Path $good -IncludeSecret)
        $files.FileName | Should -Be @('swanctl.conf') -Because 'one gateway gets one file'
        $text = $files[0].Content
        ([regex]::Matches($text, '(?m)^\s*proposals = ')).Count |
            Should -Be 1 -Because 'the cloud negotiates both inside one IKE SA, so they are one swanctl connection'
        foreach ($id in $ids) { $text | Should -Match "(?m)^      neutron-$id \{" -Because 'each is a child' }
        ([regex]::Matches($text, '(?m)^\s*secret = ')).Count | Should -Be 1 -Because 'one key for one pair of ids'
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $null = Start-LabTunnel -ConnectionId $ids -PeerDir $good -State $state
        Write-TunnelTiming '(g) one gateway, two connections: start both sides' $clock.Elapsed.TotalSeconds
        $clock.Restart()
        foreach ($id in $ids) {
            (Wait-IpsecSiteConnection -Id $id -TimeoutSec 180 -PollIntervalSec 1).Status | Should -Be 'ACTIVE'
        }
        Write-TunnelTiming '(g) one gateway, two connections: Wait ACTIVE (both)' $clock.Elapsed.TotalSeconds
        $pings = @(Get-LabTunnelPing $state)
        Assert-BothTunnels $state
    }

    It 'both come up from one ipsec.conf and one ipsec.secrets, loaded by strongSwan''s starter' {
        Stop-LabTunnel $state
        foreach ($id in $ids) { Set-TestStatus connection $id DOWN }
        $conf = Join-Path $work 'starter'
        $files = @(Get-IpsecSiteConnection -Name "$prefix-*" | Export-IpsecPeerConfig -Format IpsecConf -Path $conf `
                -IncludeSecret)
        $files.FileName | Should -Be @('ipsec.conf', 'ipsec.secrets')
        ([regex]::Matches($files[1].Content, '(?m) : PSK ')).Count | Should -Be 1
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $null = Start-LabTunnel -ConnectionId $ids -PeerDir $conf -State $state
        foreach ($id in $ids) {
            (Wait-IpsecSiteConnection -Id $id -TimeoutSec 180 -PollIntervalSec 1).Status | Should -Be 'ACTIVE'
        }
        Write-TunnelTiming '(g) one gateway, ipsec.conf peer: start, Wait ACTIVE (both)' $clock.Elapsed.TotalSeconds
        Assert-BothTunnels $state
    }
}
