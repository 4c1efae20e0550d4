using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Diagram;

/// <summary>How a diagram groups a large estate.</summary>
public enum DiagramGrouping
{
    /// <summary>A box per cloud and per router; every connection is its own line.</summary>
    Router,

    /// <summary>As Router, but the connections of a service to one peer are one line, with their count and worst
    /// status.</summary>
    Peer,

    /// <summary>
    /// For thousands of peers: a service's ACTIVE connections to peers outside the picture are one node with their
    /// count;
    /// every other connection (DOWN, ERROR, pending, or to a cloud in the picture) is still drawn on its own.
    /// </summary>
    Status,
}

/// <summary>What a node of the picture stands for.</summary>
public enum DiagramNodeKind
{
    /// <summary>A VPN service, labelled with its public address.</summary>
    Service,

    /// <summary>A network behind a router (a CIDR).</summary>
    Network,

    /// <summary>A peer gateway that is not a VPN service of a cloud in the picture.</summary>
    Peer,
}

/// <summary>A node: its id in the picture, the object id it stands for, its text and its status.</summary>
public sealed record DiagramNode(
    string Key, string? ObjectId, DiagramNodeKind Kind, IReadOnlyList<string> Lines, string? Status);

/// <summary>A line: a connection (or, grouped by peer, several) from a service to its peer, or a service to a
/// network.</summary>
public sealed record DiagramEdge(
    string From, string To, string? ObjectId, string? Label, string? Status, bool IsConnection);

/// <summary>A box: a cloud, or a router within one.</summary>
public sealed record DiagramCluster(
    string Key, string Label, IReadOnlyList<string> Nodes, IReadOnlyList<DiagramCluster> Children);

/// <summary>
/// The VPN estate of one or more clouds as a graph, independent of the drawing language: boxes for clouds and routers,
/// services with their public addresses, the networks behind them, peers, and connections coloured by status. A peer
/// whose address is a service of a cloud in the picture is that service, so a pair's two clouds meet in one picture.
/// </summary>
public sealed class VpnGraph
{
    private readonly Dictionary<string, DiagramNode> _nodes = new(StringComparer.Ordinal);
    private readonly List<DiagramEdge> _edges = new();
    private readonly List<DiagramCluster> _clusters = new();

    /// <summary>The statuses the picture tells apart, with their colour (and the colour of anything else
    /// last).</summary>
    public static readonly IReadOnlyList<(string Status, string Colour)> Legend = new[]
    {
        ("ACTIVE", "#2e7d32"), ("DOWN", "#757575"), ("ERROR", "#c62828"), ("PENDING_*", "#ef6c00"),
        ("other", "#5c6bc0"),
    };

    /// <summary>Every node, boxed or not.</summary>
    public IReadOnlyCollection<DiagramNode> Nodes => _nodes.Values;

    /// <summary>Every line.</summary>
    public IReadOnlyList<DiagramEdge> Edges => _edges;

    /// <summary>The boxes: one per cloud, a router box inside for each router with a VPN service.</summary>
    public IReadOnlyList<DiagramCluster> Clusters => _clusters;

    /// <summary>The colour of a status: ACTIVE green, DOWN grey, ERROR red, PENDING_* (and BUILD) orange.</summary>
    public static string Colour(string? status) => status switch
    {
        "ACTIVE" => Legend[0].Colour,
        "DOWN" => Legend[1].Colour,
        "ERROR" => Legend[2].Colour,
        "BUILD" => Legend[3].Colour,
        _ when status?.StartsWith("PENDING_", StringComparison.Ordinal) == true => Legend[3].Colour,
        _ => Legend[4].Colour,
    };

    /// <summary>The picture of <paramref name="sites"/>.</summary>
    public static VpnGraph Build(IReadOnlyList<EstateSite> sites, DiagramGrouping grouping)
    {
        var graph = new VpnGraph();
        // Each public address, with the services behind it and the peers each of those connects to.
        var services = sites.SelectMany(site => site.Services.Select(service => (Service: service,
                Peers: new HashSet<string>(site.Connections.Where(c => c.VpnServiceId == service.Id)
                    .Select(c => c.PeerAddress ?? ""), StringComparer.Ordinal))))
            .SelectMany(s => new[] { s.Service.ExternalV4Ip, s.Service.ExternalV6Ip }
                .Where(a => !string.IsNullOrEmpty(a))
                .Select(a => (Address: a!, Key: ServiceKey(s.Service), s.Peers)))
            .ToLookup(s => s.Address, s => (s.Key, s.Peers), StringComparer.Ordinal);
        for (var i = 0; i < sites.Count; i++)
        {
            graph.AddSite(sites[i], i, services, grouping);
        }

        return graph;
    }

    private void AddSite(EstateSite site, int index,
        ILookup<string, (string Key, HashSet<string> Peers)> serviceByAddress,
        DiagramGrouping grouping)
    {
        var routers = new List<DiagramCluster>();
        var connections = site.Connections.ToLookup(c => c.VpnServiceId ?? "");
        foreach (var byRouter in site.Services.GroupBy(s => s.RouterId ?? ""))
        {
            var members = new List<string>();
            foreach (var service in byRouter)
            {
                var key = ServiceKey(service);
                var address = service.ExternalV4Ip ?? service.ExternalV6Ip ?? "no public address";
                _nodes[key] = new DiagramNode(key, service.Id, DiagramNodeKind.Service,
                    new[] { $"VPN service {service.Name}", address, service.Status ?? "" }, service.Status);
                members.Add(key);
                var mine = connections[service.Id].ToList();
                var networks = mine.Count == 0
                    ? site.LocalCidrs(service, null)
                    : mine.SelectMany(c => site.LocalCidrs(service, c));
                foreach (var cidr in networks.Distinct(StringComparer.Ordinal))
                {
                    var network = Key("n", Text(index), cidr);
                    if (!_nodes.ContainsKey(network))
                    {
                        _nodes[network] = new DiagramNode(network, null, DiagramNodeKind.Network, new[] { cidr }, null);
                        members.Add(network);
                    }

                    _edges.Add(new DiagramEdge(key, network, null, null, null, false));
                }

                AddConnections(site, index, key, address, mine, serviceByAddress, grouping);
            }

            var name = site.Routers.TryGetValue(byRouter.Key, out var router) ? router.Name : byRouter.Key;
            routers.Add(new DiagramCluster(Key("r", Text(index), byRouter.Key),
                $"router {name}", members, Array.Empty<DiagramCluster>()));
        }

        _clusters.Add(new DiagramCluster(Key("c", Text(index)), site.Label,
            Array.Empty<string>(), routers));
    }

    private void AddConnections(EstateSite site, int index, string service, string address,
        List<IpsecSiteConnection> connections,
        ILookup<string, (string Key, HashSet<string> Peers)> serviceByAddress, DiagramGrouping grouping)
    {
        var targets = connections
            .Select(c => (Connection: c, Target: Target(site, index, c, address, serviceByAddress))).ToList();
        if (grouping == DiagramGrouping.Status)
        {
            var healthy = targets
                .Where(t => t.Connection.Status == "ACTIVE" && t.Target.StartsWith("p_", StringComparison.Ordinal))
                .ToList();
            if (healthy.Count > 1)
            {
                healthy.ForEach(t => _nodes.Remove(t.Target));
                var summary = "a_" + service;
                var range = $"{healthy.First().Connection.PeerAddress} ... {healthy.Last().Connection.PeerAddress}";
                _nodes[summary] = new DiagramNode(summary, null, DiagramNodeKind.Peer,
                    new[] { $"{healthy.Count} peers", range }, "ACTIVE");
                _edges.Add(new DiagramEdge(service, summary, null, $"{healthy.Count} connections", "ACTIVE", true));
                targets = targets.Except(healthy).ToList();
            }

            grouping = DiagramGrouping.Router;
        }

        if (grouping == DiagramGrouping.Router)
        {
            foreach (var (c, target) in targets)
            {
                _edges.Add(new DiagramEdge(service, target, c.Id, c.Name ?? c.Id, c.Status, true));
            }

            return;
        }

        foreach (var group in targets.GroupBy(t => t.Target))
        {
            var statuses = group.GroupBy(t => t.Connection.Status ?? "?").Select(g => $"{g.Count()} {g.Key}");
            var worst = group.Select(t => t.Connection.Status).OrderBy(Rank).First();
            var one = group.Count() == 1 ? group.First().Connection : null;
            var label = one?.Name ?? $"{group.Count()} connections: {string.Join(", ", statuses)}";
            _edges.Add(new DiagramEdge(service, group.Key, one?.Id, label, worst, true));
        }
    }

    // The peer's node: a service of a cloud in the picture (the one that connects back, when an address has several),
    // or a peer node of its own (one per address and cloud).
    private string Target(EstateSite site, int index, IpsecSiteConnection c, string from,
        ILookup<string, (string Key, HashSet<string> Peers)> serviceByAddress)
    {
        var address = c.PeerAddress ?? "";
        var candidates = serviceByAddress[address].ToList();
        if (candidates.Count > 0)
        {
            return candidates.FirstOrDefault(s => s.Peers.Contains(from)).Key ?? candidates[0].Key;
        }

        var key = Key("p", Text(index), address);
        var cidrs = site.PeerCidrs(c);
        if (_nodes.TryGetValue(key, out var known))
        {
            cidrs = known.Lines.Skip(1).Union(cidrs, StringComparer.Ordinal).ToList();
        }

        var lines = new[] { $"peer {address}" }.Concat(cidrs).ToList();
        _nodes[key] = new DiagramNode(key, null, DiagramNodeKind.Peer, lines, null);
        return key;
    }

    // Worst first: ERROR, DOWN, pending, other, ACTIVE.
    private static int Rank(string? status) => status switch
    {
        "ERROR" => 0,
        "DOWN" => 1,
        "ACTIVE" => 4,
        _ when status?.StartsWith("PENDING_", StringComparison.Ordinal) == true => 2,
        _ => 3,
    };

    private static string ServiceKey(VpnService service) => Key("s", service.Id);

    // Ids both Dot and Mermaid take without quoting: letters, digits and underscores.
    private static string Key(params string[] parts) =>
        string.Join("_", parts.Select(p => new string(p.Select(Safe).ToArray())));

    private static char Safe(char ch) => char.IsLetterOrDigit(ch) && ch < 128 ? ch : '_';

    private static string Text(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
