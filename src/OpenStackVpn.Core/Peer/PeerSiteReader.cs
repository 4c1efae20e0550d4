using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Core.Peer;

/// <summary>Reads a connection and everything the peer's side depends on, through the generic resource path.</summary>
public static class PeerSiteReader
{
    /// <summary>The connection (with its PSK, which the owner may read), its service, policies,
    /// and both sides' CIDRs.</summary>
    public static async Task<PeerSite> ReadAsync(OpenStackSession session, string connectionId, ILogSink log,
        CancellationToken cancel)
    {
        var connection = await ResourceClient.GetAsync(session, VpnResources.IpsecSiteConnection, connectionId, null,
            log, cancel).ConfigureAwait(false);
        var service = await ResourceClient.GetAsync(session, VpnResources.VpnService, connection.VpnServiceId ?? "",
            null, log, cancel).ConfigureAwait(false);
        var ike = await ResourceClient.GetAsync(session, VpnResources.IkePolicy, connection.IkePolicyId ?? "", null,
            log, cancel).ConfigureAwait(false);
        var ipsec = await ResourceClient.GetAsync(session, VpnResources.IpsecPolicy, connection.IpsecPolicyId ?? "",
            null, log, cancel).ConfigureAwait(false);
        IReadOnlyList<string> local;
        if (service.SubnetId != null)
        {
            local =
                new[] { (
                await ResourceClient.GetAsync(session, VpnResources.Subnet, service.SubnetId, null, log,
                cancel).ConfigureAwait(false)).Cidr ?? "" };
        }
        else
        {
            local = await GroupCidrsAsync(session, connection.LocalEndpointGroupId, log, cancel).ConfigureAwait(false);
        }

        var peer = connection.PeerCidrs is { Length: > 0 } cidrs
            ? cidrs
            : await GroupCidrsAsync(session, connection.PeerEndpointGroupId, log, cancel).ConfigureAwait(false);
        return new PeerSite(connection, service, ike, ipsec, local, peer);
    }

    /// <summary>An endpoint group's CIDRs: a cidr group as it is, a subnet group resolved
    /// to its subnets' CIDRs.</summary>
    internal static async Task<IReadOnlyList<string>> GroupCidrsAsync(OpenStackSession session, string? groupId,
        ILogSink log, CancellationToken cancel)
    {
        if (string.IsNullOrEmpty(groupId))
        {
            return System.Array.Empty<string>();
        }

        var group = await ResourceClient.GetAsync(session, VpnResources.VpnEndpointGroup, groupId!, null, log,
            cancel).ConfigureAwait(false);
        if (group.Type != "subnet")
        {
            return group.Endpoints?.ToArray() ?? System.Array.Empty<string>();
        }

        var result = new List<string>();
        foreach (var subnetId in group.Endpoints ?? Enumerable.Empty<string>())
        {
            result.Add(
                (await ResourceClient.GetAsync(session, VpnResources.Subnet, subnetId, null, log,
                cancel).ConfigureAwait(false)).Cidr ?? "");
        }

        return result;
    }
}
