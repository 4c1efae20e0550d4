<#
.SYNOPSIS
    Runs the Pester suite against the built module; called by build.ps1 in a fresh pwsh.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultsDirectory,
    [switch] $Integration
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force
$env:OPENSTACKVPN_MODULE = $ModulePath

$config = New-PesterConfiguration
$config.Run.Path = Join-Path $PSScriptRoot 'Pester'
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'JUnitXml'
$config.TestResult.OutputPath = Join-Path $ResultsDirectory 'pester.xml'
if (-not $Integration) { $config.Filter.ExcludeTag = @('Integration') }

$result = Invoke-Pester -Configuration $config
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount + $result.NotRunCount } |
    ConvertTo-Json | Set-Content (Join-Path $ResultsDirectory 'pester-counts.json')
if ($failed -gt 0) { exit 1 }
