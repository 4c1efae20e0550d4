<#
.SYNOPSIS
    A whole site-to-site VPN in one short run: connect, create policies, a VPN service and an IPsec site
    connection like the origin page's example, wait for it, show it, tear it all down.
.DESCRIPTION
    Uses the cloud named by OS_CLOUD or the OS_* variables when one is configured, and otherwise the module's
    embedded OpenStack (no cloud needed). On a real cloud, -Router and -Subnet name an existing router (with an
    external gateway) and a subnet attached to it; the peer address is only stored, never contacted.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/OpenStackVpn'),
    [string] $Router = 'router1',
    [string] $Subnet = 'private-subnet',
    [int] $WaitTimeoutSec = 30
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

if ($env:OS_CLOUD -or $env:OS_AUTH_URL) {
    $session = Connect-OpenStack
    Write-Output "Connected to $($session.AuthUrl) as $($session.UserName) in project $($session.ProjectName)."
}
else {
    $session = Connect-OpenStack -Embedded -ActivationDelaySec 2
    Write-Output 'No cloud configured (OS_CLOUD / OS_AUTH_URL): using the embedded OpenStack.'
}

$name = 'demo-' + (Get-Date -Format 'HHmmss')
$created = @()
try {
    $ike = New-IkePolicy -Name "$name-ike" -IkeVersion v2 -AuthAlgorithm sha256 -EncryptionAlgorithm aes-256 -Pfs group14
    $ipsec = New-IpsecPolicy -Name "$name-ipsec" -AuthAlgorithm sha256 -EncryptionAlgorithm aes-256 -Pfs group14
    $service = New-VpnService -Name "$name-vpn" -Router $Router -Subnet $Subnet
    $created = @($ike, $ipsec, $service)
    Write-Output "Created IKE policy, IPsec policy and VPN service '$($service.Name)' (public address $($service.ExternalV4Ip))."

    $psk = ConvertTo-SecureString 'secret' -AsPlainText -Force
    $connection = New-IpsecSiteConnection -Name "$name-conn" -VpnService $service -IkePolicy $ike -IpsecPolicy $ipsec `
        -PeerAddress 172.24.4.226 -PeerCidr 10.1.0.0/24 -Psk $psk -DpdAction hold -DpdInterval 30 -DpdTimeout 120
    $created = @($connection) + $created
    Write-Output "Created IPsec site connection '$($connection.Name)': $($connection.Status)."

    try {
        $connection = $connection | Wait-IpsecSiteConnection -TimeoutSec $WaitTimeoutSec -PollIntervalSec 1
        Write-Output "The connection is $($connection.Status)."
    }
    catch {
        Write-Output "The connection did not become ACTIVE within $WaitTimeoutSec s: $($_.Exception.Message)"
    }

    $connection | Format-List Name, Status, PeerAddress, PeerId, PeerCidrs, Dpd, Mtu, Initiator, AuthMode, RouteMode, VpnServiceId, IkePolicyId, IpsecPolicyId, Id | Out-String -Width 120
    Get-IpsecSiteConnection -VpnService $service | Out-String -Width 120
}
finally {
    foreach ($object in $created) {
        switch ($object.GetType().Name) {
            'IpsecSiteConnection' { $object | Remove-IpsecSiteConnection -Force }
            'VpnService' { $object | Remove-VpnService -Force }
            'IkePolicy' { $object | Remove-IkePolicy -Force }
            'IpsecPolicy' { $object | Remove-IpsecPolicy -Force }
        }
    }
    Write-Output "Removed the $($created.Count) objects the demo created."
    Disconnect-OpenStack
}
