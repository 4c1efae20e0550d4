<#
.SYNOPSIS
    Builds, tests and packages the OpenStackVpn module.
.DESCRIPTION
    Build   publishes the assemblies and lays out the importable module in out/OpenStackVpn (an allow-list of files).
    Test    builds, runs the xUnit tests of Core and of the embedded cloud, the Windows PowerShell 5.1 compatibility check of
            the scripts (tools/Test-ScriptCompatibility.ps1, one count per file), the Pester suite (in a fresh pwsh that
            imports out/OpenStackVpn) and, when tempest is installed, OpenStack's VPNaaS API tests on the embedded cloud
            (and on the lab with -Integration); writes results under out/TestResults and prints one closing line:
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
    sent requests to its backend (the rest use a cloud of their own or none, and do the same on both).
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

# What ships: nothing else is copied, and System.Management.Automation.dll never is.
$allowList = @(
    'OpenStackVpn.dll'
    'OpenStackVpn.Core.dll'
    'OpenStackVpn.Embedded.dll'   # the embedded cloud: loaded only by Connect-OpenStack -Embedded and the *-EmbeddedOpenStack* cmdlets
    'Newtonsoft.Json.dll'
    'YamlDotNet.dll'
    'OpenStackVpn.Format.ps1xml'
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

function Show-DifferentialSummary([string] $Trx) {
    # The differential test replays a catalogue against the embedded cloud and the lab (or the fixtures); show its verdict.
    if (-not (Test-Path $Trx)) { return }
    $ns = @{ t = 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010' }
    # By XPath: a test that failed before writing anything has no StdOut element, and StrictMode would stop the run.
    $stdout = Select-Xml -Path $Trx -Namespace $ns -XPath "//t:UnitTestResult[contains(@testName, 'DifferentialTests')]/t:Output/t:StdOut" | Select-Object -First 1
    Write-Host ''
    Write-Host 'Differential test, the embedded cloud against the lab (or, without it, its recorded answers):'
    if (-not $stdout) { Write-Host '  no verdict: the test failed before comparing (see its error above)'; return }
    ($stdout.Node.InnerText -split "`n" | Where-Object { $_ -match '^(DIFFERS|KNOWN|SKIPPED|against)' }) | ForEach-Object { Write-Host "  $_" }
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

function Show-TunnelSummary([string] $Results) {
    # The real-tunnel tests (tests/Pester/Tunnel.Tests.ps1) need the lab, root and namespaces: say when they did not run,
    # and show how long each step took when they did. Their counts are in the Pester counts.
    Write-Host ''
    foreach ($skipped in Get-ChildItem $Results -Filter 'tunnel-skipped-*.txt') {
        $backend = $skipped.BaseName -replace '^tunnel-skipped-', ''
        Write-Host "The tunnel tests were skipped on the $backend backend: $((Get-Content $skipped.FullName -Raw).Trim())."
    }
    $timings = Join-Path $Results 'tunnel-timings.txt'
    if (Test-Path $timings) {
        Write-Host 'Real tunnels in the lab, time per step:'
        Get-Content $timings | ForEach-Object { Write-Host "  $_" }
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
    Show-DifferentialSummary (Join-Path $results 'embedded.trx')

    # Windows PowerShell 5.1: the project's scripts must parse and run there, unless marked PowerShell 7 only.
    # Under powershell.exe (Windows) the check also runs with 5.1's own parser, and the Pester suite runs there too.
    $windowsPowerShell = Get-Command powershell.exe -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    $compatibility = Join-Path $root 'tools/Test-ScriptCompatibility.ps1'
    $countsFile = Join-Path $results 'compatibility-counts.json'
    Remove-Item $countsFile -ErrorAction Ignore
    & dotnet pwsh -NoProfile -NonInteractive -File $compatibility -CountsFile $countsFile | Out-Host
    Add-Counts $counts $countsFile 'The script compatibility check'
    if ($windowsPowerShell) {
        $countsFile = Join-Path $results 'compatibility-powershell.exe-counts.json'
        Remove-Item $countsFile -ErrorAction Ignore
        & $windowsPowerShell.Source -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $compatibility -CountsFile $countsFile | Out-Host
        Add-Counts $counts $countsFile 'The script compatibility check in powershell.exe'
    }

    # Pester, in a fresh process per backend: a binary module cannot be unloaded, and the suite must see only
    # out/OpenStackVpn. The embedded backend always; the real lab too with -Integration.
    $pester = Get-PesterManifest
    $runner = Join-Path $root 'tests/Invoke-PesterSuite.ps1'
    $backends = @('embedded')
    if ($Integration) { $backends += 'lab' }
    $backendUse = @()
    Remove-Item (Join-Path $results 'tunnel-*.txt') -ErrorAction Ignore
    foreach ($backend in $backends) {
        $countsFile = Join-Path $results "pester-$backend-counts.json"
        Remove-Item $countsFile -ErrorAction Ignore
        & dotnet pwsh -NoProfile -NonInteractive -File $runner -PesterManifest $pester -ModulePath $moduleDir `
            -ResultsDirectory $results -Backend $backend | Out-Host
        if (Test-Path $countsFile) {
            $pesterCounts = Get-Content $countsFile -Raw | ConvertFrom-Json
            $counts.Passed += $pesterCounts.Passed
            $counts.Failed += $pesterCounts.Failed
            $counts.Skipped += $pesterCounts.Skipped
            $backendUse += "  Pester on the $($backend): $($pesterCounts.BackendUse)"
        }
        else {
            Write-Host "The Pester suite on the $backend backend did not report its counts."
            $counts.Failed++
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
    $tempestRunner = Join-Path $root 'tests/tempest/Invoke-Tempest.ps1'
    if (-not (Get-Command tempest -CommandType Application -ErrorAction SilentlyContinue)) {
        Write-Host ''
        Write-Host "Skipped OpenStack's VPNaaS API tests (tempest): tempest is not installed here (tests/tempest/install.sh, run by tests/lab/start.sh, installs it)."
    }
    else {
        foreach ($backend in $backends) {
            $countsFile = Join-Path $results "tempest-$backend-counts.json"
            Remove-Item $countsFile -ErrorAction Ignore
            & dotnet pwsh -NoProfile -NonInteractive -File $tempestRunner -Backend $backend -ModulePath $moduleDir -ResultsDirectory $results | Out-Host
            if (Test-Path $countsFile) {
                $tempestCounts = Get-Content $countsFile -Raw | ConvertFrom-Json
                $counts.Passed += $tempestCounts.Passed
                $counts.Failed += $tempestCounts.Failed
                $counts.Skipped += $tempestCounts.Skipped
            }
            else {
                Write-Host "OpenStack's VPNaaS API tests on the $backend backend did not report their counts."
                $counts.Failed++
            }
        }
    }

    Show-TunnelSummary $results

    Write-Host ''
    Write-Host 'What the Pester runs touched (measured from each backend''s own request log):'
    $backendUse | ForEach-Object { Write-Host $_ }
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
