<#
.SYNOPSIS
    An example runbook: makes sure a branch office has its VPN, creating only what is missing.
.DESCRIPTION
    Idempotent: run it twice and the second run changes nothing. Uses the default session (Connect-OpenStack first).
#>
param(
    [Parameter(Mandatory)] [string] $Name,
    [Parameter(Mandatory)] [string] $PeerAddress,
    [Parameter(Mandatory)] [string[]] $PeerCidr,
    [Parameter(Mandatory)] [securestring] $Psk,
    [string] $Router = 'router1',
    [string] $Subnet = 'private-subnet',
    [int] $WaitTimeoutSec = 300
)

$ErrorActionPreference = 'Stop'

# The object the Get block finds (it must not fail when there is none), else the one the New block creates.
function Get-Or-New([scriptblock] $Get, [scriptblock] $New) {
    $found = & $Get
    if ($found) { $found } else { & $New }
}

$ike = Get-Or-New { Get-IkePolicy -Name "$Name-ike" -ErrorAction SilentlyContinue } { New-IkePolicy -Name "$Name-ike" -IkeVersion v2 -AuthAlgorithm sha256 -EncryptionAlgorithm aes-256 -Pfs group14 }
$ipsec = Get-Or-New { Get-IpsecPolicy -Name "$Name-ipsec" -ErrorAction SilentlyContinue } { New-IpsecPolicy -Name "$Name-ipsec" -AuthAlgorithm sha256 -EncryptionAlgorithm aes-256 -Pfs group14 }
$service = Get-Or-New { Get-VpnService -Name "$Name-vpn" -ErrorAction SilentlyContinue } { New-VpnService -Name "$Name-vpn" -Router $Router -Subnet $Subnet }
$connection = Get-Or-New { Get-IpsecSiteConnection -Name $Name -ErrorAction SilentlyContinue } {
    New-IpsecSiteConnection -Name $Name -VpnService $service -IkePolicy $ike -IpsecPolicy $ipsec -PeerAddress $PeerAddress -PeerCidr $PeerCidr -Psk $Psk
}
$connection | Wait-IpsecSiteConnection -TimeoutSec $WaitTimeoutSec -PollIntervalSec 1
