using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Changes a VPN endpoint group's name or description.</para>
/// <para type="description">The type and endpoints cannot change; given, they are refused with the reason.</para>
/// </summary>
/// <example>
/// <code>Set-VpnEndpointGroup -Id $id -Name peers-eu</code>
/// <para>Renames a group.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "VpnEndpointGroup", SupportsShouldProcess = true, DefaultParameterSetName = "Id")]
[OutputType(typeof(VpnEndpointGroup))]
public sealed class SetVpnEndpointGroupCommand : SetResourceCommand<VpnEndpointGroup>
{
    /// <summary><para type="description">Cannot change; given, it is refused with the reason.</para></summary>
    [Parameter]
    [Field("type")]
    public string? Type { get; set; }

    /// <summary><para type="description">Cannot change; given, it is refused with the reason.</para></summary>
    [Parameter]
    [Field("endpoints")]
    public string[]? Endpoint { get; set; }

    /// <inheritdoc/>
    protected override ResourceKind<VpnEndpointGroup> Kind => VpnResources.VpnEndpointGroup;
}
