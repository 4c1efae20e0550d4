using System;
using System.Management.Automation;
using OpenStackVpn.Embedded;

namespace OpenStackVpn.Commands;

/// <summary>What the cmdlets that steer an embedded OpenStack share: which cloud, from -Server or
/// an embedded session.</summary>
public abstract class EmbeddedCmdlet : OpenStackCmdlet
{
    /// <summary><para type="description">The served embedded OpenStack that Start-EmbeddedOpenStack
    /// returned; by default the cloud of the session (-Session, or the default one made with
    /// Connect-OpenStack -Embedded).</para></summary>
    [Parameter]
    [ValidateNotNull]
    public EmbeddedCloudServer? Server { get; set; }

    /// <summary>The embedded cloud to steer, or a terminating error that says how to get one.</summary>
    internal EmbeddedCloud RequireCloud()
    {
        var cloud = Server?.Cloud ?? EmbeddedCloud.Behind((Session ?? SessionStore.Default)?.Handler);
        if (cloud == null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException(
                    "No embedded OpenStack: pass -Server (from Start-EmbeddedOpenStack), or a session made with " +
                    "Connect-OpenStack -Embedded."),
                "NotEmbedded",
                ErrorCategory.InvalidOperation,
                null));
        }

        return cloud!;
    }
}
