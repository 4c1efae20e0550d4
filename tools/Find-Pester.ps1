<#
.SYNOPSIS
    Finds the Pester that OpenStackVpn's tests are written for, and prints the path of its manifest.
.DESCRIPTION
    The one place that says where Pester comes from, for build.ps1 and for your own tests
    (tools/Invoke-RunbookTest.ps1): with the .NET SDK, the pinned Pester 6.2.0 is restored into the NuGet package
    cache (tests/tools/PesterRestore.csproj; nothing is installed into a module folder); without it, an installed
    Pester 5 or later is used.
.EXAMPLE
    Import-Module (./tools/Find-Pester.ps1)
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
$pinned = '6.2.0'
if (Get-Command dotnet -ErrorAction SilentlyContinue) {
    dotnet restore (Join-Path $PSScriptRoot '../tests/tools/PesterRestore.csproj') --nologo -v quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "The restore of Pester $pinned failed (exit code $LASTEXITCODE)." }
    $packages = ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $manifest = Join-Path $packages "pester/$pinned/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) { throw "Pester was restored but $manifest is missing." }
    return $manifest
}

$installed = Get-Module -ListAvailable Pester | Where-Object { $_.Version -ge [version]'5.0' } |
    Sort-Object Version -Descending | Select-Object -First 1
if ($installed) { return $installed.Path }
throw ('Pester 5 or later was not found. Install it (Install-PSResource Pester, or Install-Module Pester -Scope ' +
    'CurrentUser), or install the .NET SDK so that the pinned version can be restored.')
