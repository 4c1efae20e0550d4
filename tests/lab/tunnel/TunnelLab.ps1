# Dot-sourced by tests/Pester/Tunnel.Tests.ps1: lab tunnels for connections made through the module (PowerShell 7, Linux, root).
$script:TunnelScript = Join-Path $PSScriptRoot 'tunnel.sh'

function Get-TunnelSkipReason {
    # Why tunnels cannot run in this test run, or $null when they can.
    if ($env:OPENSTACKVPN_BACKEND -ne 'lab') { return 'they need the real lab (build.ps1 Test -Integration)' }
    if (-not [System.Runtime.InteropServices.RuntimeInformation]::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::Linux)) { return 'they need Linux network namespaces' }
    $why = & bash $script:TunnelScript check 2>&1
    if ($LASTEXITCODE -ne 0) { return "tunnel.sh check: $why" }
    $null
}

function ConvertTo-ApiJson($Object) {
    # The object as Neutron's API shaped it (the module's models carry Neutron's JSON names).
    [Newtonsoft.Json.JsonConvert]::SerializeObject($Object.PSObject.BaseObject) | ConvertFrom-Json
}

function Write-TunnelInput {
    # The cloud side's input: the connections (with their PSKs) of one VPN service, the service, policies, endpoint
    # groups and subnet CIDRs, each read from the lab through the module (subnets through Neutron's API), in -Session
    # (the current session when none).
    param([string[]] $ConnectionId, [string] $Path, $Session)
    $in = if ($Session) { @{ Session = $Session } } else { @{} }
    $connections = @($ConnectionId | ForEach-Object { Get-IpsecSiteConnection @in -Id $_ -IncludeSecret })
    $service = Get-VpnService @in -Id $connections[0].VpnServiceId
    if (@($connections.VpnServiceId | Sort-Object -Unique).Count -ne 1) { throw 'one tunnel lab runs one VPN service' }
    $doc = [ordered]@{
        vpnservice             = ConvertTo-ApiJson $service
        ipsec_site_connections = @($connections | ForEach-Object { ConvertTo-ApiJson $_ })
        ikepolicies            = @{}
        ipsecpolicies          = @{}
        endpoint_groups        = @{}
        local_cidr_map         = @{}
    }
    if ($service.SubnetId) {
        $doc.subnet = @{ id = $service.SubnetId; cidr = (Get-OpenStackSubnet @in -Id $service.SubnetId).Cidr
            ip_version = 4 }
    }
    foreach ($c in $connections) {
        $doc.ikepolicies[$c.IkePolicyId] = ConvertTo-ApiJson (Get-IkePolicy @in -Id $c.IkePolicyId)
        $doc.ipsecpolicies[$c.IpsecPolicyId] = ConvertTo-ApiJson (Get-IpsecPolicy @in -Id $c.IpsecPolicyId)
        foreach ($groupId in @($c.LocalEndpointGroupId, $c.PeerEndpointGroupId) | Where-Object { $_ }) {
            $group = Get-VpnEndpointGroup @in -Id $groupId
            $doc.endpoint_groups[$groupId] = @{ type = $group.Type; endpoints = @($group.Endpoints) }
            if ($group.Type -eq 'subnet') {
                foreach ($s in $group.Endpoints) { $doc.local_cidr_map[$s] = (Get-OpenStackSubnet @in -Id $s).Cidr }
            }
        }
        $c.ForgetSecrets()
    }
    # Written owner-only: it holds the PSK, as the agent's own ipsec.secrets does.
    $null = New-Item -ItemType File -Path $Path -Force
    & chmod 600 $Path
    $doc | ConvertTo-Json -Depth 10 | Set-Content -Path $Path
}

function Invoke-Tunnel {
    # Runs tunnel.sh; returns its output lines, throws when it fails (unless -AllowFailure).
    param([string[]] $Arguments, [switch] $AllowFailure)
    $lines = & bash $script:TunnelScript @Arguments 2>&1 | ForEach-Object { "$_" }
    $lines | ForEach-Object { Write-Host "    $_" }
    if ($LASTEXITCODE -ne 0 -and -not $AllowFailure) { throw "tunnel.sh $($Arguments[0]) failed: $($lines | Select-Object -Last 3)" }
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $lines }
}

function Start-LabTunnel {
    # Brings the tunnel of one or more connections of one service and one peer up: the peer from -PeerDir
    # (Export-IpsecPeerConfig's output, or a changed copy; $null for no peer), the cloud side from the lab's objects.
    # Returns the tunnel's state folder.
    param([string[]] $ConnectionId, [string] $PeerDir, [string] $State)
    $inputFile = Join-Path ([System.IO.Path]::GetTempPath()) "ovt-input-$($ConnectionId[0]).json"
    Write-TunnelInput -ConnectionId $ConnectionId -Path $inputFile
    $peer = if ($PeerDir) { $PeerDir } else { '-' }
    try { $null = Invoke-Tunnel @('up', $State, $inputFile, $peer) } finally { Remove-Item $inputFile -ErrorAction Ignore }
    $State
}

function Start-LabTunnelPair {
    # Brings up a tunnel between two OpenStack sites: each end's cloud side run by neutron-vpnaas's driver from its own
    # connection, read through its own session. The agents report into the lab's Neutron, or with -StatusToFile only
    # into their reports files (Sync-TunnelStatus carries them to another cloud). Returns the tunnel's state folder.
    param($Session, [string] $ConnectionId, $PeerSession, [string] $PeerConnectionId, [string] $State,
        [switch] $StatusToFile)
    $temp = [System.IO.Path]::GetTempPath()
    $a = Join-Path $temp "ovt-input-$ConnectionId.json"
    $b = Join-Path $temp "ovt-input-$PeerConnectionId.json"
    try {
        Write-TunnelInput -Session $Session -ConnectionId $ConnectionId -Path $a
        Write-TunnelInput -Session $PeerSession -ConnectionId $PeerConnectionId -Path $b
        if ($StatusToFile) { $env:STATUS_TO = 'file' }
        $null = Invoke-Tunnel @('pair-up', $State, $a, $b)
    }
    finally { Remove-Item $a, $b -ErrorAction Ignore; Remove-Item Env:STATUS_TO -ErrorAction Ignore }
    $State
}

function Sync-TunnelStatus {
    # The status bridge for an embedded cloud: the last status the side's agent reported for its VPN service and each
    # connection, set in the served embedded cloud -Server (what the VPN plugin does with the agent's report).
    param([string] $State, [string] $Side, $Server)
    $last = Get-LabTunnelReports $State -Side $Side | Select-Object -Last 1
    foreach ($service in @($last.report)) {
        if (-not $service) { continue }
        Set-EmbeddedOpenStackStatus -Server $Server -Kind VpnService -Id $service.id -Status $service.status
        foreach ($connection in $service.ipsec_site_connections.PSObject.Properties) {
            Set-EmbeddedOpenStackStatus -Server $Server -Kind IpsecSiteConnection -Id $connection.Name `
                -Status $connection.Value.status
        }
    }
}

function Stop-LabTunnel {
    # Keeps the logs of both sides beside the test results (never input.json, which holds the PSK), then tears down.
    param([string] $State)
    if ($env:OPENSTACKVPN_RESULTS -and (Test-Path $State)) {
        $keep = Join-Path $env:OPENSTACKVPN_RESULTS ('tunnel-logs/' + (Split-Path (Split-Path $State) -Leaf))
        $null = New-Item -ItemType Directory -Path $keep -Force
        $logs = foreach ($side in 'cloud', 'cloud-b') { "$side/agent.log", "$side/reports.jsonl", "$side/charon.log" }
        foreach ($log in @($logs) + 'peer/charon.log', 'peer/initiate.out') {
            $from = Join-Path $State $log
            if (Test-Path $from) { Copy-Item $from (Join-Path $keep ($log -replace '/', '-')) }
        }
    }
    $null = Invoke-Tunnel @('down', $State) -AllowFailure
}

function Get-LabTunnelPing {
    # Pings every cloud host address to every peer host address and back: one object per direction and pair.
    param([string] $State)
    foreach ($line in (Invoke-Tunnel @('ping', $State) -AllowFailure).Output) {
        if ($line -match 'ping (\S+) -> (\S+): (ok|FAILED)') { [pscustomobject]@{ From = $Matches[1]; To = $Matches[2]; Ok = $Matches[3] -eq 'ok' } }
    }
}

function Test-LabTunnelPing {
    # $true when every ping of Get-LabTunnelPing passed.
    param([string] $State)
    $pings = @(Get-LabTunnelPing $State)
    $pings.Count -gt 0 -and @($pings | Where-Object { -not $_.Ok }).Count -eq 0
}

function Get-LabTunnelReports {
    # The status reports the cloud side's agent sent into the lab's Neutron, oldest first ('cloud-b': a pair's end B).
    param([string] $State, [string] $Side = 'cloud')
    $file = Join-Path $State "$Side/reports.jsonl"
    if (-not (Test-Path $file)) { return @() }
    @(Get-Content $file | ForEach-Object { $_ | ConvertFrom-Json })
}

function Set-LabTunnelPeer {
    # The peer closes its SAs (the cloud hears of it) and loads another swanctl.conf.
    param([string] $State, [string] $PeerDir)
    $null = Invoke-Tunnel @('peer-load', $State, $PeerDir)
}

function Start-LabTunnelPeer {
    # The peer starts the tunnel with what it has loaded; $true when its CHILD SA came up.
    param([string] $State)
    (Invoke-Tunnel @('peer-initiate', $State) -AllowFailure).ExitCode -eq 0
}

function Stop-LabTunnelPeer {
    param([string] $State)
    $null = Invoke-Tunnel @('peer-stop', $State)
}

function New-PeerVariant {
    # A copy of an exported swanctl.conf with one change, as a branch admin's mistake would make it.
    param([string] $From, [string] $To, [string] $Pattern, [string] $Replacement)
    $text = Get-Content (Join-Path $From 'swanctl.conf') -Raw
    if ($text -notmatch $Pattern) { throw "'$Pattern' is not in $From/swanctl.conf" }
    $null = New-Item -ItemType Directory -Path $To -Force
    $path = Join-Path $To 'swanctl.conf'
    $null = New-Item -ItemType File -Path $path -Force
    & chmod 600 $path
    Set-Content -Path $path -Value ($text -replace $Pattern, $Replacement) -NoNewline
    $To
}

function Write-TunnelTiming {
    # One line of what the tunnel tests measured (tunnel-measures.txt in the results directory that
    # tests/Invoke-PesterSuite.ps1 names in OPENSTACKVPN_RESULTS, shown by build.ps1), also shown in the run:
    # a step's time, and for a fault what Test-IpsecSiteConnection -PeerConfig found.
    param([string] $Name, [double] $Seconds, [string] $Finding)
    $line = '{0,-60} {1,6:0.0} s' -f $Name, $Seconds
    if ($Finding) { $line += "  finding: $Finding" }
    Write-Host "    measured: $line"
    if ($env:OPENSTACKVPN_RESULTS) { Add-Content (Join-Path $env:OPENSTACKVPN_RESULTS 'tunnel-measures.txt') $line }
}
