# Dot-sourced by every test file: imports the built module and finds the lab.
$modulePath = if ($env:OPENSTACKVPN_MODULE) { $env:OPENSTACKVPN_MODULE } else { Join-Path $PSScriptRoot '../../out/OpenStackVpn' }
Import-Module $modulePath -Force

$script:LabState = if ($env:OPENSTACKVPN_LAB) { $env:OPENSTACKVPN_LAB } else { '/tmp/openstackvpn-lab' }

function Get-LabSeed {
    # Fails (does not skip) when the lab is not up: an integration run without its lab is a failed run.
    $seedFile = Join-Path $script:LabState 'seed.json'
    if (-not (Test-Path $seedFile)) { throw "The backend is not up: $seedFile is missing. For the lab: sudo bash tests/lab/start.sh" }
    Get-Content $seedFile -Raw | ConvertFrom-Json
}

function Connect-Lab {
    param([ValidateSet('lab-admin', 'lab-member')] [string] $Cloud = 'lab-admin')
    $env:OS_CLIENT_CONFIG_FILE = Join-Path $script:LabState 'clouds.yaml'
    try { Connect-OpenStack -Cloud $Cloud } finally { Remove-Item Env:OS_CLIENT_CONFIG_FILE }
}

function New-LabToken {
    # A token issued outside the module, for tests of token authentication and revocation.
    param([string] $User = 'admin', [string] $Password = 'adminpass', [string] $Project = 'admin')
    $seed = Get-LabSeed
    $body = @{ auth = @{
            identity = @{ methods = @('password'); password = @{ user = @{ name = $User; domain = @{ name = 'Default' }; password = $Password } } }
            scope    = @{ project = @{ name = $Project; domain = @{ name = 'Default' } } }
        } } | ConvertTo-Json -Depth 10
    $response = Invoke-WebRequest -Method Post -Uri "$($seed.auth_url)/auth/tokens" -Body $body -ContentType 'application/json'
    [string]$response.Headers['X-Subject-Token']
}

function Remove-LabToken {
    param([string] $Token)
    $seed = Get-LabSeed
    $null = Invoke-WebRequest -Method Delete -Uri "$($seed.auth_url)/auth/tokens" -Headers @{ 'X-Auth-Token' = $Token; 'X-Subject-Token' = $Token }
}

function Get-ErrorRecord {
    # Runs a script block and returns the first error record it wrote or threw.
    param([scriptblock] $Script)
    try { $output = & $Script 2>&1 } catch { return $_ }
    $output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Select-Object -First 1
}

function Set-TestStatus {
    # Forces a VPN object's status, as a VPN agent would report it (the lab runs none).
    param([ValidateSet('connection', 'vpnservice')] [string] $Kind, [string] $Id, [string] $Status)
    if ($env:OPENSTACKVPN_BACKEND -eq 'embedded') {
        $noun = if ($Kind -eq 'connection') { 'IpsecSiteConnection' } else { 'VpnService' }
        Set-EmbeddedOpenStackStatus -Server $global:OpenStackVpnTestServer -Kind $noun -Id $Id -Status $Status
        return
    }
    & bash (Join-Path $script:LabState 'set-status.sh') $Kind $Id $Status
    if ($LASTEXITCODE -ne 0) { throw "set-status.sh $Kind $Id $Status failed" }
}

function Get-HttpCalls {
    # Runs a script block with -Verbose on and returns the HTTP calls the module logged (method and URL lines).
    param([scriptblock] $Script)
    $VerbosePreference = 'Continue'
    $calls = [System.Collections.Generic.List[string]]::new()
    try { & $Script 4>&1 2>$null | ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^(GET|POST|PUT|DELETE) ') { $calls.Add($_.Message) } } } catch { }
    , $calls
}

function New-TestName {
    param([string] $Kind)
    "pester-$Kind-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
}

function Invoke-Captured {
    # Runs a script block and returns everything it wrote, on every stream, errors included.
    param([scriptblock] $Script)
    $all = [System.Collections.Generic.List[object]]::new()
    try { & $Script *>&1 | ForEach-Object { $all.Add($_) } } catch { $all.Add($_) }
    , $all
}

function Add-ReliabilityResult {
    # Records one line of the reliability table that the runner prints at the end (faults, secret markers, bad inputs).
    param([ValidateSet('Fault', 'SecretMarker', 'BadInput')] [string] $Kind, [string] $Name, [bool] $Ok)
    if ($env:OPENSTACKVPN_RELIABILITY_LOG) {
        [pscustomobject]@{ Kind = $Kind; Name = $Name; Ok = $Ok } | ConvertTo-Json -Compress | Add-Content $env:OPENSTACKVPN_RELIABILITY_LOG
    }
}

function Get-LabSubnetCidr {
    # A subnet's CIDR as the backend serves it (the module reads subnets only for its VPN objects).
    param([string] $Id)
    $seed = Get-LabSeed
    $token = New-LabToken
    (Invoke-RestMethod -Uri "$($seed.network_url.TrimEnd('/'))/v2.0/subnets/$Id" -Headers @{ 'X-Auth-Token' = $token }).subnet.cidr
}

function Get-LabRequestCount {
    # How many requests the backend's Neutron has received: the embedded cloud's request log, or the lab's access log.
    if ($env:OPENSTACKVPN_BACKEND -eq 'embedded') { return @(Get-EmbeddedOpenStackRequest -Server $global:OpenStackVpnTestServer).Count }
    @(Get-Content (Join-Path $script:LabState 'log/neutron-server.log') | Where-Object { $_ -match '"(GET|POST|PUT|DELETE) /v2\.0' }).Count
}
