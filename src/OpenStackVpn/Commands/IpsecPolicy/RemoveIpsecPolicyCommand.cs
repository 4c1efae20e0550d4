using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Removes IPsec policys.</para>
/// <para type="description">A policy that a connection uses cannot be removed; the error lists the connections.</para>
/// </summary>
/// <example>
/// <code>Get-IpsecPolicy -Name 'old-*' | Remove-IpsecPolicy -Force</code>
/// <para>Removes every policy whose name starts with old-.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "IpsecPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Id")]
public sealed class RemoveIpsecPolicyCommand : RemoveResourceCommand<IpsecPolicy>
{
    /// <inheritdoc/>
    protected override ResourceKind<IpsecPolicy> Kind => VpnResources.IpsecPolicy;
}
