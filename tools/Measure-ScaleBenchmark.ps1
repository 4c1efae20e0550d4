#Requires -Version 7.0
# PowerShell 7 only: a Linux benchmark tool (a stand-in Neutron, raw HttpClient and System.Text.Json side by side) that uses .NET 6+ APIs.
<#
.SYNOPSIS
    Lists at fleet scale: the module next to a hand-written Invoke-RestMethod loop and the floor (raw HttpClient + System.Text.Json),
    on a fast stand-in server, in one run; plus the per-call overhead of one show, Import-Module, and the embedded cloud's own rate.
.DESCRIPTION
    A benchmark, not a test: it asserts nothing about time. tools/ScaleBench serves -Count generated IPsec site connections on
    127.0.0.1 from pre-built bytes (a page is a slice of one byte array), in its own process, so what is timed is the client.
    Each list is timed -Repeat times (median reported) through "| Measure-Object", paged by -PageSize and unpaged; the working
    set of this process is sampled every 5 ms during each run and the growth over the run's start is reported.
    Build the module first: ./build.ps1 Build. Results also go to out/scale-benchmark.json.
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/Measure-ScaleBenchmark.ps1
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 1000000)][int]$Count = 100000,
    [ValidateRange(1, 10000)][int]$PageSize = 1000,
    [ValidateRange(1, 50)][int]$Repeat = 3,
    [ValidateRange(10, 100000)][int]$Calls = 2000,
    [ValidateRange(0, 1000000)][int]$EmbeddedCount = 100000,
    # Another build of the module (e.g. of an earlier commit) whose Import-Module time is measured next to this one's.
    [string]$CompareModule
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$modulePath = Join-Path $root 'out/OpenStackVpn'
if (-not (Test-Path $modulePath)) { throw "Build the module first: dotnet pwsh ./build.ps1 Build" }
$benchProject = Join-Path $root 'tools/ScaleBench/ScaleBench.csproj'
dotnet build $benchProject -c Release --nologo -v quiet | Out-Null
if ($LASTEXITCODE -ne 0) { throw 'Building tools/ScaleBench failed.' }
$benchDll = Join-Path $root 'tools/ScaleBench/bin/Release/net10.0/ScaleBench.dll'
Add-Type -Path $benchDll
$loadBefore = ((Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 3) -join ' '

function Get-Median([double[]]$Values) {
    $s = [double[]]($Values | Sort-Object); $n = $s.Count
    if ($n % 2) { $s[($n - 1) / 2] } else { ($s[$n / 2 - 1] + $s[$n / 2]) / 2 }
}
# Runs a list $Repeat times after one warm-up; returns the median seconds, the objects counted and the largest working-set growth.
function Measure-List([string]$What, [scriptblock]$List) {
    Write-Host "  $What"
    $null = & $List
    $seconds = @(); $growth = @(); $counted = 0
    foreach ($i in 1..$Repeat) {
        $sampler = [OpenStackVpn.ScaleBench.WorkingSetSampler]::Start()
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $counted = & $List
        $clock.Stop(); $sampler.Dispose()
        $seconds += $clock.Elapsed.TotalSeconds; $growth += $sampler.GrowthMB
    }
    $median = Get-Median $seconds
    [ordered]@{ what = $What; objects = [int]$counted; seconds = [math]::Round($median, 3); objects_per_s = [math]::Round($counted / $median)
        ws_growth_mb = [math]::Round(($growth | Measure-Object -Maximum).Maximum, 1); runs = $Repeat }
}

Write-Host "Generating $Count connections in the stand-in server..."
$psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($a in $benchDll, 'serve', "$Count") { $psi.ArgumentList.Add($a) }
$psi.RedirectStandardInput = $true; $psi.RedirectStandardOutput = $true
$server = [Diagnostics.Process]::Start($psi)
$results = [ordered]@{}
try {
    $authUrl = $server.StandardOutput.ReadLine()
    if (-not $authUrl) { throw 'The stand-in server did not start.' }
    $networkUrl = [uri]($authUrl -replace 'identity/v3/$', 'network/')
    $listUrl = "$($networkUrl)v2.0/vpn/ipsec-site-connections"
    $headers = @{ 'X-Auth-Token' = 'bench-token' }
    $oneId = '{0:x8}-0001-4000-8000-{0:x12}' -f [int]($Count / 2)

    # Timed inside each new pwsh, so that the process start (large and noisy on a busy machine) is not part of it.
    $importMs = @(); $compareMs = @()
    $pwsh = if ((Split-Path -Leaf ([Environment]::ProcessPath)) -eq 'dotnet') { @([Environment]::ProcessPath, [Environment]::GetCommandLineArgs()[0]) } else { @([Environment]::ProcessPath) }
    Write-Host 'Import-Module in a new pwsh, 15 times (interleaved with -CompareModule)...'
    foreach ($i in 0..15) {
        foreach ($case in @('import') + @(if ($CompareModule) { 'compare' })) {
            $path = if ($case -eq 'import') { $modulePath } else { $CompareModule }
            $ms = [double](& $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command "(Measure-Command { Import-Module '$path' }).TotalMilliseconds")
            if ($i -eq 0) { continue }   # the first of each is a warm-up
            if ($case -eq 'import') { $importMs += $ms } else { $compareMs += $ms }
        }
    }

    Import-Module $modulePath
    $credential = [pscredential]::new('admin', (ConvertTo-SecureString 'bench' -AsPlainText -Force))
    $null = Connect-OpenStack -AuthUrl $authUrl -Credential $credential -ProjectName admin

    Write-Host "Lists of $Count connections (median of $Repeat, after a warm-up):"
    $rows = @(
        Measure-List "Get-IpsecSiteConnection -PageSize $PageSize | Measure-Object" { (Get-IpsecSiteConnection -PageSize $PageSize | Measure-Object).Count }
        Measure-List 'Get-IpsecSiteConnection | Measure-Object (unpaged)' { (Get-IpsecSiteConnection | Measure-Object).Count }
        Measure-List "hand-written Invoke-RestMethod loop, limit=$PageSize" {
            $url = "${listUrl}?limit=$PageSize"
            (& { while ($url) { $page = Invoke-RestMethod -Uri $url -Headers $headers; $page.ipsec_site_connections; $url = ($page.ipsec_site_connections_links | Where-Object rel -EQ 'next').href } } | Measure-Object).Count
        }
        Measure-List 'hand-written Invoke-RestMethod, unpaged' { ((Invoke-RestMethod -Uri $listUrl -Headers $headers).ipsec_site_connections | Measure-Object).Count }
        Measure-List "floor: HttpClient + System.Text.Json, limit=$PageSize" { [OpenStackVpn.ScaleBench.Floor]::List($networkUrl, 'bench-token', $PageSize) }
        Measure-List 'floor: HttpClient + System.Text.Json, unpaged' { [OpenStackVpn.ScaleBench.Floor]::List($networkUrl, 'bench-token', $null) }
    )
    if ($CompareModule) {
        # The other build cannot be loaded next to this one: its two lists run in a new pwsh, timed there the same way.
        Write-Host "  the same two lists with $CompareModule, in a new pwsh"
        $child = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$CompareModule'
`$null = Connect-OpenStack -AuthUrl '$authUrl' -Credential ([pscredential]::new('admin', (ConvertTo-SecureString 'bench' -AsPlainText -Force))) -ProjectName admin
foreach (`$size in $PageSize, 0) {
    `$list = if (`$size) { { (Get-IpsecSiteConnection -PageSize `$size | Measure-Object).Count } } else { { (Get-IpsecSiteConnection | Measure-Object).Count } }
    `$null = & `$list
    `$times = foreach (`$i in 1..$Repeat) { `$clock = [Diagnostics.Stopwatch]::StartNew(); `$n = & `$list; `$clock.Elapsed.TotalSeconds }
    "`$size `$n `$(`$times -join ' ')"
}
"@
        foreach ($line in (& $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $child)) {
            $f = $line -split ' '; $median = Get-Median ([double[]]$f[2..($f.Count - 1)])
            $rows += [ordered]@{ what = "-CompareModule: Get-IpsecSiteConnection $(if ([int]$f[0]) { "-PageSize $($f[0])" } else { '(unpaged)' }) | Measure-Object"
                objects = [int]$f[1]; seconds = [math]::Round($median, 3); objects_per_s = [math]::Round([int]$f[1] / $median); ws_growth_mb = $null; runs = $Repeat }
        }
    }
    $results.lists = $rows

    Write-Host "One show, $Calls calls each (median):"
    $clock = [Diagnostics.Stopwatch]::new()
    $null = Get-IpsecSiteConnection -Id $oneId
    $moduleMs = foreach ($i in 1..$Calls) { $clock.Restart(); $null = Get-IpsecSiteConnection -Id $oneId; $clock.Elapsed.TotalMilliseconds }
    $null = Invoke-RestMethod -Uri "$listUrl/$oneId" -Headers $headers
    $irmMs = foreach ($i in 1..$Calls) { $clock.Restart(); $null = Invoke-RestMethod -Uri "$listUrl/$oneId" -Headers $headers; $clock.Elapsed.TotalMilliseconds }
    $null = [OpenStackVpn.ScaleBench.Floor]::Show($networkUrl, 'bench-token', $oneId, 10)
    $floorMs = [OpenStackVpn.ScaleBench.Floor]::Show($networkUrl, 'bench-token', $oneId, $Calls)
    $emptyMs = foreach ($i in 1..$Calls) { $clock.Restart(); $null = Get-Date; $clock.Elapsed.TotalMilliseconds }
    $results.show = [ordered]@{
        module_ms = [math]::Round((Get-Median $moduleMs), 3); invoke_restmethod_ms = [math]::Round((Get-Median $irmMs), 3)
        floor_ms = [math]::Round((Get-Median $floorMs), 3); any_cmdlet_ms = [math]::Round((Get-Median $emptyMs), 3)
        module_over_floor_ms = [math]::Round((Get-Median $moduleMs) - (Get-Median $floorMs), 3); calls = $Calls
    }
    $results.import = [ordered]@{ import_ms = [math]::Round((Get-Median $importMs), 1); runs = $importMs.Count }
    if ($CompareModule) {
        $results.import.compare_module = $CompareModule
        $results.import.compare_import_ms = [math]::Round((Get-Median $compareMs), 1)
    }
}
finally {
    $server.StandardInput.Close()
    if (-not $server.WaitForExit(5000)) { $server.Kill() }
}

if ($EmbeddedCount -gt 0) {
    Write-Host "The embedded cloud seeded with $EmbeddedCount connections, in process:"
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $embedded = Connect-OpenStack -Embedded -SeedConnections $EmbeddedCount
    $seedSeconds = $clock.Elapsed.TotalSeconds
    $total = $EmbeddedCount + 5
    $served = Start-EmbeddedOpenStack -SeedConnections $EmbeddedCount
    try {
        $overSockets = Connect-OpenStack -AuthUrl $served.AuthUrl -Credential $served.Credential -ProjectName $served.ProjectName
        $results.embedded = [ordered]@{
            connections = $EmbeddedCount; connect_and_seed_s = [math]::Round($seedSeconds, 3)
            lists = @(
                Measure-List "in process, -PageSize $PageSize" { (Get-IpsecSiteConnection -Session $embedded -PageSize $PageSize | Measure-Object).Count }
                Measure-List 'in process, unpaged' { (Get-IpsecSiteConnection -Session $embedded | Measure-Object).Count }
                Measure-List "served on loopback, -PageSize $PageSize" { (Get-IpsecSiteConnection -Session $overSockets -PageSize $PageSize | Measure-Object).Count }
                Measure-List 'served on loopback, unpaged' { (Get-IpsecSiteConnection -Session $overSockets | Measure-Object).Count }
            )
        }
    }
    finally { $served | Stop-EmbeddedOpenStack }
    if ($results.embedded.lists | Where-Object objects -NE $total) { Write-Warning "The embedded cloud did not list all $total connections." }
}

Write-Host "`nLists, $Count connections ($([Environment]::ProcessorCount) cores, load $loadBefore before)"
$results.lists | ForEach-Object { [pscustomobject]@{ Client = $_.what; Objects = $_.objects; Seconds = $_.seconds; 'Objects/s' = $_.objects_per_s; 'WS growth, MB' = $_.ws_growth_mb } } |
    Format-Table -AutoSize | Out-String -Width 200 | Write-Host
$s = $results.show
Write-Host ("One show: module {0} ms, Invoke-RestMethod {1} ms, floor {2} ms; module over the floor {3} ms (any cmdlet call costs {4} ms)" -f $s.module_ms, $s.invoke_restmethod_ms, $s.floor_ms, $s.module_over_floor_ms, $s.any_cmdlet_ms)
$i = $results.import
Write-Host ("Import-Module in a new pwsh: {0} ms (median of {1})" -f $i.import_ms, $i.runs)
if ($CompareModule) { Write-Host ("Import-Module of {0}: {1} ms" -f $CompareModule, $i.compare_import_ms) }
if ($results.embedded) {
    $e = $results.embedded
    Write-Host "`nEmbedded cloud: Connect-OpenStack -Embedded -SeedConnections $($e.connections) took $($e.connect_and_seed_s) s"
    $e.lists | ForEach-Object { [pscustomobject]@{ List = $_.what; Objects = $_.objects; Seconds = $_.seconds; 'Objects/s' = $_.objects_per_s } } |
        Format-Table -AutoSize | Out-String -Width 200 | Write-Host
}
$results.date = (Get-Date).ToString('o'); $results.cores = [Environment]::ProcessorCount; $results.count = $Count; $results.page_size = $PageSize
$results.load_avg_before = $loadBefore; $results.load_avg_after = ((Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 3) -join ' '
$results.pwsh = $PSVersionTable.PSVersion.ToString()
$null = New-Item -ItemType Directory -Force (Join-Path $root 'out')
$results | ConvertTo-Json -Depth 6 | Set-Content (Join-Path $root 'out/scale-benchmark.json')
Write-Host 'Written: out/scale-benchmark.json'
