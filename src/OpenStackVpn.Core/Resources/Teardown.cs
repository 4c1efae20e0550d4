using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core.Http;

namespace OpenStackVpn.Core.Resources;

/// <summary>One object of a VPN service's teardown: what it is, whether it goes, why, and what became of it.</summary>
public sealed class TeardownStep
{
    private readonly Func<OpenStackSession, ILogSink, CancellationToken, Task> _delete;

    internal TeardownStep(string kind, NeutronResource target, bool remove, string reason,
        IEnumerable<TeardownStep> dependsOn, Func<OpenStackSession, ILogSink, CancellationToken, Task> delete)
    {
        Kind = kind;
        Id = target.Id;
        Name = target.Name;
        Remove = remove;
        Reason = reason;
        DependsOn = dependsOn.ToList();
        _delete = delete;
        Outcome = remove ? "Planned" : "Kept";
    }

    /// <summary>What the object is, e.g. "IKE policy".</summary>
    public string Kind { get; }

    /// <summary>Its id.</summary>
    public string Id { get; }

    /// <summary>Its name.</summary>
    public string? Name { get; }

    /// <summary>True when the plan removes it; false when it is kept.</summary>
    public bool Remove { get; }

    /// <summary>Why it is removed or kept, or why it failed or was not tried.</summary>
    public string Reason { get; internal set; }

    /// <summary>Planned, Removed, Kept, Failed, or NotTried (something it depends on failed).</summary>
    public string Outcome { get; internal set; }

    /// <summary>The steps that must succeed first: a service waits for its connections, a policy for the
    /// connections that used it.</summary>
    public IReadOnlyList<TeardownStep> DependsOn { get; }

    /// <summary>"IKE policy 'ike1' (id)", as ShouldProcess and messages show it.</summary>
    public string Target => string.IsNullOrEmpty(Name) ? $"{Kind} {Id}" : $"{Kind} '{Name}' ({Id})";

    internal Task DeleteAsync(OpenStackSession session, ILogSink log, CancellationToken cancel)
        => _delete(session, log, cancel);
}

/// <summary>
/// Tearing a VPN service down in the order Neutron allows: its connections, then the service, then (if asked) the
/// IKE and IPsec policies and endpoint groups those connections used and nothing else uses.
/// </summary>
public static class Teardown
{
    /// <summary>The plan, in order; kept objects are in it too, with the reason.</summary>
    public static async Task<IReadOnlyList<TeardownStep>> PlanAsync(OpenStackSession session, VpnService service,
        bool includePolicies, bool includeEndpointGroups, ILogSink log, CancellationToken cancel)
    {
        var connections = await ResourceClient.ListAllAsync(session, VpnResources.IpsecSiteConnection,
            new ListQuery().Where("vpnservice_id", service.Id), log, cancel).ConfigureAwait(false);
        var removed = new HashSet<string>(connections.Select(c => c.Id), StringComparer.Ordinal);
        var steps = connections
            .Select(c
                => new TeardownStep(VpnResources.IpsecSiteConnection.DisplayName, c, true,
                $"a connection of VPN service '{service.Name}'", Array.Empty<TeardownStep>(),
                Deleter(VpnResources.IpsecSiteConnection, c.Id)))
            .ToList();
        var connectionSteps = steps.ToList();
        steps.Add(
            new TeardownStep(VpnResources.VpnService.DisplayName, service, true,
            connections.Count == 0 ? "the service (it has no connections)"
            : $"the service, after its {connections.Count} connection(s)", connectionSteps,
            Deleter(VpnResources.VpnService, service.Id)));

        await AddSharedAsync(steps, session, VpnResources.IkePolicy, "ikepolicy_id", c => c.IkePolicyId,
            includePolicies, "-IncludePolicies", connections, connectionSteps, removed, log,
            cancel).ConfigureAwait(false);
        await AddSharedAsync(steps, session, VpnResources.IpsecPolicy, "ipsecpolicy_id", c => c.IpsecPolicyId,
            includePolicies, "-IncludePolicies", connections, connectionSteps, removed, log,
            cancel).ConfigureAwait(false);
        await AddSharedAsync(steps, session, VpnResources.VpnEndpointGroup, "local_ep_group_id",
            c => c.LocalEndpointGroupId, includeEndpointGroups, "-IncludeEndpointGroups", connections, connectionSteps,
            removed, log, cancel).ConfigureAwait(false);
        await AddSharedAsync(steps, session, VpnResources.VpnEndpointGroup, "peer_ep_group_id",
            c => c.PeerEndpointGroupId, includeEndpointGroups, "-IncludeEndpointGroups", connections, connectionSteps,
            removed, log, cancel).ConfigureAwait(false);
        return steps;
    }

    /// <summary>
    /// Carries out one step: a step whose dependency failed (or was not tried) is not tried either, so nothing is
    /// removed while something that uses it may still be there. Returns the error, if the delete failed.
    /// </summary>
    public static async Task<OpenStackException?> RunAsync(TeardownStep step, OpenStackSession session, ILogSink log,
        CancellationToken cancel)
    {
        var blocker = step.DependsOn.FirstOrDefault(d => d.Outcome is "Failed" or "NotTried" or "Skipped");
        if (blocker != null)
        {
            step.Outcome = "NotTried";
            step.Reason = $"{blocker.Target} was not removed ({blocker.Outcome})";
            return null;
        }

        try
        {
            await step.DeleteAsync(session, log, cancel).ConfigureAwait(false);
            step.Outcome = "Removed";
            return null;
        }
        catch (OpenStackException e)
        {
            step.Outcome = "Failed";
            step.Reason = e.Message;
            return e;
        }
    }

    /// <summary>Marks a step the user declined (a "no" at the prompt): what depends on it is not tried.</summary>
    public static void Skip(TeardownStep step, string reason)
    {
        step.Outcome = "Skipped";
        step.Reason = reason;
    }

    // A policy or group the connections used: removed when asked and no other connection uses it,
    // kept otherwise, with the reason.
    private static async Task AddSharedAsync<T>(List<TeardownStep> steps, OpenStackSession session,
        ResourceKind<T> kind, string column, Func<IpsecSiteConnection, string?> reference, bool include, string option,
        List<IpsecSiteConnection> connections, List<TeardownStep> connectionSteps, HashSet<string> removed,
            ILogSink log, CancellationToken cancel)
        where T : NeutronResource
    {
        // A local group is of type subnet and a peer group of type cidr, so no group is reached through both columns.
        foreach (
            var id in connections.Select(reference).Where(id => !string.IsNullOrEmpty(id)).Distinct(
            StringComparer.Ordinal))
        {
            var target = await ResourceClient.GetAsync(session, kind, id!, new[] { "id", "name" }, log,
                cancel).ConfigureAwait(false);
            var users = connectionSteps.Where((_, i) => reference(connections[i]) == id).ToList();
            if (!include)
            {
                steps.Add(
                    new TeardownStep(kind.DisplayName, target, false, $"{option} was not given", users,
                    Deleter(kind, id!)));
                continue;
            }

            var query = new ListQuery().Where(column, id!);
            query.Fields.Add("name");
            var others =
                (await ResourceClient.ListAllAsync(session, VpnResources.IpsecSiteConnection, query, log,
                cancel).ConfigureAwait(false))
                .Where(c => !removed.Contains(c.Id))
                .ToList();

            steps.Add(others.Count == 0
                ? new TeardownStep(kind.DisplayName, target, true, "used only by the connections removed here", users,
                    Deleter(kind, id!))
                : new TeardownStep(kind.DisplayName, target, false,
                    $"still used by " +
                    $"{string.Join(", ", others.Select(o => $"IPsec site connection '{o.Name}' ({o.Id})").Distinct())}",
                    users, Deleter(kind, id!)));
        }
    }

    private static Func<OpenStackSession, ILogSink, CancellationToken, Task> Deleter<T>(ResourceKind<T> kind, string id)
        where T : NeutronResource =>
        (session, log, cancel) => ResourceClient.DeleteAsync(session, kind, id, log, cancel);
}
