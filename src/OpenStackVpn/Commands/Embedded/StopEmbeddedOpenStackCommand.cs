using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Stops serving an embedded OpenStack that Start-EmbeddedOpenStack started.</para>
/// <para type="description">Closes its port; sessions connected to it fail from then on. Connections that failed while it ran (a TLS handshake a client refused) are written as warnings; they are also in its ConnectionErrors.</para>
/// </summary>
/// <example>
/// <code>$cloud | Stop-EmbeddedOpenStack</code>
/// <para>Stops the served cloud.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Stop, "EmbeddedOpenStack")]
public sealed class StopEmbeddedOpenStackCommand : PSCmdlet
{
    /// <summary><para type="description">The served cloud to stop.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public EmbeddedCloudServer InputObject { get; set; } = null!;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        InputObject.Dispose();
        UnpromptedStreams.Apply(this);
        foreach (var error in InputObject.ConnectionErrors)
        {
            WriteWarning(error);
        }
    }
}
