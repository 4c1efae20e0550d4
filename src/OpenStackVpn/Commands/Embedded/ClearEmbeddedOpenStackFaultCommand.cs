using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Removes the faults not yet used of an embedded OpenStack.</para>
/// <para type="description">Requests are answered normally again.</para>
/// </summary>
/// <example>
/// <code>Clear-EmbeddedOpenStackFault</code>
/// <para>Clears the faults of the default embedded session's cloud.</para>
/// </example>
[Cmdlet(VerbsCommon.Clear, "EmbeddedOpenStackFault")]
public sealed class ClearEmbeddedOpenStackFaultCommand : EmbeddedCmdlet
{
    /// <inheritdoc/>
    protected override void EndProcessing() => RequireCloud().Faults.Clear();
}
