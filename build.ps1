<#
.SYNOPSIS
    Builds, tests and packages the OpenStackVpn module.
.DESCRIPTION
    Build   publishes the assemblies and lays out the importable module in out/OpenStackVpn (an allow-list of files).
    Test    builds, runs the xUnit tests of Core and of the embedded cloud (the differential test counted as its
            catalogue's cases), the Windows PowerShell 5.1 compatibility check of the scripts (tools/Test-ScriptCompatibility.ps1,
            its own line: files, not tests), the Pester suite (in a fresh pwsh that imports out/OpenStackVpn) and OpenStack's
            VPNaaS API tests (tempest: the tests in tests/tempest/expected-tests.txt, by name, skipped by name when tempest
            is not installed, failed under CI=true) on the embedded cloud (and on the lab with -Integration); writes
            results under out/TestResults, says what each figure is, and prints one closing line:
            N passed, N failed, N skipped. Where powershell.exe exists (Windows), the check and the Pester suite
            (embedded backend) also run in it.
    Demo    builds, then runs examples/Demo.ps1: a whole VPN created, shown and removed, on the cloud that OS_CLOUD or
            OS_AUTH_URL configures, or else on the embedded OpenStack.
    Package publishes out/OpenStackVpn with PSResourceGet into out/repository/OpenStackVpn.<version>.nupkg, a local
            folder repository that Install-PSResource can install from.
    Clean   removes out/ and the bin/obj folders.
.PARAMETER Integration
    With Test: run the Pester suite a second time, against the real lab (tests/lab/start.sh, OPENSTACKVPN_LAB), after the
    embedded backend. Every test that needs the lab then fails when it is not up. Each run says how many of its tests
    sent requests to its backend, measured from the backend's own log; the lab run counts only those (and every
    failure): the rest use a cloud of their own or none, ran on both and are counted once.
.EXAMPLE
    dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [switch] $Integration
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleDir = Join-Path $out 'OpenStackVpn'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

. (Join-Path $root 'tests/TestSummary.ps1')

# What ships: nothing else is copied, and System.Management.Automation.dll never is.
$allowList = @(
    'OpenStackVpn.dll'
    'OpenStackVpn.Core.dll'
    'OpenStackVpn.Embedded.dll'   # the embedded cloud: loaded only by Connect-OpenStack -Embedded and the *-EmbeddedOpenStack* cmdlets
    'Newtonsoft.Json.dll'
    'YamlDotNet.dll'
    'OpenStackVpn.Format.ps1xml'
    'OpenStackVpn.List.Format.ps1xml'
)

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

function Get-ModuleVersion {
    ([xml](Get-Content (Join-Path $root 'Directory.Build.props') -Raw)).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
}

function Invoke-Build {
    $publish = Join-Path $out 'publish'
    Invoke-Native 'dotnet publish' {
        dotnet publish (Join-Path $root 'src/OpenStackVpn/OpenStackVpn.csproj') -c $Configuration -o $publish --nologo -v quiet
    }
    if (Test-Path $moduleDir) { Remove-Item $moduleDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $moduleDir
    foreach ($file in $allowList) {
        Copy-Item (Join-Path $publish $file) $moduleDir
    }
    # One version source: Directory.Build.props. The manifest that ships carries the version the assemblies were built with.
    $manifest = Get-Content (Join-Path $root 'OpenStackVpn.psd1') -Raw
    $manifest = $manifest -replace "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", "`${1}'$(Get-ModuleVersion)'"
    Set-Content (Join-Path $moduleDir 'OpenStackVpn.psd1') $manifest -NoNewline
    # Help is generated from the C# doc comments, in a fresh process: the module it imports cannot be unloaded.
    $docXml = @('OpenStackVpn.xml', 'OpenStackVpn.Core.xml', 'OpenStackVpn.Embedded.xml' | ForEach-Object { Join-Path $publish $_ }) -join ','
    Invoke-Native 'help generation' {
        dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tools/New-HelpFile.ps1') -ModulePath $moduleDir `
            -DocXml $docXml -OutFile (Join-Path $moduleDir 'en-US/OpenStackVpn.dll-Help.xml')
    }
    # The about_ topics (concepts: sessions, modes, retries, secrets, the embedded cloud), found by Get-Help about_OpenStackVpn.
    Copy-Item (Join-Path $root 'src/OpenStackVpn/en-US/about_*.help.txt') (Join-Path $moduleDir 'en-US')
    if (Get-ChildItem $moduleDir -Recurse -Filter 'System.Management.Automation.dll') {
        throw 'System.Management.Automation.dll must never ship.'
    }
    Write-Host "Module laid out in $moduleDir"
}

function Get-PesterManifest {
    # The same Pester that users' own tests get (tools/Invoke-RunbookTest.ps1).
    & (Join-Path $root 'tools/Find-Pester.ps1')
}

function Add-Counts([hashtable] $Counts, [string] $File, [string] $What) {
    # Adds a suite's {Passed, Failed, Skipped} to the closing line; a suite that wrote none counts as one failure.
    if (Test-Path $File) {
        $more = Get-Content $File -Raw | ConvertFrom-Json
        $Counts.Passed += $more.Passed
        $Counts.Failed += $more.Failed
        $Counts.Skipped += $more.Skipped
    }
    else {
        Write-Host "$What did not report its counts."
        $Counts.Failed++
    }
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $out 'TestResults'
    $null = New-Item -ItemType Directory -Path $results -Force

    # xUnit: the engine's tests (Core), and the embedded cloud's own (with the differential test), each counted.
    $counts = @{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($suite in 'Core', 'Embedded') {
        $xunitLog = Join-Path $results "xunit-$suite.log"
        Remove-Item (Join-Path $results "$($suite.ToLowerInvariant()).trx") -ErrorAction Ignore   # never show a verdict of an earlier run
        dotnet test (Join-Path $root "tests/OpenStackVpn.$suite.Tests/OpenStackVpn.$suite.Tests.csproj") -c $Configuration --nologo `
            --logger "trx;LogFileName=$($suite.ToLowerInvariant()).trx" --results-directory $results 2>&1 | Tee-Object -FilePath $xunitLog | Out-Host
        $xunitExit = $LASTEXITCODE
        $summary = Select-String -Path $xunitLog -Pattern 'Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)' | Select-Object -Last 1
        if ($summary) {
            $counts.Failed += [int]$summary.Matches[0].Groups[1].Value
            $counts.Passed += [int]$summary.Matches[0].Groups[2].Value
            $counts.Skipped += [int]$summary.Matches[0].Groups[3].Value
        }
        if ($xunitExit -ne 0 -and -not ($summary -and [int]$summary.Matches[0].Groups[1].Value -gt 0)) { $counts.Failed++ }   # it did not run at all
    }
    $closing = @(Add-DifferentialCase $counts (Get-DifferentialCase (Join-Path $results 'embedded.trx')))

    # Windows PowerShell 5.1: the project's scripts must parse and run there, unless marked PowerShell 7 only.
    # Under powershell.exe (Windows) the check also runs with 5.1's own parser, and the Pester suite runs there too.
    $windowsPowerShell = Get-Command powershell.exe -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    $compatibility = Join-Path $root 'tools/Test-ScriptCompatibility.ps1'
    $check = Invoke-CompatibilityCheck 'dotnet' @('pwsh', '-NoProfile', '-NonInteractive', '-File', $compatibility) `
        (Join-Path $results 'compatibility-counts.json')
    if ($windowsPowerShell) {
        $check = @($check) + (Invoke-CompatibilityCheck $windowsPowerShell.Source @('-NoProfile', '-NonInteractive',
                '-ExecutionPolicy', 'Bypass', '-File', $compatibility) (Join-Path $results 'compatibility-powershell.exe-counts.json'))
    }

    # Pester, in a fresh process per backend: a binary module cannot be unloaded, and the suite must see only
    # out/OpenStackVpn. The embedded backend always; the real lab too with -Integration.
    $pester = Get-PesterManifest
    $runner = Join-Path $root 'tests/Invoke-PesterSuite.ps1'
    $backends = @('embedded')
    if ($Integration) { $backends += 'lab' }
    $backendUse = @()
    Remove-Item (Join-Path $results 'tunnel-*.*') -ErrorAction Ignore
    foreach ($backend in $backends) {
        $countsFile = Join-Path $results "pester-$backend-counts.json"
        Remove-Item $countsFile -ErrorAction Ignore
        & dotnet pwsh -NoProfile -NonInteractive -File $runner -PesterManifest $pester -ModulePath $moduleDir `
            -ResultsDirectory $results -Backend $backend | Out-Host
        Add-Counts $counts $countsFile "The Pester suite on the $backend backend"
        if (Test-Path $countsFile) {
            $pesterCounts = Get-Content $countsFile -Raw | ConvertFrom-Json
            $backendUse += "  Pester on the $($backend): $($pesterCounts.BackendUse)"
            if ($backend -eq 'lab') {
                # A test the embedded run skipped and the lab run counts is counted once, on the lab.
                $counts.Skipped -= $pesterCounts.LabOnly
                $closing += "  Pester on the lab: $($pesterCounts.CountedOnce) tests passed without sending the lab a " +
                    "request: ran on both, counted once; $($pesterCounts.LabOnly) skipped on the embedded backend " +
                    'ran here and are counted here only'
            }
        }
    }
    if ($windowsPowerShell) {
        # The same suite on the embedded backend in Windows PowerShell 5.1; its files marked PowerShell 7 only are left out.
        $desktop = Join-Path $results 'windows-powershell'
        $null = New-Item -ItemType Directory -Path $desktop -Force
        $countsFile = Join-Path $desktop 'pester-embedded-counts.json'
        Remove-Item $countsFile -ErrorAction Ignore
        & $windowsPowerShell.Source -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $runner -PesterManifest $pester `
            -ModulePath $moduleDir -ResultsDirectory $desktop -Backend embedded | Out-Host
        Add-Counts $counts $countsFile 'The Pester suite in Windows PowerShell 5.1'
    }
    else {
        Write-Host 'Windows PowerShell (powershell.exe) is not on this machine: the Pester suite ran on PowerShell 7 only.'
    }

    # OpenStack's own VPNaaS API tests (tempest, unmodified), on the embedded cloud, and on the lab with -Integration.
    # Each expected test by name (tests/tempest/expected-tests.txt): without tempest, skipped by name (failed under CI=true).
    $tempestRunner = Join-Path $root 'tests/tempest/Invoke-Tempest.ps1'
    foreach ($backend in $backends) {
        $countsFile = Join-Path $results "tempest-$backend-counts.json"
        Remove-Item $countsFile -ErrorAction Ignore
        & dotnet pwsh -NoProfile -NonInteractive -File $tempestRunner -Backend $backend -ModulePath $moduleDir `
            -ResultsDirectory $results | Out-Host
        Add-Counts $counts $countsFile "OpenStack's VPNaaS API tests on the $backend backend"
        if (Test-Path $countsFile) {
            $names = @((Get-Content $countsFile -Raw | ConvertFrom-Json).SkippedNames)
            if ($names.Count) { $closing += "  tempest on the $($backend): $($names.Count) skipped by name (listed above)" }
        }
    }

    Show-TunnelSummary $results

    Write-Host ''
    Write-Host 'What the Pester runs touched (measured from each backend''s own request log):'
    $backendUse | ForEach-Object { Write-Host $_ }
    Write-Host ''
    Write-Host 'Not in the figures below, or counted differently:'
    $check | ForEach-Object { Write-Host $_.Line }
    $closing | Where-Object { $_ } | ForEach-Object { Write-Host $_ }
    $checkFailed = @($check | Where-Object { $_.Failed -gt 0 }).Count
    if ($checkFailed) { Write-Host "  the script compatibility check failed: counted as $checkFailed failure(s)" }
    $counts.Failed += $checkFailed
    Write-Host ''
    Write-Host ('{0} passed, {1} failed, {2} skipped' -f $counts.Passed, $counts.Failed, $counts.Skipped)
    if ($counts.Failed -gt 0 -or $counts.Passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'examples/Demo.ps1') -ModulePath $moduleDir
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Package {
    # The gallery package: Publish-PSResource into out/repository, a local folder repository made for the purpose.
    # Install from it with: Install-PSResource OpenStackVpn -Repository <a repository registered on that folder>.
    Invoke-Build
    $package = & (Join-Path $root 'tools/Publish-LocalRepository.ps1') -ModulePath $moduleDir -RepositoryPath (Join-Path $out 'repository')
    Write-Host "Packaged $package"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
    'Clean' {
        Remove-Item $out -Recurse -Force -ErrorAction Ignore
        Get-ChildItem $root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
    }
}
