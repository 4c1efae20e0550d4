using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Revokes the session's token at Keystone and forgets the session.</para>
/// <para type="description">Disconnects the default session, or the one given with -Session. It does not prompt.</para>
/// </summary>
/// <example>
/// <code>Disconnect-OpenStack</code>
/// <para>Revokes the default session's token.</para>
/// </example>
[Cmdlet(VerbsCommunications.Disconnect, "OpenStack")]
public sealed class DisconnectOpenStackCommand : OpenStackCmdlet
{
    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var session = RequireSession();
        if (ReferenceEquals(SessionStore.Default, session))
        {
            SessionStore.Default = null;
        }

        try
        {
            Await(cancel => session.DisconnectAsync(Log, cancel));
        }
        catch (OpenStackException e)
        {
            WriteError(ToErrorRecord(e));
        }
    }
}
