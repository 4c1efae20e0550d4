using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Removes IKE policies.</para>
/// <para type="description">A policy that a connection uses cannot be removed; the error lists the connections.</para>
/// </summary>
/// <example>
/// <code>Get-IkePolicy -Name 'old-*' | Remove-IkePolicy -Force</code>
/// <para>Removes every policy whose name starts with old-.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "IkePolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = "Name")]
public sealed class RemoveIkePolicyCommand : RemoveResourceCommand<IkePolicy>
{
}
