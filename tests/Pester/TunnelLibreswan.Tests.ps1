# Libreswan's pluto as the peer of a lab tunnel (tests/lab/tunnel/libreswan.sh), loading exactly what
# Export-IpsecPeerConfig -Format Libreswan -IncludeSecret wrote; the cloud side is neutron-vpnaas's driver (tunnel.sh).
# This kernel has no ESP: pluto negotiates the IKE SA and the child SA, then cannot install the ESP SA. The proof
# stops there, and the test says so. Skipped, with the reason, where tunnels cannot run (as Tunnel.Tests.ps1).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../lab/tunnel/TunnelLab.ps1')
    $script:skipReason = Get-TunnelSkipReason
    if ($script:skipReason) { Write-Host "The Libreswan tunnel test is skipped: $($script:skipReason)." }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../lab/tunnel/TunnelLab.ps1')
    $script:LibreswanScript = Join-Path $PSScriptRoot '../lab/tunnel/libreswan.sh'
    function Invoke-Libreswan([string[]] $Arguments) {
        $lines = & bash $script:LibreswanScript @Arguments 2>&1 | ForEach-Object { "$_" }
        $lines | ForEach-Object { Write-Host "    $_" }
        if ($LASTEXITCODE -ne 0) { throw "libreswan.sh $($Arguments[0]) failed: $($lines | Select-Object -Last 3)" }
    }
    function Get-LogLine([string] $Path, [string] $Pattern) {
        # The first line of a log that matches, waiting up to 30 s for it (the daemons write as they negotiate).
        for ($i = 0; $i -lt 60; $i++) {
            $hit = Select-String -Path $Path -Pattern $Pattern -ErrorAction Ignore | Select-Object -First 1
            if ($hit) { Write-Host "    $(Split-Path $Path -Leaf): $($hit.Line)"; return $hit }
            Start-Sleep -Milliseconds 500
        }
        $null
    }
}

Describe 'Libreswan as the peer: pluto against the cloud side of neutron-vpnaas''s driver' -Tag Tunnel `
    -Skip:($null -ne $skipReason) {
    BeforeAll {
        $seed = Get-LabSeed
        $null = Connect-Lab lab-admin
        $prefix = New-TestName 'tunnel-lsw'
        $work = Join-Path ([System.IO.Path]::GetTempPath()) $prefix
        $psk = ConvertTo-SecureString "psk-l-$([guid]::NewGuid().ToString('n'))" -AsPlainText -Force
        $ike = New-IkePolicy -Name "$prefix-ike" -IkeVersion v2 -EncryptionAlgorithm aes-256 -AuthAlgorithm sha256 `
            -Pfs group14
        $esp = New-IpsecPolicy -Name "$prefix-esp" -EncryptionAlgorithm aes-256 -AuthAlgorithm sha256 -Pfs group14
        $service = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id -Subnet $seed.private_subnet_id
        $c = New-IpsecSiteConnection -Name "$prefix-c" -VpnService $service -IkePolicy $ike -IpsecPolicy $esp `
            -PeerAddress 198.51.100.24 -PeerCidr 10.66.0.0/24 -Psk $psk
        $cloudCidr = Get-LabSubnetCidr $seed.private_subnet_id
        $good = Join-Path $work 'good'
        $state = Join-Path $work 'state'
    }

    AfterAll {
        if ($state) {
            & bash $script:LibreswanScript down $state
            if ($env:OPENSTACKVPN_RELIABILITY_LOG -and (Test-Path "$state/libreswan/pluto.log")) {
                $keep = Join-Path (Split-Path $env:OPENSTACKVPN_RELIABILITY_LOG) "tunnel-logs/$prefix"
                $null = New-Item -ItemType Directory -Path $keep -Force
                Copy-Item "$state/libreswan/pluto.log" (Join-Path $keep 'libreswan-pluto.log')
            }
            Stop-LabTunnel $state
        }
        Remove-TestObject $prefix
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It ('loads the exported .conf/.secrets, establishes the IKE SA and negotiates the child SA (proposal, traffic ' +
        'selectors) in pluto''s and charon''s logs; the proof stops at pluto installing the ESP SA (no ESP here)') {
        $files = Export-IpsecPeerConfig -Id $c.Id -Format Libreswan -Path $good -IncludeSecret
        # Libreswan takes the group after '-' or ';' (neutron-vpnaas's own template writes ';').
        ($files | Where-Object FileName -like '*.conf').Content |
            Should -Match '(?m)^\s*ike=aes256-sha2_256[-;]modp2048$'
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $null = Start-LabTunnel -ConnectionId $c.Id -PeerDir $null -State $state
        Write-TunnelTiming '(l) Libreswan peer: cloud side up (no strongSwan peer)' $clock.Elapsed.TotalSeconds
        $clock.Restart()
        Invoke-Libreswan @('up', $state, $good)
        $pluto = Join-Path $state 'libreswan/pluto.log'
        $charon = Join-Path $state 'cloud/charon.log'
        $cloudIp = [regex]::Escape((Get-VpnService -Id $service.Id).ExternalV4Ip)
        $net = [regex]::Escape($cloudCidr)

        # IKE SA: both sides say it is established, between the two gateways, with the pre-shared key.
        $ikeDone = "initiator established IKE SA; authenticated peer using authby=secret and ID_IPV4_ADDR '$cloudIp'"
        Get-LogLine $pluto $ikeDone | Should -Not -BeNullOrEmpty
        Get-LogLine $charon "IKE_SA $($c.Id)\[\d+\] established between $cloudIp\[$cloudIp\]\.\.\.198\.51\.100\.24\[" |
            Should -Not -BeNullOrEmpty
        Write-TunnelTiming '(l) Libreswan peer: pluto up to IKE SA established' $clock.Elapsed.TotalSeconds

        # Child SA: the cloud picks the proposal pluto offered and the traffic selectors the export wrote.
        Get-LogLine $pluto 'remote accepted the proposal 1:ESP:ENCR=AES_CBC_256;INTEG=HMAC_SHA2_256_128;' |
            Should -Not -BeNullOrEmpty
        Get-LogLine $pluto "ts: evaluating END initiator=10\.66\.0\.0/24:0/0 responder=$net`:0/0" |
            Should -Not -BeNullOrEmpty
        Get-LogLine $charon 'selected proposal: ESP:AES_CBC_256/HMAC_SHA2_256_128/' | Should -Not -BeNullOrEmpty
        $childDone = "CHILD_SA $($c.Id)\{\d+\} established with SPIs (\w+)_i (\w+)_o and TS $net === 10\.66\.0\.0/24"
        Get-LogLine $charon $childDone | Should -Not -BeNullOrEmpty

        # Where the proof stops: pluto installs a child SA the cloud installed (by its SPI, in either direction) and
        # the kernel refuses ESP. Both ends start the tunnel, and charon's threads log the SAs in either order.
        $refused = Get-LogLine $pluto 'netlink response for Add SA esp\.(\w+)@\S+: Protocol not supported'
        $refused | Should -Not -BeNullOrEmpty -Because 'pluto tried to install the child SA'
        $cloudSpis = @(Select-String -Path $charon -Pattern $childDone | ForEach-Object {
                $_.Matches[0].Groups[1].Value, $_.Matches[0].Groups[2].Value })
        $refused.Matches[0].Groups[1].Value | Should -BeIn $cloudSpis -Because 'pluto had an SA the cloud installed'
    }
}
