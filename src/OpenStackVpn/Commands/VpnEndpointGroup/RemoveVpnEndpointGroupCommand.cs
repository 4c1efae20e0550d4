using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Removes VPN endpoint groups.</para>
/// <para type="description">A group that a connection uses cannot be removed (Neutron answers 400 EndpointGroupInUse);
/// the error lists the connections.</para>
/// </summary>
/// <example>
/// <code>
/// New-VpnEndpointGroup -Name example-peers -Type cidr -Endpoint 10.62.0.0/24
/// Remove-VpnEndpointGroup -Name example-peers -Force</code>
/// <para>Removes the group peers without asking.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "VpnEndpointGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = "Name")]
public sealed class RemoveVpnEndpointGroupCommand : RemoveResourceCommand<VpnEndpointGroup>
{
}
