<#
.SYNOPSIS
    Runs OpenStack's own VPNaaS API tests (neutron_tempest_plugin.vpnaas.api.test_vpnaas, unmodified) against one backend.
.DESCRIPTION
    lab:      the real lab (tests/lab/start.sh), through its seed.json.
    embedded: a new embedded OpenStack served on loopback by Start-EmbeddedOpenStack from the module at -ModulePath.
    Writes a tempest workspace with tempest.conf and accounts.yaml (pre-provisioned accounts: the backend's admin and member
    users) under -ResultsDirectory, runs the tests serially, prints each test's outcome by name, and writes
    tempest-<backend>-counts.json (Passed, Failed, Skipped, SkippedNames, FailedNames).
    The tests expected are listed by name in tests/tempest/expected-tests.txt: each one must pass; one missing from the run,
    skipped, errored or failed is a failure, and so is a test not in the list, and tempest's non-zero exit code when no
    test outcome explains it. Without tempest installed, every expected test counts as skipped, by name; under CI=true
    as failed (tests/tempest/install.sh, called by .ci/run and tests/lab/start.sh, installs it from Debian).
#>
param(
    [Parameter(Mandatory = $true)] [ValidateSet('lab', 'embedded')] [string] $Backend,
    [Parameter(Mandatory = $true)] [string] $ResultsDirectory,
    [string] $ModulePath,
    [string] $LabState = $(if ($env:OPENSTACKVPN_LAB) { $env:OPENSTACKVPN_LAB } else { '/tmp/openstackvpn-lab' }),
    [string] $Filter = '^neutron_tempest_plugin\.vpnaas\.api\.test_vpnaas\.',
    [string] $ExpectedList = (Join-Path $PSScriptRoot 'expected-tests.txt')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$expected = @(Get-Content $ExpectedList | Where-Object { $_ -and $_ -notmatch '^\s*#' } | ForEach-Object { $_.Trim() })
$countsFile = Join-Path $ResultsDirectory "tempest-$Backend-counts.json"
function Write-Counts([string[]] $Passed, [string[]] $Failed, [string[]] $Skipped) {
    @{ Passed = @($Passed).Count; Failed = @($Failed).Count; Skipped = @($Skipped).Count
        FailedNames = @($Failed); SkippedNames = @($Skipped) } | ConvertTo-Json | Set-Content $countsFile
}

$tempest = Get-Command tempest -CommandType Application -ErrorAction SilentlyContinue
if (-not $tempest) {
    $why = 'tempest is not installed (tests/tempest/install.sh installs it, as root)'
    if ($env:CI -eq 'true') {
        Write-Host "OpenStack's VPNaaS API tests on the $Backend backend FAILED, all $($expected.Count): $why; CI=true."
        Write-Counts @() ($expected | ForEach-Object { "$_ ($why)" }) @()
    }
    else {
        Write-Host "OpenStack's VPNaaS API tests on the $Backend backend, skipped ($why):"
        $expected | ForEach-Object { Write-Host "  skipped  $_" }
        Write-Counts @() @() $expected
    }
    return
}

$server = $null
if ($Backend -eq 'embedded') {
    Import-Module (Resolve-Path $ModulePath).ProviderPath
    $server = Start-EmbeddedOpenStack -ActivationDelaySec -1
    $authUrl = $server.AuthUrl.ToString().TrimEnd('/')
    $region = $server.Region
    $publicNetwork = $server.Seed.ExternalNetworkId
}
else {
    $seed = Get-Content (Join-Path $LabState 'seed.json') -Raw | ConvertFrom-Json
    $authUrl = $seed.auth_url.TrimEnd('/')
    $region = $seed.region
    $publicNetwork = $seed.external_network_id
}

try {
    $work = Join-Path $ResultsDirectory "tempest-$Backend"
    if (Test-Path $work) { Remove-Item $work -Recurse -Force }
    # A workspace as 'tempest init' lays it out, without registering it in ~/.tempest.
    $package = & /usr/bin/python3 -c 'import os, tempest; print(os.path.dirname(tempest.__file__))'
    if ($LASTEXITCODE -ne 0) { throw 'python3 cannot import tempest' }
    $null = New-Item -ItemType Directory -Path (Join-Path $work 'etc'), (Join-Path $work 'lock') -Force
    Set-Content (Join-Path $work '.stestr.conf') @('[DEFAULT]', "test_path=$package/test_discover", "top_dir=$(Split-Path $package)", 'group_regex=([^\.]*\.)*')

    # The same two users on both backends: admin (role admin) and member (role member), each in its own project.
    Set-Content (Join-Path $work 'etc/accounts.yaml') @(
        '- username: admin', '  project_name: admin', '  password: adminpass', '  domain_name: Default', '  roles: [admin]', '  types: [admin]',
        '- username: member', '  project_name: member', '  password: memberpass', '  domain_name: Default', '  roles: [member]')
    Set-Content (Join-Path $work 'etc/tempest.conf') @(
        '[DEFAULT]', "log_file = $(Join-Path $work 'tempest.log')",
        '[oslo_concurrency]', "lock_path = $(Join-Path $work 'lock')",
        '[auth]', 'use_dynamic_credentials = false', "test_accounts_file = $(Join-Path $work 'etc/accounts.yaml')", 'default_credentials_domain_name = Default',
        '[identity]', "uri_v3 = $authUrl", 'auth_version = v3', "region = $region", 'v3_endpoint_type = public',
        '[identity-feature-enabled]', 'api_v2 = false', 'api_v3 = true',
        '[network]', "public_network_id = $publicNetwork", 'project_networks_reachable = false', "region = $region", 'endpoint_type = public',
        '[network-feature-enabled]', 'api_extensions = all', 'ipv6 = false',
        '[service_available]', 'neutron = true', 'nova = false', 'glance = false', 'cinder = false', 'swift = false', 'horizon = false', 'heat = false',
        '[validation]', 'run_validation = false')

    Push-Location $work
    try {
        # Serial: the two pre-provisioned accounts are shared by every test class.
        $output = & tempest run --serial --regex $Filter 2>&1 | ForEach-Object { "$_" }
    }
    finally {
        Pop-Location
    }
    $tempestExit = $LASTEXITCODE
    Set-Content (Join-Path $ResultsDirectory "tempest-$Backend.log") $output

    $outcomes = @{}
    foreach ($line in $output) {
        if ($line -match '^\{\d+\}\s+(?:setUpClass \()?(neutron_tempest_plugin\.\S+?)\)?\s+(?:\[[^\]]*\]\s+)?\.\.\.\s+(ok|FAILED|SKIPPED.*)$') {
            $outcomes[$Matches[1] -replace '\[.*$', ''] = ($Matches[2] -split ':')[0]
        }
    }
    # Judged against the expected list: only "ok" passes; a class whose setUpClass failed fails each of its tests.
    $passed = [System.Collections.Generic.List[string]]::new()
    $failed = [System.Collections.Generic.List[string]]::new()
    foreach ($name in $expected) {
        $class = $name -replace '\.[^.]+$', ''
        $outcome = if ($outcomes.ContainsKey($name)) { $outcomes[$name] }
        elseif ($outcomes[$class] -eq 'FAILED') { 'FAILED in setUpClass' }
        else { 'missing from the run' }
        if ($outcome -eq 'ok') { $passed.Add($name) } else { $failed.Add("$name ($outcome)") }
    }
    $classes = @($expected | ForEach-Object { $_ -replace '\.[^.]+$', '' })
    foreach ($name in $outcomes.Keys | Where-Object { $_ -notin $expected -and $_ -notin $classes }) {
        $failed.Add("$name ($($outcomes[$name]), not in $(Split-Path $ExpectedList -Leaf))")
    }
    if ($tempestExit -ne 0 -and $failed.Count -eq 0) { $failed.Add("tempest run (exit code $tempestExit, every expected test passed)") }
    Write-Host ''
    Write-Host "OpenStack's VPNaaS API tests (tempest) on the $Backend backend, against $($expected.Count) expected by name:"
    foreach ($name in $passed) { Write-Host "  ok       $name" }
    foreach ($name in $failed) { Write-Host "  FAILED   $name" }
    if ($outcomes.Count -eq 0) {
        Write-Host "  no test outcome found in tempest's output (exit code $tempestExit):"
        $output | Select-Object -Last 30 | ForEach-Object { Write-Host "    $_" }
    }
    Write-Host "  $($passed.Count) passed, $($failed.Count) failed, 0 skipped (a skip is a failure here)"
    Write-Counts $passed $failed @()
}
finally {
    if ($server) { $server | Stop-EmbeddedOpenStack }
}
