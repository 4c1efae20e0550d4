<#
.SYNOPSIS
    Counts the tests that sent requests to the backend of a suite run, from what the backend itself logged while each
    test ran (Pester's ExecutedAt and Duration give each test's window).
.DESCRIPTION
    embedded: the served embedded backend's request log (only this run uses it). Writes backend-embedded-tests.json.
    lab:      a test ran against the lab when the lab's logs (neutron-server.log, Keystone's uwsgi log) show requests in
              its window AND the embedded run's log showed the same test sending requests (or it did not run there):
              others share the lab, so its logs alone could count their requests as ours.
    Returns the tests (ExpandedPath) that sent requests to the backend, and one line for the summary: an object
    {Used, Line}. The lab run counts only those in the closing line (tests/Invoke-PesterSuite.ps1).
#>
param(
    [Parameter(Mandatory)] $Result,
    [Parameter(Mandatory)] [ValidateSet('embedded', 'lab')] [string] $Backend,
    [Parameter(Mandatory)] [string] $ResultsDirectory,
    $Server,
    [string] $LabState
)

$tests = @($Result.Tests | Where-Object { $_.Result -in 'Passed', 'Failed' })
function Test-InWindow($test, [datetime[]] $times, [double] $slackSec) {
    $from = $test.ExecutedAt.AddSeconds(-$slackSec)
    $to = $test.ExecutedAt + $test.Duration + [timespan]::FromSeconds($slackSec)
    foreach ($t in $times) { if ($t -ge $from -and $t -le $to) { return $true } }
    $false
}

$embeddedFile = Join-Path $ResultsDirectory 'backend-embedded-tests.json'
if ($Backend -eq 'embedded') {
    $times = [datetime[]]@(Get-EmbeddedOpenStackRequest -Server $Server | ForEach-Object { $_.ReceivedAt.LocalDateTime })
    $used = @($tests | Where-Object { Test-InWindow $_ $times 0 } | ForEach-Object { $_.ExpandedPath })
    $skipped = @($Result.Tests | Where-Object { $_.Result -notin 'Passed', 'Failed' } | ForEach-Object { $_.ExpandedPath })
    @{ Used = $used; Ran = @($tests | ForEach-Object { $_.ExpandedPath }); Skipped = $skipped } |
        ConvertTo-Json | Set-Content $embeddedFile
    return [pscustomobject]@{ Used = $used; Line = "$($used.Count) of $($tests.Count) tests sent requests to the served embedded backend; the other $($tests.Count - $used.Count) used a cloud of their own or none" }
}

$embedded = if (Test-Path $embeddedFile) { Get-Content $embeddedFile -Raw | ConvertFrom-Json }
else { [pscustomobject]@{ Used = @(); Ran = @(); Skipped = @() } }
$culture = [System.Globalization.CultureInfo]::InvariantCulture
$neutron = foreach ($line in [System.IO.File]::ReadLines((Join-Path $LabState 'log/neutron-server.log'))) {
    if ($line -match '^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+) \d+ INFO neutron\.wsgi ') { [datetime]::ParseExact($Matches[1], 'yyyy-MM-dd HH:mm:ss.fff', $culture) }
}
$keystoneLog = Join-Path $LabState 'log/keystone.out'
$keystone = if (Test-Path $keystoneLog) {
    foreach ($line in [System.IO.File]::ReadLines($keystoneLog)) {
        if ($line -match '\] \[\w{3} (\w{3}) +(\d+) (\d\d:\d\d:\d\d) (\d{4})\] ') { [datetime]::ParseExact("$($Matches[2]) $($Matches[1]) $($Matches[4]) $($Matches[3])", 'd MMM yyyy HH:mm:ss', $culture) }
    }
}
$times = [datetime[]]@($neutron) + [datetime[]]@($keystone)
# A test the embedded run did not run at all (skipped there: the lab alone can show it) has only the lab's logs to go by.
$lab = @($tests | Where-Object { ($_.ExpandedPath -in $embedded.Used -or $_.ExpandedPath -notin $embedded.Ran) -and (Test-InWindow $_ $times 1) })
$lab.ExpandedPath | Set-Content (Join-Path $ResultsDirectory 'backend-lab-tests.txt')
$line = "$($lab.Count) of $($tests.Count) tests sent requests to the lab (names in backend-lab-tests.txt); " +
    "the other $($tests.Count - $lab.Count) ran as on the embedded backend"
[pscustomobject]@{ Used = @($lab | ForEach-Object { $_.ExpandedPath }); Line = $line; EmbeddedSkipped = @($embedded.Skipped) }
