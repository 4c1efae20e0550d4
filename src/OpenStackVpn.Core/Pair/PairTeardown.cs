using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Core.Pair;

/// <summary>
/// Removing a site pair from both ends: on each, its connection, then its VPN service when no other connection uses
/// it, then the policies and the peer endpoint group nothing else uses. A local endpoint group is kept: it was given,
/// not made. Both ends' connections go first, then the services, then the rest.
/// </summary>
public static class PairTeardown
{
    /// <summary>The plan of both ends, in order, with the session each step runs in.</summary>
    public static async Task<IReadOnlyList<(OpenStackSession Session, TeardownStep Step)>> PlanAsync(
        IReadOnlyList<(OpenStackSession Session, string ConnectionId)> ends, ILogSink log, CancellationToken cancel)
    {
        var all = new List<(OpenStackSession, TeardownStep)>();
        foreach (var (session, connectionId) in ends)
        {
            foreach (var step in await PlanEndAsync(session, connectionId, log, cancel).ConfigureAwait(false))
            {
                all.Add((session, step));
            }
        }

        return all.OrderBy(s => Rank(s.Item2.Kind)).ToList();
    }

    private static async Task<IEnumerable<TeardownStep>> PlanEndAsync(OpenStackSession session, string connectionId,
        ILogSink log, CancellationToken cancel)
    {
        var connection = await ResourceClient.GetAsync(session, VpnResources.IpsecSiteConnection, connectionId, null,
            log,
            cancel).ConfigureAwait(false);
        connection.ForgetSecrets();
        var service = await ResourceClient.GetAsync(session, VpnResources.VpnService, connection.VpnServiceId ?? "",
            null,
            log, cancel).ConfigureAwait(false);
        var siblings = await ResourceClient.ListAllAsync(session, VpnResources.IpsecSiteConnection,
            new ListQuery().Where("vpnservice_id", service.Id), log, cancel).ConfigureAwait(false);
        if (siblings.Any(c => c.Id != connection.Id))
        {
            // The service serves other peers too: only this connection goes.
            var kind = VpnResources.IpsecSiteConnection;
            return new[]
            {
                new TeardownStep(kind.DisplayName, connection, true, "the pair's connection",
                    Array.Empty<TeardownStep>(),
                    (s, l, c) => ResourceClient.DeleteAsync(s, kind, connection.Id, l, c)),
                new TeardownStep(VpnResources.VpnService.DisplayName, service, false,
                    "it has other connections, so it is kept with its policies", Array.Empty<TeardownStep>(),
                    (s, l, c) => ResourceClient.DeleteAsync(s, VpnResources.VpnService, service.Id, l, c)),
            };
        }

        var steps = await Teardown.PlanAsync(session, service, true, true, log, cancel).ConfigureAwait(false);
        return steps.Select(step => step.Remove && step.Id == connection.LocalEndpointGroupId
            ? new TeardownStep(step.Kind, new VpnEndpointGroup { Id = step.Id, Name = step.Name }, false,
                "the local endpoint group was given to the pair, not made for it", step.DependsOn,
                (s, l, c) => Task.CompletedTask)
            : step);
    }

    private static int Rank(string kind) =>
        kind == VpnResources.IpsecSiteConnection.DisplayName ? 0 : kind == VpnResources.VpnService.DisplayName ? 1 : 2;
}
