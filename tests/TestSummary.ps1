<#
.SYNOPSIS
    The parts of build.ps1 Test's closing summary that read a suite's own results: the differential catalogue's cases,
    the script compatibility check, and what the real-tunnel tests measured. Dot-sourced by build.ps1.
#>

function Get-DifferentialCase([string] $Trx) {
    # The differential test replays a catalogue against the embedded cloud and the lab (or the fixtures): one xUnit test,
    # many cases. Shows its verdicts, and returns the cases as counts (SAME/KNOWN passed, DIFFERS/SKIPPED failed,
    # LABONLY skipped) with the xUnit test's own outcome, which they replace in the closing line; $null without a verdict.
    if (-not (Test-Path $Trx)) { return $null }
    $ns = @{ t = 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010' }
    $test = Select-Xml -Path $Trx -Namespace $ns -XPath "//t:UnitTestResult[contains(@testName, 'DifferentialTests')]" |
        Select-Object -First 1
    # By XPath: a test that failed before writing anything has no StdOut element, and StrictMode would stop the run.
    $stdout = Select-Xml -Path $Trx -Namespace $ns `
        -XPath "//t:UnitTestResult[contains(@testName, 'DifferentialTests')]/t:Output/t:StdOut" | Select-Object -First 1
    Write-Host ''
    Write-Host 'Differential test, the embedded cloud against the lab (or, without it, its recorded answers):'
    if (-not $stdout) { Write-Host '  no verdict: the test failed before comparing (see its error above)'; return $null }
    $lines = @($stdout.Node.InnerText -split "`n" | ForEach-Object { $_.TrimEnd() })
    $lines | Where-Object { $_ -match '^(DIFFERS|KNOWN|SKIPPED|against)' } | ForEach-Object { Write-Host "  $_" }
    $verdicts = @($lines | Where-Object { $_ -match '^(SAME|KNOWN|DIFFERS|SKIPPED|LABONLY)\s' } |
        ForEach-Object { ($_ -split '\s+')[0] })
    [pscustomobject]@{
        Passed = @($verdicts | Where-Object { $_ -in 'SAME', 'KNOWN' }).Count
        Failed = @($verdicts | Where-Object { $_ -in 'DIFFERS', 'SKIPPED' }).Count
        Skipped = @($verdicts | Where-Object { $_ -eq 'LABONLY' }).Count
        TestOutcome = if ($test) { $test.Node.outcome } else { 'NotFound' }
    }
}

function Add-DifferentialCase([hashtable] $Counts, $Cases) {
    # The one xUnit test is taken off its figure and its cases are counted instead; returns the closing note's line.
    if (-not $Cases) { return $null }
    switch ($Cases.TestOutcome) {
        'Passed' { $Counts.Passed-- }
        'Failed' { $Counts.Failed-- }
        default { $Counts.Skipped-- }
    }
    if ($Cases.TestOutcome -eq 'Failed' -and $Cases.Failed -eq 0) { $Counts.Failed++ }   # it failed after the cases
    $Counts.Passed += $Cases.Passed
    $Counts.Failed += $Cases.Failed
    $Counts.Skipped += $Cases.Skipped
    "  differential catalogue: $($Cases.Passed + $Cases.Failed + $Cases.Skipped) cases counted as cases " +
    "($($Cases.Passed) passed, $($Cases.Failed) failed, $($Cases.Skipped) lab only), in place of its one xUnit test"
}

function Invoke-CompatibilityCheck([string] $Shell, [string[]] $Arguments, [string] $CountsFile) {
    # The Windows PowerShell 5.1 compatibility check of the scripts: its own line, files not tests. Returns the line;
    # a failing check (or one that wrote no counts) makes the run fail.
    Remove-Item $CountsFile -ErrorAction Ignore
    & $Shell @Arguments -CountsFile $CountsFile | Out-Host
    if (-not (Test-Path $CountsFile)) { return [pscustomobject]@{ Failed = 1; Line = "  $Shell check: wrote no counts" } }
    $c = Get-Content $CountsFile -Raw | ConvertFrom-Json
    $by = if ($Shell -eq 'dotnet') { 'pwsh' } else { Split-Path $Shell -Leaf }
    [pscustomobject]@{
        Failed = $c.Failed
        Line = "  script compatibility with Windows PowerShell 5.1 (checked in $by): $($c.Passed) files pass, $($c.Failed) fail, " +
            "$($c.Skipped) marked PowerShell 7 only (files, not tests; not in the closing line's figures)"
    }
}

function Show-TunnelSummary([string] $Results) {
    # The real-tunnel tests (tests/Pester/Tunnel.Tests.ps1): when they did not run, why; when they did, each test's
    # outcome from Pester's results (tunnel-<backend>.json, written by tests/Invoke-PesterSuite.ps1) with what it
    # measured (tunnel-measures.txt, written by tests/lab/tunnel/TunnelLab.ps1): each step's time and each fault's finding.
    Write-Host ''
    foreach ($skipped in Get-ChildItem $Results -Filter 'tunnel-skipped-*.txt') {
        $backend = $skipped.BaseName -replace '^tunnel-skipped-', ''
        Write-Host "The tunnel tests were skipped on the $backend backend: $((Get-Content $skipped.FullName -Raw).Trim())."
    }
    foreach ($file in Get-ChildItem $Results -Filter 'tunnel-*.json') {
        $tests = @(Get-Content $file.FullName -Raw | ConvertFrom-Json)
        $ran = @($tests | Where-Object { $_.Result -in 'Passed', 'Failed' })
        if ($ran.Count -eq 0) { continue }
        Write-Host "Real tunnels on the $($file.BaseName -replace '^tunnel-', '') backend, by test:"
        foreach ($t in $tests) { Write-Host ('  {0,-7} {1,6:0.0} s  {2}' -f $t.Result, $t.Seconds, $t.Name) }
    }
    $measures = Join-Path $Results 'tunnel-measures.txt'
    if (Test-Path $measures) {
        Write-Host 'What they measured (time to ACTIVE, each fault''s time and finding):'
        Get-Content $measures | ForEach-Object { Write-Host "  $_" }
    }
}
