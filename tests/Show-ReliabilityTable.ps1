<#
.SYNOPSIS
    Prints the reliability table of a suite run: faults tried and survived (or refused as intended), secret markers
    found (must be 0), bad inputs tried and refused cleanly.
#>
param([Parameter(Mandatory)] [string] $Path, [string] $Backend)

$rows = if (Test-Path $Path) { Get-Content $Path | ConvertFrom-Json } else { @() }
function Count($kind, [switch] $Ok) { @($rows | Where-Object { $_.Kind -eq $kind -and (-not $Ok -or $_.Ok) }).Count }
$secretsChecked = Count SecretMarker
$markersFound = $secretsChecked - (Count SecretMarker -Ok)
Write-Host ''
Write-Host "Reliability ($Backend backend)"
[pscustomobject[]]@(
    [pscustomobject]@{ Check = 'faults'; Tried = (Count Fault); Result = "$(Count Fault -Ok) survived or refused as intended" }
    [pscustomobject]@{ Check = 'secret markers'; Tried = $secretsChecked; Result = "$markersFound found" }
    [pscustomobject]@{ Check = 'bad inputs'; Tried = (Count BadInput); Result = "$(Count BadInput -Ok) refused cleanly before any request" }
) | Format-Table -AutoSize | Out-String | Write-Host
$rows | Where-Object { -not $_.Ok } | ForEach-Object { Write-Host "  not as intended: [$($_.Kind)] $($_.Name)" }
