using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Core.Diagram;

/// <summary>
/// One session's VPN estate as the API shows it: its VPN services, their routers and connections, and the CIDRs of
/// the subnets and endpoint groups they use. Read with one list per resource, whatever the estate's size.
/// </summary>
public sealed class EstateSite
{
    private EstateSite(string label, IReadOnlyList<VpnService> services, IReadOnlyList<IpsecSiteConnection> connections,
        IReadOnlyDictionary<string, Router> routers, IReadOnlyDictionary<string, string> subnetCidrs,
        IReadOnlyDictionary<string, VpnEndpointGroup> groups)
    {
        Label = label;
        Services = services;
        Connections = connections;
        Routers = routers;
        SubnetCidrs = subnetCidrs;
        Groups = groups;
    }

    /// <summary>How the picture names this cloud: its project and Keystone.</summary>
    public string Label { get; }

    /// <summary>The VPN services.</summary>
    public IReadOnlyList<VpnService> Services { get; }

    /// <summary>The connections (their keys dropped).</summary>
    public IReadOnlyList<IpsecSiteConnection> Connections { get; }

    /// <summary>The routers, by id.</summary>
    public IReadOnlyDictionary<string, Router> Routers { get; }

    /// <summary>The subnets' CIDRs, by subnet id.</summary>
    public IReadOnlyDictionary<string, string> SubnetCidrs { get; }

    /// <summary>The endpoint groups, by id.</summary>
    public IReadOnlyDictionary<string, VpnEndpointGroup> Groups { get; }

    /// <summary>The networks behind a service for one connection: the service's subnet, or the local group's
    /// CIDRs.</summary>
    public IReadOnlyList<string> LocalCidrs(VpnService service, IpsecSiteConnection? connection)
    {
        if (service.SubnetId != null)
        {
            return new[] { SubnetCidrs.TryGetValue(service.SubnetId, out var cidr) ? cidr : service.SubnetId };
        }

        return GroupCidrs(connection?.LocalEndpointGroupId);
    }

    /// <summary>The peer's networks of a connection: its peer CIDRs, or the peer group's.</summary>
    public IReadOnlyList<string> PeerCidrs(IpsecSiteConnection connection) =>
        connection.PeerCidrs is { Length: > 0 } cidrs ? cidrs : GroupCidrs(connection.PeerEndpointGroupId);

    /// <summary>Reads one session's estate: services, connections, routers, subnets and endpoint groups, a list
    /// each.</summary>
    public static async Task<EstateSite> ReadAsync(OpenStackSession session, ILogSink log, CancellationToken cancel)
    {
        var services = await ResourceClient.ListAllAsync(session, VpnResources.VpnService, new ListQuery(), log, cancel)
            .ConfigureAwait(false);
        var connections = await ResourceClient.ListAllAsync(session, VpnResources.IpsecSiteConnection, new ListQuery(),
            log, cancel).ConfigureAwait(false);
        connections.ForEach(c => c.ForgetSecrets());
        var routers = await ResourceClient.ListAllAsync(session, VpnResources.Router, new ListQuery(), log, cancel)
            .ConfigureAwait(false);
        var subnets = await ResourceClient.ListAllAsync(session, VpnResources.Subnet, new ListQuery(), log, cancel)
            .ConfigureAwait(false);
        var groups = await ResourceClient.ListAllAsync(session, VpnResources.VpnEndpointGroup, new ListQuery(), log,
            cancel).ConfigureAwait(false);
        var label = $"project {session.ProjectName} at {session.AuthUrl}";
        var cidrs = subnets.ToDictionary(s => s.Id, s => s.Cidr ?? s.Id);
        return new EstateSite(label, services, connections, ById(routers), cidrs, ById(groups));
    }

    private IReadOnlyList<string> GroupCidrs(string? groupId)
    {
        if (groupId == null || !Groups.TryGetValue(groupId, out var group))
        {
            return System.Array.Empty<string>();
        }

        IReadOnlyList<string> endpoints = group.Endpoints ?? (IReadOnlyList<string>)System.Array.Empty<string>();
        return group.Type == "subnet"
            ? endpoints.Select(id => SubnetCidrs.TryGetValue(id, out var cidr) ? cidr : id).ToList()
            : endpoints;
    }

    private static Dictionary<string, T> ById<T>(IEnumerable<T> items) where T : NeutronResource =>
        items.GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.First());
}
