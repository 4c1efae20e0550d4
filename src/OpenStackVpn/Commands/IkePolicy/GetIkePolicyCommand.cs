using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Gets IKE policies.</para>
/// <para type="description">Shows IKE policies by id, or lists them by name (wildcards allowed) and -Filter.</para>
/// </summary>
/// <example>
/// <code>Get-IkePolicy -Filter @{ pfs = 'group14' }</code>
/// <para>Lists the IKE policies that use DH group 14.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "IkePolicy", DefaultParameterSetName = "List")]
[OutputType(typeof(IkePolicy))]
public sealed class GetIkePolicyCommand : GetResourceCommand<IkePolicy>
{
}
