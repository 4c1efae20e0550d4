using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Removes IPsec site connections.</para>
/// <para type="description">Takes ids, names or objects from the pipeline; asks first unless -Force; a failure on one
/// does not stop the others.</para>
/// </summary>
/// <example>
/// <code>
/// Get-IpsecSiteConnection -VpnService vpnservice1 | Remove-IpsecSiteConnection -Force</code>
/// <para>Removes every connection of the service vpn1.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "IpsecSiteConnection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = "Name")]
public sealed class RemoveIpsecSiteConnectionCommand : RemoveResourceCommand<IpsecSiteConnection>
{
}
