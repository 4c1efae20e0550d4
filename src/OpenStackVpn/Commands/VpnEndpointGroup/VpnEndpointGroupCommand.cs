using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>What New- and Set-VpnEndpointGroup share: only the name and description change after a create.</summary>
public abstract class VpnEndpointGroupCommand : WriteResourceCommand<VpnEndpointGroup>
{
    /// <inheritdoc/>
    protected override ResourceKind<VpnEndpointGroup> Kind => VpnResources.VpnEndpointGroup;
}
