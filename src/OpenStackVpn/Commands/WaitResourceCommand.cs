using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading.Tasks;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>The Wait- cmdlet of a resource with a status: polls until the status is reached, fails on ERROR, reports the last status on timeout.</summary>
public abstract class WaitResourceCommand<T> : OneObjectCommand<T> where T : NeutronResource
{
    /// <summary><para type="description">The status to wait for (default ACTIVE).</para></summary>
    [Parameter]
    [ValidateSet("ACTIVE", "DOWN")]
    public string Status { get; set; } = "ACTIVE";

    /// <summary><para type="description">How long to wait, in seconds (default 600).</para></summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 600;

    /// <summary><para type="description">Seconds between polls (default 5).</para></summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int PollIntervalSec { get; set; } = 5;

    /// <summary>The resource this cmdlet waits for: its description, found by its model.</summary>
    protected virtual ResourceKind<T> Kind => VpnResources.Of<T>();

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var session = RequireSession();
        var id = TargetId;
        try
        {
            WriteResource(WaitFor(this, session, Kind, id, Status, TimeSpan.FromSeconds(TimeoutSec), TimeSpan.FromSeconds(PollIntervalSec)));
        }
        catch (OpenStackVpn.OpenStackException e)
        {
            WriteError(ToErrorRecord(e));
        }
    }

    /// <summary>Polls <paramref name="id"/> until it has <paramref name="status"/>; PENDING_* and DOWN are transient, ERROR is failure.</summary>
    internal static T WaitFor(OpenStackCmdlet cmdlet, OpenStackSession session, ResourceKind<T> kind, string id, string status, TimeSpan timeout, TimeSpan interval)
    {
        var clock = Stopwatch.StartNew();
        var progress = new ProgressRecord(1, $"Waiting for {kind.DisplayName} {id} to become {status}", "Polling");
        try
        {
            while (true)
            {
                var current = cmdlet.Await(cancel => ResourceClient.GetAsync(session, kind, id, null, cmdlet.Log, cancel));
                var seen = kind.StatusOf(current);
                if (string.Equals(seen, status, StringComparison.OrdinalIgnoreCase))
                {
                    return current;
                }

                if (seen == "ERROR")
                {
                    throw new OpenStackVpn.OpenStackException(OpenStackErrorKind.ServerError, $"{kind.DisplayName} '{current.Name}' ({id}) went to ERROR while waiting for {status}. Check the VPN agent's log, the peer and the policies.") { Target = id };
                }

                var left = timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    throw new OpenStackVpn.OpenStackException(OpenStackErrorKind.Timeout, $"{kind.DisplayName} '{current.Name}' ({id}) is still {seen} after {timeout.TotalSeconds:0} s; it did not become {status}. A VPN agent reports status about every 60 s; raise -TimeoutSec or check that an agent serves the router.") { Target = id };
                }

                progress.StatusDescription = $"{seen} after {clock.Elapsed.TotalSeconds:0} s";
                progress.PercentComplete = (int)Math.Min(99, 100 * clock.Elapsed.TotalSeconds / timeout.TotalSeconds);
                cmdlet.WriteProgress(progress);
                var pause = interval < left ? interval : left;
                cmdlet.Await(async cancel =>
                {
                    await Task.Delay(pause, cancel).ConfigureAwait(false);
                    return true;
                });
            }
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            cmdlet.WriteProgress(progress);
        }
    }
}
