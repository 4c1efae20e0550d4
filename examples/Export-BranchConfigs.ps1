<#
.SYNOPSIS
    An example runbook: writes, for each connection of a VPN service, the peer's configuration for the device its
    branch office runs, the way a team hands configurations to branch offices.
.DESCRIPTION
    The device type of a connection comes from the CSV (-DeviceMap, columns Connection and Format; Connection is the
    connection's name or id), else from its description ("device: FortiGate"), else -DefaultFormat. Each connection's
    files go to a folder of its own under -Path. A connection its device cannot express is reported with the reason
    and the others go on. Uses the default session (Connect-OpenStack first). Windows PowerShell 5.1 and PowerShell 7.
.EXAMPLE
    ./Export-BranchConfigs.ps1 -VpnService vpn1 -Path ./handover -DeviceMap ./branches.csv -IncludeSecret
#>
param(
    [Parameter(Mandatory)] $VpnService,
    [Parameter(Mandatory)] [string] $Path,
    [string] $DeviceMap,
    [string] $DefaultFormat = 'Swanctl',
    [switch] $IncludeSecret
)

$ErrorActionPreference = 'Stop'
$formats = [enum]::GetNames([OpenStackVpn.Core.Peer.PeerConfigFormat])

$byConnection = @{}
if ($DeviceMap) {
    foreach ($row in Import-Csv -Path $DeviceMap) { $byConnection[$row.Connection] = $row.Format }
}

function Get-DeviceFormat($Connection) {
    # The CSV wins (by name, then id); then "device: <Format>" in the description; then the default.
    foreach ($key in @($Connection.Name, $Connection.Id)) {
        if ($key -and $byConnection.ContainsKey($key)) { return $byConnection[$key] }
    }
    if ("$($Connection.Description)" -match '(?i)\bdevice\s*[:=]\s*([A-Za-z]+)') { return $Matches[1] }
    $DefaultFormat
}

foreach ($connection in @(Get-VpnService $VpnService | Get-IpsecSiteConnection)) {
    $format = Get-DeviceFormat $connection
    $result = [pscustomobject]@{ Connection = $connection.Name; Format = $format; Files = @(); Refused = $null }
    if ($formats -notcontains $format) {
        $result.Refused = "unknown device type '$format' (one of: $($formats -join ', '))"
        $result
        continue
    }

    $folder = Join-Path $Path $connection.Name
    $failure = $null
    $files = $connection | Export-IpsecPeerConfig -Format $format -Path $folder -IncludeSecret:$IncludeSecret `
        -ErrorAction SilentlyContinue -ErrorVariable failure
    if ($failure) {
        $result.Refused = "$($failure[0])"
    }
    else {
        $result.Files = @($files | ForEach-Object { $_.Path })
    }

    $result
}
