@{
    RootModule           = 'OpenStackVpn.dll'
    ModuleVersion        = '0.0.0'   # build.ps1 writes the <Version> of Directory.Build.props here
    CompatiblePSEditions = @('Core', 'Desktop')
    GUID                 = '6c1f0b7e-3d0a-4e8e-9a51-2f7c9b3e8d41'
    Author               = 'OpenStackVpn contributors'
    Copyright            = '(c) OpenStackVpn contributors. Apache-2.0.'
    Description          = 'Manage OpenStack Neutron VPNaaS v2.0 (IPsec site-to-site VPNs) from PowerShell with typed objects.'
    PowerShellVersion    = '5.1'
    # Windows PowerShell only: netstandard2.0 and HttpClientHandler's certificate callback need .NET Framework 4.7.2.
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('OpenStackVpn.Format.ps1xml', 'OpenStackVpn.List.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-OpenStack'
        'Disconnect-OpenStack'
        'Get-OpenStackSession'
        'Get-IpsecSiteConnection'
        'New-IpsecSiteConnection'
        'Set-IpsecSiteConnection'
        'Remove-IpsecSiteConnection'
        'Get-VpnService'
        'New-VpnService'
        'Set-VpnService'
        'Remove-VpnService'
        'Get-IkePolicy'
        'New-IkePolicy'
        'Set-IkePolicy'
        'Remove-IkePolicy'
        'Get-IpsecPolicy'
        'New-IpsecPolicy'
        'Set-IpsecPolicy'
        'Remove-IpsecPolicy'
        'Get-VpnEndpointGroup'
        'New-VpnEndpointGroup'
        'Set-VpnEndpointGroup'
        'Remove-VpnEndpointGroup'
        'Wait-IpsecSiteConnection'
        'Wait-VpnService'
        # The objects around a VPN, read only (issue 22)
        'Get-OpenStackRouter'
        'Get-OpenStackSubnet'
        'Get-OpenStackNetwork'
        # Peer side and diagnosis (issue 11)
        'Export-IpsecPeerConfig'
        'Get-IpsecPeerParameter'
        'Test-IpsecSiteConnection'
        'Start-EmbeddedOpenStack'
        'Stop-EmbeddedOpenStack'
        'Add-EmbeddedOpenStackFault'
        'Clear-EmbeddedOpenStackFault'
        'Get-EmbeddedOpenStackRequest'
        'Set-EmbeddedOpenStackStatus'
        # Two sites joined in one command (issue 24)
        'New-IpsecSitePair'
        'Test-IpsecSitePair'
        'Remove-IpsecSitePair'
        'Export-VpnDiagram'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('OpenStack', 'Neutron', 'VPNaaS', 'IPsec', 'VPN', 'Keystone', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            # What a gallery page shows: where the project lives, and what changed in this version.
            ProjectUri   = 'https://github.com/OpenStackVpn/OpenStackVpn'
            ReleaseNotes = @'
0.1.0: the first release. Cmdlets for the five VPNaaS v2.0 resources (IPsec site connections, VPN services,
IKE and IPsec policies, endpoint groups), a Keystone v3 session (password, application credential, token;
clouds.yaml and OS_* variables), an embedded OpenStack for trying the module and testing runbooks without a
cloud, live name completion, and one-command teardown with Remove-VpnService -Recurse.
See Get-Help about_OpenStackVpn.
'@
        }
    }
}
