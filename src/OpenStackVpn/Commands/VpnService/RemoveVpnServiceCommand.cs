using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Removes VPN services.</para>
/// <para type="description">A service with connections cannot be removed; the error lists them.</para>
/// </summary>
/// <example>
/// <code>Remove-VpnService -Name vpn1 -Force</code>
/// <para>Removes the service vpn1 without asking.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "VpnService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Id")]
public sealed class RemoveVpnServiceCommand : RemoveResourceCommand<VpnService>
{
}
