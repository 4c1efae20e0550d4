using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Http;
using OpenStackVpn.Embedded.Network.Topology;

namespace OpenStackVpn.Embedded.Network;

/// <summary>
/// The caller's own networks, subnets and routers (<see cref="EmbeddedCloudOptions.Topology"/>), made after the lab's
/// seed
/// through the same rules a POST and an add_router_interface go through. The text is JSON:
/// <c>{"networks": [{"name", "external"}], "subnets": [{"name", "network", "cidr", "gateway_ip"}],
/// "routers": [{"name", "external_network", "subnets": [...]}]}</c>; a reference is a name (unique among what exists by
/// then) or an id, "project" is admin (default) or member, and any other key is sent to Neutron as it is.
/// </summary>
internal sealed class TopologySeeder
{
    private readonly NetworkState _state;
    private readonly ResourceApi _api;
    private readonly EmbeddedSeed _seed;
    private readonly Func<string, ResourceKind> _kinds;

    public TopologySeeder(NetworkState state, ResourceApi api, EmbeddedSeed seed, Func<string, ResourceKind> kinds)
    {
        _state = state;
        _api = api;
        _seed = seed;
        _kinds = kinds;
    }

    /// <summary>Makes what <paramref name="topology"/> describes; a description Neutron refuses is an <see
    /// cref="ArgumentException"/>.</summary>
    public void Seed(string? topology)
    {
        try
        {
            Make(topology);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message, nameof(topology), e);
        }
    }

    private void Make(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return;
        }

        JObject topology;
        try
        {
            topology = JsonText.Parse(json!) as JObject ?? throw Refused("the seed", "it is not a JSON object");
        }
        catch (JsonException e)
        {
            throw Refused("the seed", "it is not JSON: " + e.Message);
        }

        var unknown = topology.Properties().Select(p => p.Name)
            .Except(new[] { "networks", "subnets", "routers" }).ToList();
        if (unknown.Count > 0)
        {
            throw Refused("the seed", $"'{unknown[0]}' is not networks, subnets or routers");
        }

        Each(topology, "networks", Network);
        Each(topology, "subnets", Subnet);
        Each(topology, "routers", Router);
    }

    private static void Each(JObject topology, string key, Action<JObject, string> make)
    {
        var items = topology[key] switch
        {
            null => new JArray(),
            JArray list => list,
            JObject one => new JArray(one),
            _ => throw Refused(key, "it is not a list of objects"),
        };
        for (var i = 0; i < items.Count; i++)
        {
            var where = $"{key}[{i}]";
            var item = items[i] as JObject ?? throw Refused(where, "it is not an object");
            make((JObject)item.DeepClone(), where + (item.Value<string>("name") is { } name ? $" '{name}'" : ""));
        }
    }

    private void Network(JObject body, string where)
    {
        Rename(body, "external", "router:external");
        Create(Collections.Networks, body, where);
    }

    private void Subnet(JObject body, string where)
    {
        if (body["network"] is { } network)
        {
            body.Remove("network");
            body["network_id"] = Find(Collections.Networks, network, where, "network");
        }

        if (body["ip_version"] == null && body.Value<string>("cidr") is { } cidr)
        {
            body["ip_version"] = cidr.Contains(':') ? 6 : 4;
        }

        Create(Collections.Subnets, body, where);
    }

    private void Router(JObject body, string where)
    {
        if (body["external_network"] is { } external)
        {
            body.Remove("external_network");
            body["external_gateway_info"] = new JObject
            {
                ["network_id"] = Find(Collections.Networks, external, where, "external_network"),
            };
        }

        var subnets = body["subnets"] switch
        {
            null => new List<JToken>(),
            JArray list => list.ToList(),
            var one => new List<JToken> { one },
        };
        body.Remove("subnets");
        var (router, context) = Create(Collections.Routers, body, where);
        foreach (var subnet in subnets)
        {
            var request = new JObject { ["subnet_id"] = Find(Collections.Subnets, subnet, where, "subnets") };
            Neutron(where, () => _api.RouterAction(_kinds(Collections.Routers), router.Id, "add_router_interface",
                new CloudRequest("PUT", EmbeddedCloud.InProcessBaseUri, new Dictionary<string, string>(),
                    request.ToString(), CancellationToken.None), context));
        }
    }

    private (StoredObject Row, NeutronContext Context) Create(string collection, JObject body, string where)
    {
        var project = body.Value<string>("project") ?? "admin";
        body.Remove("project");
        var context = project switch
        {
            "admin" => new NeutronContext(_seed.AdminProjectId, isAdmin: true),
            "member" => new NeutronContext(_seed.MemberProjectId, isAdmin: false),
            _ => throw Refused(where, $"project '{project}' is not admin or member"),
        };
        var type = _kinds(collection);
        var row = Neutron(where, () => _api.Insert(type, new JObject { [type.Singular] = body }.ToString(), context));
        return (row, context);
    }

    // A reference by id, or by a name exactly one object of the collection has.
    private string Find(string collection, JToken reference, string where, string key)
    {
        var text = reference.Type == JTokenType.String ? (string)reference! : "";
        var rows = _state.Store.All(collection).Where(row => row.Id == text || row.Text("name") == text).ToList();
        return rows.Count switch
        {
            1 => rows[0].Id,
            0 => throw Refused(where, $"{key}: there is no {collection.TrimEnd('s')} '{text}'"),
            _ => throw Refused(where, $"{key}: {rows.Count} {collection} are named '{text}'; give an id"),
        };
    }

    private static T Neutron<T>(string where, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (NeutronError e)
        {
            throw Refused(where, $"Neutron refuses it ({e.Type}): {e.Message}");
        }
    }

    private static void Rename(JObject body, string from, string to)
    {
        if (body[from] is { } value)
        {
            body.Remove(from);
            body[to] = value;
        }
    }

    private static ArgumentException Refused(string where, string reason) =>
        new($"{where}: {reason.TrimEnd('.')}.");
}
