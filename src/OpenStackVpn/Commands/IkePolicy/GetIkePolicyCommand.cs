using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Gets IKE policys.</para>
/// <para type="description">Shows IKE policys by id, or lists them by name (wildcards allowed) and -Filter.</para>
/// </summary>
/// <example>
/// <code>Get-IkePolicy -Filter @{ pfs = 'group14' }</code>
/// <para>Lists the IKE policys that use DH group 14.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "IkePolicy", DefaultParameterSetName = "List")]
[OutputType(typeof(IkePolicy))]
public sealed class GetIkePolicyCommand : GetResourceCommand<IkePolicy>
{
    /// <inheritdoc/>
    protected override ResourceKind<IkePolicy> Kind => VpnResources.IkePolicy;
}
