using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Gets the default OpenStack session, the one Connect-OpenStack made last.</para>
/// <para type="description">Writes nothing when there is no session.</para>
/// </summary>
/// <example>
/// <code>Get-OpenStackSession | Format-List</code>
/// <para>Shows who the session is, which project, which network endpoint and when its token expires.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OpenStackSession")]
[OutputType(typeof(OpenStackSession))]
public sealed class GetOpenStackSessionCommand : PSCmdlet
{
    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (SessionStore.Default is { } session)
        {
            WriteObject(session);
        }
    }
}
