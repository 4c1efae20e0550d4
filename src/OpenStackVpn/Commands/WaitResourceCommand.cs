using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// The Wait- cmdlet of a resource with a status. Collects every object from the pipeline and waits for all of them
/// together: one list request per poll (by id, or by project when the ids are too many for a URL), one progress bar,
/// each object written as soon as it has the status; those that went to ERROR, vanished or timed out are reported one
/// by one at the end, with their last status.
/// </summary>
public abstract class WaitResourceCommand<T> : OneObjectCommand<T> where T : NeutronResource
{
    /// <summary>Ids per list request; beyond that the poll lists by project instead (a URL of about 4 KB).</summary>
    internal const int MaxIdsPerQuery = 100;

    /// <summary>Projects per list request; beyond that the poll lists everything the session can see.</summary>
    internal const int MaxProjectsPerQuery = 20;

    private readonly List<Target> _targets = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private OpenStackSession? _session;

    /// <summary><para type="description">The status to wait for (default ACTIVE).</para></summary>
    [Parameter]
    [ValidateSet("ACTIVE", "DOWN")]
    public string Status { get; set; } = "ACTIVE";

    /// <summary><para type="description">How long to wait, in seconds (default 600), for all the
    /// objects together.</para></summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 600;

    /// <summary><para type="description">Seconds between polls (default 5); each poll is one list request, however many
    /// objects are waited for.</para></summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int PollIntervalSec { get; set; } = 5;

    /// <summary><para type="description">The object's project, taken from objects in the pipeline (a
    /// Get- cmdlet's output carries it): a wait for more than 100 objects then polls by project rather
    /// than listing all.</para></summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public string? ProjectId { get; set; }


    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        _session ??= RequireSession();
        (string Id, T? Found) named;
        try
        {
            named = TargetOf(_session);
        }
        catch (OpenStackException e)
        {
            WriteError(ToErrorRecord(e));
            return;
        }

        if (_seen.Add(named.Id))
        {
            _targets.Add(new Target(named.Id, named.Found?.ProjectId ?? ProjectId));
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_session == null || _targets.Count == 0)
        {
            return;
        }

        List<OpenStackException> failures;
        try
        {
            failures = WaitForAll(this, _session, Kind, _targets, Status, TimeSpan.FromSeconds(TimeoutSec),
                TimeSpan.FromSeconds(PollIntervalSec), WriteResource);
        }
        catch (OpenStackException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
            return;
        }

        foreach (var failure in failures)
        {
            WriteError(ToErrorRecord(failure));
        }
    }

    /// <summary>Polls <paramref name="id"/> until it has <paramref name="status"/>; throws the error of an object that
    /// went to ERROR, vanished or timed out.</summary>
    internal static T WaitFor(OpenStackCmdlet cmdlet, OpenStackSession session, ResourceKind<T> kind, string id,
        string status, TimeSpan timeout, TimeSpan interval)
    {
        T? reached = null;
        var failure = WaitForAll(cmdlet, session, kind, new[] { new Target(id, null) }, status, timeout, interval,
            r => reached = r).FirstOrDefault();
        return failure != null ? throw failure : reached!;
    }

    /// <summary>
    /// Waits for all <paramref name="targets"/> at once; PENDING_*, BUILD and DOWN are transient, ERROR
    /// is failure. Hands each object to
    /// <paramref name="reached"/> as it gets <paramref name="status"/>, and returns one error for each
    /// that did not, in the order given.
    /// </summary>
    internal static List<OpenStackException> WaitForAll(OpenStackCmdlet cmdlet, OpenStackSession session,
        ResourceKind<T> kind, IReadOnlyList<Target> targets, string status, TimeSpan timeout, TimeSpan interval,
        Action<T> reached)
    {
        var pending = targets.ToDictionary(t => t.Id, t => t, StringComparer.Ordinal);
        var failures = new Dictionary<string, OpenStackException>(StringComparer.Ordinal);
        var query = PollQuery(targets);
        var clock = Stopwatch.StartNew();
        var done = 0;
        var lastPoll = false; // the poll at the time limit: a timer that fires a little early must not add another
        var what = targets.Count == 1 ? $"{kind.DisplayName} {targets[0].Id}" : $"{targets.Count} {kind.DisplayPlural}";
        var activity = $"Waiting for {what} to become {status}";
        var progress = new ProgressRecord(1, activity, $"0 of {targets.Count} {status}");
        try
        {
            while (pending.Count > 0)
            {
                var listed = new HashSet<string>(StringComparer.Ordinal);
                cmdlet.WriteList(session, kind, query, null, current =>
                {
                    if (!pending.TryGetValue(current.Id, out var target))
                    {
                        return;
                    }

                    listed.Add(current.Id);
                    target.Last = current;
                    var seen = kind.StatusOf(current);
                    if (string.Equals(seen, status, StringComparison.OrdinalIgnoreCase))
                    {
                        pending.Remove(current.Id);
                        done++;
                        reached(current);
                    }
                    else if (seen == "ERROR")
                    {
                        pending.Remove(current.Id);
                        failures[current.Id] = new OpenStackException(OpenStackErrorKind.ServerError,
                            $"{kind.DisplayName} '{current.Name}' ({current.Id}) went to ERROR while waiting for " +
                            $"{status}. Check the VPN agent's log, the peer and the policies.") { Target = current.Id };
                    }
                });

                foreach (var gone in pending.Values.Where(t => !listed.Contains(t.Id)).ToList())
                {
                    pending.Remove(gone.Id);
                    failures[gone.Id] = new OpenStackException(OpenStackErrorKind.NotFound, gone.Last == null
                        ? $"No {kind.DisplayName} has the id '{gone.Id}' (or it is not visible to this session's " +
                            $"project)."
                        : $"{kind.DisplayName} '{gone.Last.Name}' ({gone.Id}) was deleted while waiting for " +
                            $"{status}; it was last {kind.StatusOf(gone.Last)}.") { Target = gone.Id };
                }

                var left = timeout - clock.Elapsed;
                if (pending.Count == 0)
                {
                    break;
                }

                if (left <= TimeSpan.Zero || lastPoll)
                {
                    foreach (var late in pending.Values)
                    {
                        failures[late.Id] = new OpenStackException(OpenStackErrorKind.Timeout,
                            $"{kind.DisplayName} '{late.Last?.Name}' ({late.Id}) is still " +
                            $"{kind.StatusOf(late.Last!)} after {timeout.TotalSeconds:0} s; it did not become " +
                            $"{status}. A VPN agent reports status about every 60 s; raise -TimeoutSec or check that " +
                            $"an agent serves the router.") { Target = late.Id };
                    }

                    break;
                }

                // A new record each time: the host may keep the ones it was given.
                progress = new ProgressRecord(1, activity,
                    Summary(targets.Count, done, failures.Count, status,
                    pending.Values.Select(t => kind.StatusOf(t.Last!)), clock.Elapsed))
                {
                    PercentComplete = 100 * (done + failures.Count) / targets.Count,
                };
                cmdlet.WriteProgress(progress);
                var pause = interval < left ? interval : left;
                lastPoll = pause == left;
                cmdlet.Await(async cancel =>
                {
                    await Task.Delay(pause, cancel).ConfigureAwait(false);
                    return true;
                });
            }
        }
        finally
        {
            cmdlet.WriteProgress(
                new ProgressRecord(1, activity,
                progress.StatusDescription) { RecordType = ProgressRecordType.Completed });
        }

        return targets.Where(t => failures.ContainsKey(t.Id)).Select(t => failures[t.Id]).ToList();
    }

    /// <summary>The one list request that shows every target: by id when they fit in a URL, else by their projects,
    /// else everything visible.</summary>
    internal static ListQuery PollQuery(IReadOnlyList<Target> targets)
    {
        var query = new ListQuery();
        if (targets.Count <= MaxIdsPerQuery)
        {
            foreach (var target in targets)
            {
                query.Where("id", target.Id);
            }
        }
        else if (targets.All(t => !string.IsNullOrEmpty(t.ProjectId))
            && targets.Select(t => t.ProjectId).Distinct().Count() <= MaxProjectsPerQuery)
        {
            foreach (var project in targets.Select(t => t.ProjectId!).Distinct())
            {
                query.Where("project_id", project);
            }
        }

        return query;
    }

    // "132 of 200 ACTIVE, 3 failed; 65 PENDING_CREATE (40 s)"
    private static string Summary(int total, int done, int failed, string status, IEnumerable<string?> others,
        TimeSpan elapsed)
    {
        var rest = string.Join(", ",
            others.GroupBy(s => s ?? "no status").OrderByDescending(g => g.Count()).Select(g
            => $"{g.Count()} {g.Key}"));
        return
            $"{done} of {total} " +
            $"{status}{(failed > 0 ? $", {failed} failed" : "")}{(rest.Length > 0 ? "; " + rest : "")} " +
            $"({elapsed.TotalSeconds:0} s)";
    }

    /// <summary>An object waited for: its id, its project when known (for the poll's filter), and how it
    /// looked at the last poll.</summary>
    internal sealed class Target
    {
        public Target(string id, string? projectId)
        {
            Id = id;
            ProjectId = projectId;
        }

        public string Id { get; }

        public string? ProjectId { get; }

        public T? Last { get; set; }
    }
}
