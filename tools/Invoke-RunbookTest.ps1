<#
.SYNOPSIS
    Runs your own Pester tests (of runbooks that use OpenStackVpn) with Pester found for you, on the module you built.
.DESCRIPTION
    Finds Pester (tools/Find-Pester.ps1), imports it and the module (out/OpenStackVpn unless -ModulePath says otherwise;
    your tests see it in $env:OPENSTACKVPN_MODULE), runs the tests and exits with the number that failed. Run it in a
    fresh pwsh: a binary module cannot be unloaded.
.EXAMPLE
    dotnet pwsh -NoProfile -File ./tools/Invoke-RunbookTest.ps1 -Path ./tests/Pester/Examples/MyRunbook.Tests.ps1
#>
[CmdletBinding()]
param(
    [string[]] $Path = '.',
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/OpenStackVpn')
)

$ErrorActionPreference = 'Stop'
Import-Module (& (Join-Path $PSScriptRoot 'Find-Pester.ps1')) -Force
$env:OPENSTACKVPN_MODULE = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
Import-Module $env:OPENSTACKVPN_MODULE
$result = Invoke-Pester -Path $Path -Output Detailed -PassThru
exit $result.FailedCount
