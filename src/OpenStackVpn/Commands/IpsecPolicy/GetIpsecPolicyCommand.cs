using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Gets IPsec policies.</para>
/// <para type="description">Shows IPsec policies by id, or lists them by name (wildcards allowed) and -Filter.</para>
/// </summary>
/// <example>
/// <code>Get-IpsecPolicy -Filter @{ pfs = 'group14' }</code>
/// <para>Lists the IPsec policies that use DH group 14.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "IpsecPolicy", DefaultParameterSetName = "List")]
[OutputType(typeof(IpsecPolicy))]
public sealed class GetIpsecPolicyCommand : GetResourceCommand<IpsecPolicy>
{
}
