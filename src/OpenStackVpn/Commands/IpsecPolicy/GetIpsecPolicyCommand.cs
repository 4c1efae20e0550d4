using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Gets IPsec policys.</para>
/// <para type="description">Shows IPsec policys by id, or lists them by name (wildcards allowed) and -Filter.</para>
/// </summary>
/// <example>
/// <code>Get-IpsecPolicy -Filter @{ pfs = 'group14' }</code>
/// <para>Lists the IPsec policys that use DH group 14.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "IpsecPolicy", DefaultParameterSetName = "List")]
[OutputType(typeof(IpsecPolicy))]
public sealed class GetIpsecPolicyCommand : GetResourceCommand<IpsecPolicy>
{
    /// <inheritdoc/>
    protected override ResourceKind<IpsecPolicy> Kind => VpnResources.IpsecPolicy;
}
