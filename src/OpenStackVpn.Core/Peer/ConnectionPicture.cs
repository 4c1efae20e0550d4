using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Core.Peer;

/// <summary>What the API says about a connection and its surroundings: the <see cref="PeerSite"/>, its router, and the
/// router's other connections.</summary>
public sealed class ConnectionPicture
{
    internal ConnectionPicture(PeerSite site, Router? router, IReadOnlyList<string>? routerSubnetIds,
        IReadOnlyList<(IpsecSiteConnection Connection, IReadOnlyList<string> PeerCidrs)> others)
    {
        Site = site;
        Router = router;
        RouterSubnetIds = routerSubnetIds;
        Others = others;
    }

    /// <summary>The connection and what it refers to.</summary>
    public PeerSite Site { get; }

    /// <summary>The service's router, when it could be read.</summary>
    public Router? Router { get; }

    /// <summary>The subnets of the router's interfaces; null when the cloud does not show ports.</summary>
    public IReadOnlyList<string>? RouterSubnetIds { get; }

    /// <summary>The other connections of the services on the same router, with their peer CIDRs.</summary>
    public IReadOnlyList<(IpsecSiteConnection Connection, IReadOnlyList<string> PeerCidrs)> Others { get; }

    /// <summary>Reads the picture of one connection.</summary>
    public static async Task<ConnectionPicture> ReadAsync(OpenStackSession session, string connectionId, ILogSink log,
        CancellationToken cancel)
    {
        var site = await PeerSiteReader.ReadAsync(session, connectionId, log, cancel).ConfigureAwait(false);
        var routerId = site.Service.RouterId ?? "";
        Router? router = null;
        try
        {
            router = await ResourceClient.GetAsync(session, VpnResources.Router, routerId, null, log,
                cancel).ConfigureAwait(false);
        }
        catch (OpenStackException e) when (e.Kind is OpenStackErrorKind.NotFound or OpenStackErrorKind.PermissionDenied)
        {
        }

        IReadOnlyList<string>? routerSubnets = null;
        try
        {
            var ports = await ResourceClient.ListAllAsync(session, RouterPort.Kind,
                new ListQuery().Where("device_id", routerId), log, cancel).ConfigureAwait(false);
            routerSubnets =
                ports.Where(p => p.DeviceOwner == "network:router_interface" || p.DeviceOwner
                == "network:router_interface_distributed")
                .SelectMany(p => p.SubnetIds).ToList();
        }
        catch (OpenStackException e) when (e.Kind is OpenStackErrorKind.NotFound or OpenStackErrorKind.PermissionDenied)
        {
            // A cloud (or the embedded one) that shows no ports: the check says it could not look.
        }

        var others = new List<(IpsecSiteConnection, IReadOnlyList<string>)>();
        var services = await ResourceClient.ListAllAsync(session, VpnResources.VpnService,
            new ListQuery().Where("router_id", routerId), log, cancel).ConfigureAwait(false);
        foreach (var service in services)
        {
            var connections = await ResourceClient.ListAllAsync(session, VpnResources.IpsecSiteConnection,
                new ListQuery().Where("vpnservice_id", service.Id), log, cancel).ConfigureAwait(false);
            foreach (var other in connections.Where(c => c.Id != site.Connection.Id))
            {
                var cidrs = other.PeerCidrs is { Length: > 0 } given
                    ? given
                    : await PeerSiteReader.GroupCidrsAsync(session, other.PeerEndpointGroupId, log,
                        cancel).ConfigureAwait(false);
                other.ForgetSecrets();
                others.Add((other, cidrs));
            }
        }

        return new ConnectionPicture(site, router, routerSubnets, others);
    }
}
