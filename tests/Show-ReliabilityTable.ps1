<#
.SYNOPSIS
    Prints the reliability table of a suite run from Pester's own results, and returns how many rows are red.
.DESCRIPTION
    Each row counts the tests of one tag: Fault (faults tried: survived or refused as intended), SecretMarker (a secret
    looked for in one place: found when the test failed), BadInput (bad inputs refused before any request). A row is
    red when a test of it failed, did not run, or when the tests that ran are not exactly the catalogue's
    (tests/Pester/Reliability.Catalogue.psd1): a deleted, renamed or skipped case shows instead of shrinking the total.
    A catalogue key <Tag>OnTheLab lists cases only the lab can show: expected on the lab, set aside on the embedded.
#>
param(
    [Parameter(Mandatory)] $Result,
    [Parameter(Mandatory)] [string] $Catalogue,
    [string] $Backend
)

$expected = Import-PowerShellDataFile $Catalogue
$rows = @(
    @{ Tag = 'Fault'; Check = 'faults'; Good = 'survived or refused as intended'; Bad = 'not survived' }
    @{ Tag = 'SecretMarker'; Check = 'secret markers'; Good = 'not found'; Bad = 'found or not proven used' }
    @{ Tag = 'BadInput'; Check = 'bad inputs'; Good = 'refused cleanly before any request'; Bad = 'not refused cleanly' }
)
Write-Host ''
Write-Host "Reliability ($Backend backend), from the tests' own outcomes"
Write-Host ('{0,-15} {1,9} {2,5} {3}' -f 'Check', 'Catalogue', 'Ran', 'Result')
$red = 0
$details = [System.Collections.Generic.List[string]]::new()
foreach ($row in $rows) {
    # Cases the lab alone can show (<Tag>OnTheLab) are expected on the lab, and set aside elsewhere.
    $labOnly = @($expected["$($row.Tag)OnTheLab"] | Where-Object { $_ })
    $tests = @($Result.Tests | Where-Object { $_.Tag -contains $row.Tag -and ($Backend -eq 'lab' -or $_.ExpandedName -notin $labOnly) })
    $ran = @($tests | Where-Object { $_.Result -in 'Passed', 'Failed' })
    $passed = @($tests | Where-Object Result -eq 'Passed')
    $names = @($expected[$row.Tag]) + @(if ($Backend -eq 'lab') { $labOnly })
    $missing = @($names | Where-Object { $_ -notin $passed.ExpandedName })
    $extra = @($tests | ForEach-Object { $_.ExpandedName } | Where-Object { $_ -notin $names })
    $failed = @($tests | Where-Object Result -ne 'Passed')
    $ok = $missing.Count -eq 0 -and $extra.Count -eq 0 -and $failed.Count -eq 0 -and $passed.Count -eq $names.Count
    $text = if ($row.Tag -eq 'SecretMarker') { "$($failed.Count) $($row.Bad), $($passed.Count) $($row.Good)" }
    else { "$($passed.Count) $($row.Good)" + $(if ($failed.Count) { ", $($failed.Count) $($row.Bad)" } else { '' }) }
    $line = '{0,-15} {1,9} {2,5} {3}' -f $row.Check, $names.Count, $ran.Count, $text
    if ($ok) { Write-Host $line -ForegroundColor Green }
    else {
        $red++
        Write-Host "$line   << RED" -ForegroundColor Red
        foreach ($t in $failed) { $details.Add("  [$($row.Check)] $($t.Result.ToString().ToLowerInvariant()): $($t.ExpandedName)") }
        foreach ($n in $missing | Where-Object { $_ -notin $failed.ExpandedName }) { $details.Add("  [$($row.Check)] in the catalogue, did not pass: $n") }
        foreach ($n in $extra) { $details.Add("  [$($row.Check)] not in the catalogue: $n") }
    }
}
$details | ForEach-Object { Write-Host $_ -ForegroundColor Red }
$red
