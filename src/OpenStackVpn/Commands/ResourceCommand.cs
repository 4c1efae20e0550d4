using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>What the cmdlets of one resource share: its description, found by its model.</summary>
public abstract class ResourceCommand<T> : OpenStackCmdlet where T : NeutronResource
{
    /// <summary>The resource this cmdlet works on: its description, found by its model.</summary>
    protected ResourceKind<T> Kind => VpnResources.Of<T>();
}
