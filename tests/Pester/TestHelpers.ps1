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
    $response = Invoke-WebRequest -UseBasicParsing -Method Post -Uri "$($seed.auth_url)/auth/tokens" -Body $body -ContentType 'application/json'
    [string]$response.Headers['X-Subject-Token']
}

function Remove-LabToken {
    param([string] $Token)
    $seed = Get-LabSeed
    $null = Invoke-WebRequest -UseBasicParsing -Method Delete -Uri "$($seed.auth_url)/auth/tokens" -Headers @{ 'X-Auth-Token' = $Token; 'X-Subject-Token' = $Token }
}

function ConvertTo-PlainText {
    # A SecureString's text, in both editions (ConvertFrom-SecureString -AsPlainText is PowerShell 7 only).
    param([Parameter(ValueFromPipeline)] [securestring] $Secure)
    process { [pscredential]::new('plain', $Secure).GetNetworkCredential().Password }
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

function New-LabUser {
    # A Keystone user of the test's own, admin of the admin project (so it sees the seed), made through Keystone's
    # user API (the lab's and the embedded Keystone's alike).
    param([string] $Password = [guid]::NewGuid().ToString('n'))
    $seed = Get-LabSeed
    $headers = @{ 'X-Auth-Token' = (New-LabToken) }
    $name = New-TestName 'user'
    $user = (Invoke-RestMethod -Method Post -Uri "$($seed.auth_url)/users" -Headers $headers -ContentType 'application/json' `
            -Body (@{ user = @{ name = $name; password = $Password; domain_id = 'default' } } | ConvertTo-Json)).user
    $role = (Invoke-RestMethod -Uri "$($seed.auth_url)/roles?name=admin" -Headers $headers).roles[0]
    $null = Invoke-WebRequest -UseBasicParsing -Method Put -Uri "$($seed.auth_url)/projects/$($seed.admin_project_id)/users/$($user.id)/roles/$($role.id)" -Headers $headers
    @{ UserId = $user.id; Name = $name; Password = $Password }
}

function Remove-LabUser([string] $UserId) {
    $seed = Get-LabSeed
    $null = Invoke-WebRequest -UseBasicParsing -Method Delete -Uri "$($seed.auth_url)/users/$UserId" -Headers @{ 'X-Auth-Token' = (New-LabToken) }
}

function Connect-Probe {
    # A session whose requests the server's own log tells apart from everyone else's. Embedded: the served backend is
    # this run's alone, so the admin will do. Lab: a user of its own (New-LabUser), made once per test file;
    # Remove-Probe deletes it.
    if ($env:OPENSTACKVPN_BACKEND -eq 'embedded') { return Connect-Lab lab-admin }
    if (-not $script:Probe) { $script:Probe = New-LabUser }
    $credential = [pscredential]::new($script:Probe.Name, (ConvertTo-SecureString $script:Probe.Password -AsPlainText -Force))
    $session = Connect-OpenStack -AuthUrl (Get-LabSeed).auth_url -Credential $credential -ProjectName admin
    $script:Probe.Session = $session
    $session
}

function Remove-Probe {
    if (-not $script:Probe) { return }
    Remove-LabUser $script:Probe.UserId
    $script:Probe = $null
}

function Get-ServerRequest {
    # Runs a script block and returns the Neutron requests the server itself logged while it ran (Method, Path, Query,
    # Status): the embedded backend's request log, or the lab's neutron-server.log lines of the probe user
    # (Connect-Probe). Errors of the script block are kept in $script:ServerRequestError, not swallowed.
    param([scriptblock] $Script)
    $script:ServerRequestError = $null
    $script:ServerRequestOutput = $null
    $ErrorActionPreference = 'Stop'
    if ($env:OPENSTACKVPN_BACKEND -eq 'embedded') {
        $before = @(Get-EmbeddedOpenStackRequest -Server $global:OpenStackVpnTestServer).Count
        try { $script:ServerRequestOutput = & $Script } catch { $script:ServerRequestError = $_ }
        $all = @(Get-EmbeddedOpenStackRequest -Server $global:OpenStackVpnTestServer)
        $new = if ($all.Count -gt $before) { $all[$before..($all.Count - 1)] } else { @() }
        return , @($new | Where-Object { $_.Path -like '/network/*' } | ForEach-Object {
                [pscustomobject]@{ Method = $_.Method; Path = $_.Path -replace '^/network', ''; Query = $_.Query } })
    }
    if (-not $script:Probe) { throw 'Get-ServerRequest on the lab needs Connect-Probe first: only the probe user''s requests can be told apart.' }
    # Neutron handles one request at a time, and logs each just after answering it: once a sentinel request of ours
    # is logged, so is everything before it. One sentinel before (so a request answered just before does not count),
    # one after (so one answered just at the end does).
    $from = (Send-LogSentinel (Get-Item (Join-Path $script:LabState 'log/neutron-server.log')).Length).End
    try { $script:ServerRequestOutput = & $Script } catch { $script:ServerRequestError = $_ }
    $text = (Send-LogSentinel $from).Text
    $pattern = '\[\S+ req-\S+ (?<user>\S+) \S+[^\]]*\] \S+ "(?<method>[A-Z]+) (?<path>[^ ?"]+)(?<query>\?[^ "]*)? HTTP/[\d.]+" status: (?<status>\d+)'
    , @([regex]::Matches($text, $pattern) | Where-Object { $_.Groups['user'].Value -eq $script:Probe.UserId } |
            ForEach-Object { [pscustomobject]@{ Method = $_.Groups['method'].Value; Path = $_.Groups['path'].Value; Query = $_.Groups['query'].Value; Status = [int]$_.Groups['status'].Value } })
}

function Send-LogSentinel {
    # Sends a request the lab's neutron-server.log will show, waits until it does, and returns the log's text from
    # byte offset From up to the sentinel's line (Text) and the offset just after that line (End).
    param([long] $From)
    $log = Join-Path $script:LabState 'log/neutron-server.log'
    $sentinel = 'sentinel-' + [guid]::NewGuid().ToString('n')
    $null = Get-IkePolicy -Filter @{ name = $sentinel } -Session $script:Probe.Session
    for ($i = 0; $i -lt 100; $i++) {
        $stream = [System.IO.File]::Open($log, 'Open', 'Read', 'ReadWrite')
        try {
            $null = $stream.Seek($From, 'Begin')
            $text = [System.IO.StreamReader]::new($stream, [System.Text.Encoding]::UTF8).ReadToEnd()
        }
        finally { $stream.Dispose() }
        $at = $text.IndexOf($sentinel)
        if ($at -ge 0) {
            $lineStart = $text.LastIndexOf("`n", $at) + 1
            $lineEnd = $text.IndexOf("`n", $at)
            if ($lineEnd -lt 0) { $lineEnd = $text.Length - 1 }
            return @{ Text = $text.Substring(0, $lineStart); End = $From + [System.Text.Encoding]::UTF8.GetByteCount($text.Substring(0, $lineEnd + 1)) }
        }
        Start-Sleep -Milliseconds 100
    }
    throw "The lab's neutron-server.log never showed the sentinel request $sentinel."
}

function Get-SecretForm {
    # The forms a secret may take in text: plain, JSON- and XML-escaped, UTF-16LE hex (ConvertFrom-SecureString and
    # Export-Clixml of a SecureString on Linux), base64 of its UTF-8 or UTF-16LE bytes at each of the three alignments,
    # URL-encoded. The same for its letters-and-digits tail, which every escaping leaves as it is.
    param([string] $Secret)
    $tail = $Secret -replace '^.*[^A-Za-z0-9]', ''
    foreach ($text in @($Secret) + @($tail | Where-Object { $_.Length -ge 12 -and $_ -ne $Secret })) {
        $text
        $text.Replace('\', '\\').Replace('"', '\"')
        $text.Replace('&', '&amp;').Replace('<', '&lt;').Replace('>', '&gt;')
        [System.Security.SecurityElement]::Escape($text)
        foreach ($encoding in [System.Text.Encoding]::UTF8, [System.Text.Encoding]::Unicode) {
            $bytes = $encoding.GetBytes($text)
            if ($encoding -eq [System.Text.Encoding]::Unicode) { ([System.BitConverter]::ToString($bytes) -replace '-', '').ToLowerInvariant() }
            foreach ($shift in 0, 1, 2) {
                # Only the base64 characters that depend on the text's bytes alone, whatever comes before or after.
                $base64 = [Convert]::ToBase64String([byte[]](@(0) * $shift) + $bytes)
                $skip = if ($shift) { 4 } else { 0 }
                $base64.Substring($skip, [Math]::Max(0, $base64.Length - $skip - 4))
            }
        }
        [uri]::EscapeDataString($text)
        [System.Net.WebUtility]::UrlEncode($text)
    }
}

function Find-Secret {
    # The forms of a secret (Get-SecretForm) found in a text; hex is matched in either case.
    param([string] $Text, [string] $Secret)
    if (-not $Text) { return }
    $lower = $Text.ToLowerInvariant()
    foreach ($form in Get-SecretForm $Secret | Select-Object -Unique) {
        if ($form.Length -ge 8 -and ($Text.Contains($form) -or ($form -match '^[0-9a-f]+$' -and $lower.Contains($form)))) { $form }
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

function Remove-TestObject([string] $Prefix) {
    # Removes what a test file made (objects named "$Prefix*"), dependents first, whatever failed: nothing is left behind.
    Get-IpsecSiteConnection -Name "$Prefix*" | Remove-IpsecSiteConnection -Force -ErrorAction SilentlyContinue
    Get-VpnService -Name "$Prefix*" | Remove-VpnService -Force -ErrorAction SilentlyContinue
    Get-VpnEndpointGroup -Name "$Prefix*" | Remove-VpnEndpointGroup -Force -ErrorAction SilentlyContinue
    Get-IkePolicy -Name "$Prefix*" | Remove-IkePolicy -Force -ErrorAction SilentlyContinue
    Get-IpsecPolicy -Name "$Prefix*" | Remove-IpsecPolicy -Force -ErrorAction SilentlyContinue
}

function Invoke-MemberApi {
    # The member project's own Neutron calls (the module reads networks and routers, never creates them).
    param([string] $Method, [string] $Path, $Body)
    $seed = Get-LabSeed
    $headers = @{ 'X-Auth-Token' = (New-LabToken -User member -Password memberpass -Project member) }
    $uri = "$($seed.network_url.TrimEnd('/'))/v2.0/$Path"
    if ($null -eq $Body) { return Invoke-RestMethod -Method $Method -Uri $uri -Headers $headers }
    Invoke-RestMethod -Method $Method -Uri $uri -Headers $headers -ContentType 'application/json' -Body ($Body |
        ConvertTo-Json -Depth 5)
}

function New-MemberSite {
    # A router with a gateway on the external network and a subnet behind it, in the member project: the far end.
    param([string] $Prefix, [string] $Cidr)
    $seed = Get-LabSeed
    $site = @{}
    $site.Network = (Invoke-MemberApi POST networks @{ network = @{ name = "$Prefix-net" } }).network
    $subnet = @{ name = "$Prefix-subnet"; network_id = $site.Network.id; cidr = $Cidr; ip_version = 4 }
    $site.Subnet = (Invoke-MemberApi POST subnets @{ subnet = $subnet }).subnet
    $router = @{ name = "$Prefix-router"; external_gateway_info = @{ network_id = $seed.external_network_id } }
    $site.Router = (Invoke-MemberApi POST routers @{ router = $router }).router
    $null = Invoke-MemberApi PUT "routers/$($site.Router.id)/add_router_interface" @{ subnet_id = $site.Subnet.id }
    [pscustomobject]$site
}

function Remove-MemberSite {
    param($Site)
    if (-not $Site) { return }
    $interface = @{ subnet_id = $Site.Subnet.id }
    try { $null = Invoke-MemberApi PUT "routers/$($Site.Router.id)/remove_router_interface" $interface } catch { }
    try { $null = Invoke-MemberApi DELETE "routers/$($Site.Router.id)" } catch { }
    try { $null = Invoke-MemberApi DELETE "networks/$($Site.Network.id)" } catch { }
}

function Remove-PairObject {
    param($Session, [string] $Prefix)
    Get-IpsecSiteConnection -Session $Session -Name "$Prefix*" |
        Remove-IpsecSiteConnection -Session $Session -Force -ErrorAction SilentlyContinue
    Get-VpnService -Session $Session -Name "$Prefix*" |
        Remove-VpnService -Session $Session -Force -ErrorAction SilentlyContinue
    Get-VpnEndpointGroup -Session $Session -Name "$Prefix*" |
        Remove-VpnEndpointGroup -Session $Session -Force -ErrorAction SilentlyContinue
    Get-IkePolicy -Session $Session -Name "$Prefix*" |
        Remove-IkePolicy -Session $Session -Force -ErrorAction SilentlyContinue
    Get-IpsecPolicy -Session $Session -Name "$Prefix*" |
        Remove-IpsecPolicy -Session $Session -Force -ErrorAction SilentlyContinue
}
