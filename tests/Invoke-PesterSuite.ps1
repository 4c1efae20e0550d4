<#
.SYNOPSIS
    Runs the Pester contract suite against the built module, on one backend; called by build.ps1 in a fresh pwsh.
.DESCRIPTION
    embedded: serves a new embedded OpenStack on loopback (no VPN agent: objects stay PENDING_CREATE, as in the lab) and
              writes a state folder like the lab's (clouds.yaml, seed.json, the CLI's show of the example connection).
    lab:      uses the real lab's state folder (tests/lab/start.sh); every test fails if the lab is not up.
    The same test files run on both. Writes pester-<backend>.xml and pester-<backend>-counts.json.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultsDirectory,
    [ValidateSet('embedded', 'lab')] [string] $Backend = 'embedded',
    # Only these test files (for working on a few); the reliability table then shows red rows for what did not run.
    [string[]] $Path = (Join-Path $PSScriptRoot 'Pester')
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force
Import-Module $ModulePath
$env:OPENSTACKVPN_MODULE = $ModulePath
$env:OPENSTACKVPN_BACKEND = $Backend
$env:OPENSTACKVPN_RESULTS = $ResultsDirectory   # where tests leave what they measured (tunnel-measures.txt)

if ($Backend -eq 'embedded') {
    $global:OpenStackVpnTestServer = Start-EmbeddedOpenStack -ActivationDelaySec -1
    $state = Join-Path ([System.IO.Path]::GetTempPath()) "openstackvpn-embedded-$PID"
    $null = New-Item -ItemType Directory -Path $state -Force
    $seed = $global:OpenStackVpnTestServer.Seed
    Set-Content (Join-Path $state 'clouds.yaml') ($global:OpenStackVpnTestServer.CloudsYaml -replace 'embedded-', 'lab-')
    Set-Content (Join-Path $state 'seed.json') $seed.ToJson()
    foreach ($who in 'admin', 'member') {
        $cloud = $global:OpenStackVpnTestServer
        Set-Content (Join-Path $state "$who-openrc.sh") @(
            "export OS_AUTH_URL=$($cloud.AuthUrl)", "export OS_USERNAME=$who", "export OS_PASSWORD=$($who)pass",
            "export OS_PROJECT_NAME=$who", 'export OS_USER_DOMAIN_NAME=Default', 'export OS_PROJECT_DOMAIN_NAME=Default',
            "export OS_REGION_NAME=$($cloud.Region)", 'export OS_IDENTITY_API_VERSION=3', 'export OS_INTERFACE=public')
    }
    & (Join-Path $PSScriptRoot 'Write-ExampleConnection.ps1') -State $state
    $env:OPENSTACKVPN_LAB = $state
}
elseif (-not $env:OPENSTACKVPN_LAB) {
    $env:OPENSTACKVPN_LAB = '/tmp/openstackvpn-lab'
}

$config = New-PesterConfiguration
$config.Run.Path = @($Path -split ",")
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'JUnitXml'
$config.TestResult.OutputPath = Join-Path $ResultsDirectory "pester-$Backend.xml"
$config.TestResult.TestSuiteName = "OpenStackVpn ($Backend)"

# In Windows PowerShell 5.1 the files marked PowerShell 7 only (see tools/Test-ScriptCompatibility.ps1) are left out.
if ($PSVersionTable.PSEdition -eq 'Desktop') {
    $sevenOnly = @(& (Join-Path $PSScriptRoot '../tools/Test-ScriptCompatibility.ps1') -Path $config.Run.Path.Value -ListSevenOnly | Get-Item)
    $config.Run.ExcludePath = [string[]]@($sevenOnly | ForEach-Object { $_.FullName })
    Write-Host "Marked PowerShell 7 only, not run here: $(@($sevenOnly | ForEach-Object { $_.Name }) -join ', ')"
}

Write-Host "`n=== Pester contract suite on the $Backend backend (state: $env:OPENSTACKVPN_LAB) ===`n"
$result = Invoke-Pester -Configuration $config
$redRows = & (Join-Path $PSScriptRoot 'Show-ReliabilityTable.ps1') -Result $result -Catalogue (Join-Path $PSScriptRoot 'Pester/Reliability.Catalogue.psd1') -Backend $Backend
$use = & (Join-Path $PSScriptRoot 'Measure-BackendUse.ps1') -Result $result -Backend $Backend -ResultsDirectory $ResultsDirectory `
    -Server $global:OpenStackVpnTestServer -LabState $env:OPENSTACKVPN_LAB
Write-Host "`nBackend use ($Backend): $($use.Line)"
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
if ($redRows -gt 0) { Write-Host "The reliability table has $redRows red row(s): each counts as one failure." -ForegroundColor Red }
# Each test counts once per backend it touched. The embedded run counts every test. The lab run counts a passed test
# only when it sent requests to the lab or did not run on the embedded backend (the rest ran on both, counted once),
# every failure, and a skip only when the
# embedded run did not skip the same test; a test the embedded run skipped that the lab run counts (LabOnly) is taken
# off the embedded run's skipped figure by build.ps1.
$passedPaths = @($result.Tests | Where-Object Result -eq 'Passed' | ForEach-Object { $_.ExpandedPath })
$skippedPaths = @($result.Tests | Where-Object { $_.Result -notin 'Passed', 'Failed' } | ForEach-Object { $_.ExpandedPath })
$counts = @{ Passed = $passedPaths.Count; Failed = $failed + $redRows; Skipped = $skippedPaths.Count
    CountedOnce = 0; LabOnly = 0; BackendUse = $use.Line }
if ($Backend -eq 'lab') {
    $failedPaths = @($result.Tests | Where-Object Result -eq 'Failed' | ForEach-Object { $_.ExpandedPath })
    $counts.Passed = @($passedPaths | Where-Object { $_ -in $use.Used -or $_ -in $use.EmbeddedSkipped }).Count
    $counts.CountedOnce = $passedPaths.Count - $counts.Passed
    $counts.Skipped = @($skippedPaths | Where-Object { $_ -notin $use.EmbeddedSkipped }).Count
    $counts.LabOnly = @($use.EmbeddedSkipped | Where-Object { $_ -in $passedPaths -or $_ -in $failedPaths }).Count
}
# The tunnel tests' outcomes, for build.ps1's tunnel summary.
$tunnel = @($result.Tests | Where-Object { $_.ScriptBlock.File -like '*Tunnel.Tests.ps1' } | ForEach-Object {
        @{ Name = $_.ExpandedName; Result = "$($_.Result)"; Seconds = [math]::Round($_.Duration.TotalSeconds, 1) }
    })
ConvertTo-Json -InputObject $tunnel | Set-Content (Join-Path $ResultsDirectory "tunnel-$Backend.json")
$counts | ConvertTo-Json | Set-Content (Join-Path $ResultsDirectory "pester-$Backend-counts.json")
if ($global:OpenStackVpnTestServer) { $global:OpenStackVpnTestServer | Stop-EmbeddedOpenStack }
if ($failed + $redRows -gt 0) { exit 1 }
