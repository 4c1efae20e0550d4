#Requires -Version 7.0
# PowerShell 7 only: a Linux lab tool (the openstack CLI, openstacksdk, curl and time side by side); it uses .NET 6 APIs and 7 syntax.
<#
.SYNOPSIS
    Times the module against its peers (openstack CLI, openstacksdk, curl) on the lab, and measures memory.
.DESCRIPTION
    A benchmark, not a test: it asserts nothing about time. It adds -ListSize IPsec site connections to the
    lab's seed VPN service (removed again at the end), times each operation -Iterations times after one
    untimed warm-up, and prints median / p95 in ms for each client, then a memory table. Results also go to
    out/benchmark.json. A peer whose tool is missing shows n/a.
    The CLI, curl and the "cold" row start a new process per call; the module and openstacksdk rows are
    timed in one warm process. Build the module first: ./build.ps1 Build.
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/Measure-Benchmark.ps1 -Iterations 10
#>
[CmdletBinding()]
param(
    [string]$LabState = '/tmp/openstackvpn-lab',
    [ValidateRange(1, 10000)][int]$Iterations = 20,
    [ValidateRange(0, 250)][int]$ListSize = 50
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$modulePath = Join-Path $root 'out/OpenStackVpn'
$seed = Get-Content (Join-Path $LabState 'seed.json') -Raw | ConvertFrom-Json
$rc = @{}
foreach ($line in Get-Content (Join-Path $LabState 'admin-openrc.sh')) { if ($line -match "^export (\w+)='?([^']*)'?$") { $rc[$Matches[1]] = $Matches[2] } }
$cid = $seed.connection_id
$connUrl = "$($seed.network_url)/v2.0/vpn/ipsec-site-connections"

# Peers run with a clean PATH (the PATH python3 may be a pyenv without the openstack libraries).
$savedPath = $env:PATH
$env:PATH = '/usr/sbin:/usr/bin:/sbin:/bin'
$env:OS_CLIENT_CONFIG_FILE = Join-Path $LabState 'clouds.yaml'
function Find-Tool([string]$Name) { foreach ($d in $env:PATH -split ':') { if (Test-Path -PathType Leaf "$d/$Name") { return "$d/$Name" } } }
$osc = Find-Tool openstack
$curl = Find-Tool curl
$timeExe = Find-Tool time
$python = if (Test-Path /usr/bin/python3) { & /usr/bin/python3 -c 'import openstack' 2>$null; if ($LASTEXITCODE -eq 0) { '/usr/bin/python3' } }
# A new pwsh process, for the "cold" row: "dotnet pwsh.dll" when run as a dotnet tool, else pwsh itself.
$pwshCmd = if ((Split-Path -Leaf ([Environment]::ProcessPath)) -eq 'dotnet') { @([Environment]::ProcessPath, [Environment]::GetCommandLineArgs()[0]) } else { @([Environment]::ProcessPath) }
$PSNativeCommandUseErrorActionPreference = $true   # from here on, a failing peer command throws (and shows as n/a)

function Get-Stats([double[]]$Ms) {
    $s = [double[]]($Ms | Sort-Object); $n = $s.Count
    $median = if ($n % 2) { $s[($n - 1) / 2] } else { ($s[$n / 2 - 1] + $s[$n / 2]) / 2 }
    [ordered]@{ median_ms = [math]::Round($median, 1); p95_ms = [math]::Round($s[[math]::Ceiling(0.95 * $n) - 1], 1); n = $n }
}
function Measure-Op([string]$What, [scriptblock]$Op) {
    try {
        $null = & $Op   # warm-up, not counted
        $sw = [Diagnostics.Stopwatch]::new()
        $ms = foreach ($i in 1..$Iterations) { $sw.Restart(); $null = & $Op; $sw.Stop(); $sw.Elapsed.TotalMilliseconds }
        Get-Stats $ms
    }
    catch { Write-Warning "$What failed: $_"; $null }
}
# Max RSS (MB) of one run of a command: GNU time if present, else polling /proc/<pid>/status (VmHWM, approximate).
function Get-MaxRssMB([string[]]$Command) {
    try {
        if ($timeExe) {
            $f = [IO.Path]::GetTempFileName()
            try { $null = & $timeExe -f '%M' -o $f @Command; return [math]::Round([double](Get-Content $f | Select-Object -Last 1) / 1024, 1) }
            finally { Remove-Item $f }
        }
        $psi = [Diagnostics.ProcessStartInfo]::new($Command[0]); $Command | Select-Object -Skip 1 | ForEach-Object { $psi.ArgumentList.Add($_) }
        $psi.RedirectStandardOutput = $true
        $p = [Diagnostics.Process]::Start($psi); $drain = $p.StandardOutput.ReadToEndAsync(); $kb = 0
        while (-not $p.HasExited) {
            $hwm = Get-Content "/proc/$($p.Id)/status" -ErrorAction Ignore | Where-Object { $_ -like 'VmHWM:*' }
            if ($hwm -match '(\d+)') { $kb = [math]::Max($kb, [int]$Matches[1]) }
            Start-Sleep -Milliseconds 5
        }
        $null = $drain.Result; if ($kb) { [math]::Round($kb / 1024, 1) }   # too short-lived to sample: n/a
    }
    catch { Write-Warning "memory of $($Command[0]) failed: $_"; $null }
}
function MB([double]$Bytes) { [math]::Round($Bytes / 1MB, 1) }

$ops = 'authenticate', 'show one connection', 'list all', 'list, page size 10', 'cold: new process + auth + show'
$results = [ordered]@{}; foreach ($o in $ops) { $results[$o] = [ordered]@{ module = $null; cli = $null; sdk = $null; curl = $null } }
$memory = [ordered]@{}
$loadBefore = (Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 3
$counts = [ordered]@{}
$created = [Collections.Generic.List[string]]::new()
$authFile = [IO.Path]::GetTempFileName()

$memory.module_ws_before_import_mb = MB (Get-Process -Id $PID).WorkingSet64
$memory.module_gc_heap_before_mb = MB ([GC]::GetTotalMemory($true))
try {
    Import-Module $modulePath -Force
    Connect-OpenStack -Cloud lab-admin | Out-Null
    Write-Host "Creating $ListSize connections on VPN service $($seed.vpnservice_id)..."
    $psk = ConvertTo-SecureString 'bench-secret' -AsPlainText -Force
    for ($n = 1; $n -le $ListSize; $n++) {
        $c = New-IpsecSiteConnection -VpnService $seed.vpnservice_id -IkePolicy $seed.ikepolicy_id -IpsecPolicy $seed.ipsecpolicy_id `
            -PeerAddress "172.24.4.$($n % 250 + 2)" -PeerCidr "10.200.$n.0/24" -Psk $psk -Name "bench-$n"
        $created.Add($c.Id)
    }

    Write-Host "Module (warm session in this process)..."
    $r = $results
    $r['authenticate'].module = Measure-Op 'module auth' { Connect-OpenStack -Cloud lab-admin }
    $r['show one connection'].module = Measure-Op 'module show' { Get-IpsecSiteConnection -Id $cid }
    $r['list all'].module = Measure-Op 'module list' { Get-IpsecSiteConnection }
    $r['list, page size 10'].module = Measure-Op 'module paged list' { Get-IpsecSiteConnection -PageSize 10 }
    $counts.module = @(Get-IpsecSiteConnection).Count; $counts.module_paged = @(Get-IpsecSiteConnection -PageSize 10).Count
    $proc = Get-Process -Id $PID
    $memory.module_ws_after_mb = MB $proc.WorkingSet64
    $memory.module_ws_peak_mb = MB $proc.PeakWorkingSet64
    $memory.module_gc_heap_after_mb = MB ([GC]::GetTotalMemory($true))
    $coldModule = @($pwshCmd) + @('-NoProfile', '-NonInteractive', '-Command',
        "Import-Module '$modulePath'; Connect-OpenStack -Cloud lab-admin | Out-Null; Get-IpsecSiteConnection -Id $cid | Out-Null")
    $r['cold: new process + auth + show'].module = Measure-Op 'module cold' { & $coldModule[0] @($coldModule | Select-Object -Skip 1) }
    $memory.module_cold_max_rss_mb = Get-MaxRssMB $coldModule

    if ($osc) {
        Write-Host "openstack CLI (a new process per call)..."
        $r['authenticate'].cli = Measure-Op 'cli auth' { & $osc --os-cloud lab-admin token issue -f value -c id }
        $r['show one connection'].cli = Measure-Op 'cli show' { & $osc --os-cloud lab-admin vpn ipsec site connection show $cid -f json }
        $r['list all'].cli = Measure-Op 'cli list' { & $osc --os-cloud lab-admin vpn ipsec site connection list -f json }
        $r['cold: new process + auth + show'].cli = $r['show one connection'].cli   # every CLI call is cold
        $counts.cli = @(& $osc --os-cloud lab-admin vpn ipsec site connection list -f value -c ID).Count
        $memory.cli_show_max_rss_mb = Get-MaxRssMB @($osc, '--os-cloud', 'lab-admin', 'vpn', 'ipsec', 'site', 'connection', 'show', $cid, '-f', 'json')
        $memory.cli_list_max_rss_mb = Get-MaxRssMB @($osc, '--os-cloud', 'lab-admin', 'vpn', 'ipsec', 'site', 'connection', 'list', '-f', 'json')
    }

    if ($python) {
        Write-Host "openstacksdk (one warm python process)..."
        $py = @'
import json, sys, time
def rss(key='VmRSS'):  # VmHWM = peak; ru_maxrss would carry over the forking pwsh's peak across exec
    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith(key)) / 1024
out = {'rss_before_import_mb': rss()}
import openstack
out['rss_after_import_mb'] = rss()
n, cid = int(sys.argv[1]), sys.argv[2]
def timed(name, f):
    f()  # warm-up
    out[name] = []
    for _ in range(n):
        t = time.perf_counter(); f(); out[name].append((time.perf_counter() - t) * 1000)
timed('auth', lambda: openstack.connect(cloud='lab-admin').auth_token)
conn = openstack.connect(cloud='lab-admin')
timed('show', lambda: conn.network.get_vpn_ipsec_site_connection(cid))
timed('list', lambda: list(conn.network.vpn_ipsec_site_connections()))
timed('page', lambda: list(conn.network.vpn_ipsec_site_connections(limit=10)))
out['count'] = len(list(conn.network.vpn_ipsec_site_connections()))
out['count_paged'] = len(list(conn.network.vpn_ipsec_site_connections(limit=10)))
out['rss_after_mb'] = rss()
out['max_rss_mb'] = rss('VmHWM')
out['version'] = openstack.version.__version__
print(json.dumps(out))
'@
        try {
            $sdk = & $python -c $py $Iterations $cid 2>$null | ConvertFrom-Json
            $r['authenticate'].sdk = Get-Stats $sdk.auth
            $r['show one connection'].sdk = Get-Stats $sdk.show
            $r['list all'].sdk = Get-Stats $sdk.list
            $r['list, page size 10'].sdk = Get-Stats $sdk.page
            $counts.sdk = $sdk.count; $counts.sdk_paged = $sdk.count_paged
            foreach ($k in 'rss_before_import_mb', 'rss_after_import_mb', 'rss_after_mb', 'max_rss_mb') { $memory["sdk_$k"] = [math]::Round($sdk.$k, 1) }
        }
        catch { Write-Warning "openstacksdk run failed: $_" }
        $coldSdk = @($python, '-c', "import openstack; openstack.connect(cloud='lab-admin').network.get_vpn_ipsec_site_connection('$cid')")
        $r['cold: new process + auth + show'].sdk = Measure-Op 'sdk cold' { & $coldSdk[0] @($coldSdk | Select-Object -Skip 1) 2>$null }
        $memory.sdk_cold_max_rss_mb = Get-MaxRssMB $coldSdk
    }

    if ($curl) {
        Write-Host "curl (raw HTTP, a curl process per request)..."
        $scope = @{ project = @{ name = $rc.OS_PROJECT_NAME; domain = @{ name = $rc.OS_PROJECT_DOMAIN_NAME } } }
        $user = @{ name = $rc.OS_USERNAME; domain = @{ name = $rc.OS_USER_DOMAIN_NAME }; password = $rc.OS_PASSWORD }
        @{ auth = @{ identity = @{ methods = @('password'); password = @{ user = $user } }; scope = $scope } } | ConvertTo-Json -Depth 6 | Set-Content $authFile
        $getToken = {
            $headers = & $curl -sS -f -D - -o /dev/null -H 'Content-Type: application/json' -d "@$authFile" "$($seed.auth_url)/auth/tokens"
            foreach ($h in $headers) { if ($h -match '(?i)^x-subject-token:\s*(\S+)') { return $Matches[1] } }
        }
        $getPaged = {
            $url = "${connUrl}?limit=10"; $n = 0
            while ($url) {
                $page = & $curl -sS -f -H "X-Auth-Token: $token" $url | ConvertFrom-Json
                $n += $page.ipsec_site_connections.Count
                $url = ($page.ipsec_site_connections_links | Where-Object rel -EQ 'next').href
            }
            $n
        }
        $r['authenticate'].curl = Measure-Op 'curl auth' $getToken
        $token = & $getToken
        $r['show one connection'].curl = Measure-Op 'curl show' { & $curl -sS -f -H "X-Auth-Token: $token" "$connUrl/$cid" }
        $r['list all'].curl = Measure-Op 'curl list' { & $curl -sS -f -H "X-Auth-Token: $token" $connUrl }
        $r['list, page size 10'].curl = Measure-Op 'curl paged list' $getPaged
        $r['cold: new process + auth + show'].curl = Measure-Op 'curl cold' { $t = & $getToken; & $curl -sS -f -H "X-Auth-Token: $t" "$connUrl/$cid" }
        $counts.curl = (& $curl -sS -f -H "X-Auth-Token: $token" $connUrl | ConvertFrom-Json).ipsec_site_connections.Count
        $counts.curl_paged = & $getPaged
        $memory.curl_show_max_rss_mb = Get-MaxRssMB @($curl, '-sS', '-f', '-o', '/dev/null', '-H', "X-Auth-Token: $token", "$connUrl/$cid")
    }
}
finally {
    if ($created.Count) {
        Write-Host "Removing the $($created.Count) bench connections..."
        Remove-IpsecSiteConnection -Id $created.ToArray() -Force -ErrorAction Continue
    }
    Remove-Item $authFile -ErrorAction Ignore
    $env:PATH = $savedPath
}

# Report: median / p95 ms per cell, then memory.
function Cell($s) { if ($s) { '{0:0.0} / {1:0.0}' -f $s.median_ms, $s.p95_ms } else { 'n/a' } }
function Mem($v) { if ($null -ne $v) { '{0:0.0}' -f $v } else { 'n/a' } }
$total = $counts.module
Write-Host "`nTime, ms (median / p95 of $Iterations; $([Environment]::ProcessorCount) cores; list = $total connections)"
$results.Keys | ForEach-Object {
    $e = $results[$_]
    [pscustomobject]@{ Operation = ($_ -eq 'list all' ? "list all ($total)" : $_); Module = Cell $e.module
        'openstack CLI' = Cell $e.cli; openstacksdk = Cell $e.sdk; 'curl (raw HTTP)' = Cell $e.curl }
} | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
Write-Host "CLI: every call is a new process that authenticates. Module and SDK: one warm process. curl: one process per request."
Write-Host "Items returned: $(($counts.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ', ')"

Write-Host "`nMemory, MB"
$m = $memory
@(
    [pscustomobject]@{ Measure = 'one cold show: max RSS of the process'; Module = Mem $m.module_cold_max_rss_mb; 'openstack CLI' = Mem $m.cli_show_max_rss_mb; openstacksdk = Mem $m.sdk_cold_max_rss_mb; 'curl (raw HTTP)' = Mem $m.curl_show_max_rss_mb }
    [pscustomobject]@{ Measure = 'warm process: RSS before import'; Module = Mem $m.module_ws_before_import_mb; 'openstack CLI' = 'n/a'; openstacksdk = Mem $m.sdk_rss_before_import_mb; 'curl (raw HTTP)' = 'n/a' }
    [pscustomobject]@{ Measure = 'warm process: RSS after all runs'; Module = Mem $m.module_ws_after_mb; 'openstack CLI' = 'n/a'; openstacksdk = Mem $m.sdk_rss_after_mb; 'curl (raw HTTP)' = 'n/a' }
    [pscustomobject]@{ Measure = 'warm process: peak RSS'; Module = Mem $m.module_ws_peak_mb; 'openstack CLI' = 'n/a'; openstacksdk = Mem $m.sdk_max_rss_mb; 'curl (raw HTTP)' = 'n/a' }
    [pscustomobject]@{ Measure = 'warm process: GC heap before -> after'; Module = "$(Mem $m.module_gc_heap_before_mb) -> $(Mem $m.module_gc_heap_after_mb)"; 'openstack CLI' = 'n/a'; openstacksdk = 'n/a'; 'curl (raw HTTP)' = 'n/a' }
) | Format-Table -AutoSize | Out-String -Width 200 | Write-Host

$versions = [ordered]@{
    pwsh = $PSVersionTable.PSVersion.ToString(); module = (Get-Module OpenStackVpn).Version.ToString()
    openstack_cli = if ($osc) { (& $osc --version 2>&1 | Out-String).Trim() }; openstacksdk = $sdk.version
    curl = if ($curl) { (& $curl --version | Select-Object -First 1) }
}
$report = [ordered]@{
    date = (Get-Date).ToString('o'); cores = [Environment]::ProcessorCount; iterations = $Iterations; list_size = $total
    load_avg_before = $loadBefore -join ' '; load_avg_after = ((Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 3) -join ' '
    versions = $versions; time = $results; memory = $memory; items = $counts
}
$null = New-Item -ItemType Directory -Force (Join-Path $root 'out')
$report | ConvertTo-Json -Depth 6 | Set-Content (Join-Path $root 'out/benchmark.json')
Write-Host "Written: out/benchmark.json"
