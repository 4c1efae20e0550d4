using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Stops serving an embedded OpenStack that Start-EmbeddedOpenStack started.</para>
/// <para type="description">Closes its port; sessions connected to it fail from then on. Connections that failed while
/// it ran (a TLS handshake a client refused) are written as warnings; they are also in its ConnectionErrors.</para>
/// </summary>
/// <example>
/// <code>
/// $cloud = Start-EmbeddedOpenStack
/// $cloud | Stop-EmbeddedOpenStack</code>
/// <para>Stops the served cloud.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Stop, "EmbeddedOpenStack")]
public sealed class StopEmbeddedOpenStackCommand : PSCmdlet
{
    /// <summary><para type="description">The served cloud to stop; by default the one Start-EmbeddedOpenStack started
    /// last.</para></summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public EmbeddedCloudServer? InputObject { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var server = InputObject ?? StartEmbeddedOpenStackCommand.LastStarted;
        if (server == null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new System.InvalidOperationException(
                    "No embedded OpenStack is running from Start-EmbeddedOpenStack in this session. "
                    + "Pass the object it returned: Stop-EmbeddedOpenStack $server."),
                "NothingToStop",
                ErrorCategory.ObjectNotFound,
                null));
        }

        if (ReferenceEquals(server, StartEmbeddedOpenStackCommand.LastStarted))
        {
            StartEmbeddedOpenStackCommand.LastStarted = null;
        }

        server!.Dispose();
        UnpromptedStreams.Apply(this);
        foreach (var error in server.ConnectionErrors)
        {
            WriteWarning(error);
        }
    }
}
