using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network.Topology;

/// <summary>
/// Routers: an external gateway (a port on an external network, with an address from its subnet) and interfaces (ports
/// on subnets, see <see cref="RouterInterfaces"/>). VPNaaS holds on to both: a router with VPN services keeps its
/// gateway.
/// </summary>
internal sealed class RouterKind : ResourceKind
{
    public RouterKind()
        : base(Collections.Routers, "router", "routers", false, AttributeMap(),
            TopologyColumns.Filters("admin_state_up", "status", "flavor_id"))
    {
    }

    public static NeutronError Missing(string id) =>
        NeutronError.Typed(404, "RouterNotFound", $"Router {id} could not be found");

    public override NeutronError NotFound(string id) => Missing(id);

    protected override IReadOnlyList<string> AdminOnlyInView { get; } = new[] { "distributed", "ha" };

    public override JObject NewRow(string id, JObject request, NetworkState state, NeutronContext context)
    {
        Policy.AdminOnly(this, "create_router", request, context, "distributed", "ha");
        var data = new JObject
        {
            ["id"] = id,
            ["name"] = request["name"],
            ["tenant_id"] = request["tenant_id"],
            ["admin_state_up"] = request["admin_state_up"],
            ["status"] = "ACTIVE",
            ["external_gateway_info"] = null,
            ["description"] = request["description"],
            ["availability_zones"] = new JArray(),
            ["distributed"] = request["distributed"],
            ["ha"] = request["ha"],
            ["availability_zone_hints"] = request["availability_zone_hints"],
            ["routes"] = new JArray(),
            ["flavor_id"] = request["flavor_id"],
            ["tags"] = new JArray(),
        };
        Times.Stamp(data, state, 1);
        data["project_id"] = request["project_id"];
        if (request["external_gateway_info"] is JObject { Count: > 0 } gateway)
        {
            data["external_gateway_info"] = SetGateway(id, gateway, state, context, "create_router");
        }

        return data;
    }

    public override void Update(StoredObject row, JObject changes, NetworkState state, NeutronContext context)
    {
        Policy.AdminOnly(this, "update_router", changes, context, "distributed", "ha");
        if (changes.ContainsKey("external_gateway_info"))
        {
            var wanted = changes["external_gateway_info"] as JObject;
            var network = wanted?.Value<string>("network_id");
            if (network != (string?)row.Data.SelectToken("external_gateway_info.network_id"))
            {
                if (HasGateway(row))
                {
                    RefuseWhileVpnServices(row, state);
                    ClearGateway(row, state);
                }

                if (network != null)
                {
                    row.Data["external_gateway_info"] = SetGateway(row.Id, wanted!, state, context, "update_router");
                }
            }
            else if (wanted?["enable_snat"] is { } snat && HasGateway(row))
            {
                row.Data["external_gateway_info"]!["enable_snat"] = snat;
            }

            changes.Remove("external_gateway_info");
        }

        Assign(row.Data, changes);
        Times.Touch(row.Data, state);
    }

    public override void CheckDelete(StoredObject row, NetworkState state)
    {
        var interfaces = Ports.OfDevice(state, row.Id, Ports.RouterInterface).Select(p => p.Id).ToList();
        if (interfaces.Count > 0)
        {
            throw NeutronError.Typed(409, "RouterInUse",
                $"Router {row.Id} has ports still attached: {string.Join(", ", interfaces)}");
        }

        RefuseWhileVpnServices(row, state);
        ClearGateway(row, state);
    }

    /// <summary>The router's external fixed IPs.</summary>
    public static IEnumerable<string> GatewayAddresses(StoredObject router) =>
        router.Data.SelectToken("external_gateway_info.external_fixed_ips") is JArray ips
            ? ips.Select(ip => ip.Value<string>("ip_address")).OfType<string>()
            : Enumerable.Empty<string>();

    public static bool HasGateway(StoredObject router) => router.Data["external_gateway_info"] is JObject;

    /// <summary>True when the router has an interface (a port) on the subnet.</summary>
    public static bool IsAttached(NetworkState state, StoredObject router, string? subnetId) =>
        Ports.OfDevice(state, router.Id, Ports.RouterInterface).Any(p => Ports.SubnetIds(p).Contains(subnetId));

    /// <summary>VPNaaS refuses to take the gateway from under a VPN service (and to delete its router).</summary>
    private static void RefuseWhileVpnServices(StoredObject router, NetworkState state)
    {
        if (state.Store.All(Collections.VpnServices)
            .FirstOrDefault(s => s.Text("router_id") == router.Id) is { } service)
        {
            throw NeutronError.Typed(409, "RouterInUse",
                $"Router {router.Id} is currently used by VPN service ({service.Id})");
        }
    }

    /// <summary>
    /// A gateway port on the external network, with the first free address of its first subnet of each IP version.
    /// </summary>
    private static JObject SetGateway(
        string routerId, JObject wanted, NetworkState state, NeutronContext context, string action)
    {
        if (!context.IsAdmin && wanted.ContainsKey("external_fixed_ips"))
        {
            throw NeutronError.Typed(403, "PolicyNotAuthorized",
                $"(rule:{action} and (rule:{action}:external_gateway_info and "
                    + $"(rule:{action}:external_gateway_info:network_id and "
                    + $"rule:{action}:external_gateway_info:external_fixed_ips))) is disallowed by policy");
        }

        var networkId = (string)wanted["network_id"]!;
        var network = state.Store.Find(Collections.Networks, networkId);
        if (network == null || !new NetworkKind().IsVisible(network, context))
        {
            throw NetworkKind.Missing(networkId);
        }

        if (!network.Data.Value<bool>("router:external"))
        {
            throw NeutronError.Typed(400, "BadRequest",
                $"Bad router request: Network {networkId} is not an external network.");
        }

        var subnets = state.Store.All(Collections.Subnets).Where(s => s.Text("network_id") == networkId)
            .GroupBy(s => s.Data.Value<int>("ip_version")).Select(g => g.First());
        var fixedIps = new JArray(subnets.Select(s => Ports.Allocate(state, s)));
        Ports.Add(state, "", networkId, routerId, Ports.RouterGateway, fixedIps);
        return new JObject
        {
            ["network_id"] = networkId,
            ["external_fixed_ips"] = fixedIps.DeepClone(),
            ["enable_snat"] = wanted["enable_snat"] ?? true,
        };
    }

    private static void ClearGateway(StoredObject router, NetworkState state)
    {
        foreach (var port in Ports.OfDevice(state, router.Id, Ports.RouterGateway).ToList())
        {
            state.Store.Remove(Collections.Ports, port.Id);
        }

        router.Data["external_gateway_info"] = null;
    }

    private static IEnumerable<AttributeSpec> AttributeMap()
    {
        foreach (var head in Attr.Head())
        {
            yield return head;
        }

        yield return Attr.AdminStateUp();
        yield return Attr.ReadOnly("status");
        yield return new AttributeSpec("external_gateway_info") { Default = JValue.CreateNull(), Validate = Gateway };
        yield return new AttributeSpec("distributed") { Default = false, Convert = Converters.ToBoolean };
        yield return new AttributeSpec("ha") { Default = false, Convert = Converters.ToBoolean };
        yield return new AttributeSpec("availability_zone_hints") { AllowPut = false, Default = new JArray(),
            Convert = Converters.ToList };
        yield return new AttributeSpec("routes") { AllowPost = false, Convert = Converters.ToList };
        yield return new AttributeSpec("flavor_id") { AllowPut = false, Default = JValue.CreateNull() };
        yield return Attr.ReadOnly("availability_zones");
        yield return Attr.ReadOnly("tags");
    }

    /// <summary><c>type:dict_or_nodata</c> with network_id required whenever the dictionary is not empty.</summary>
    private static string? Gateway(JToken value)
    {
        if (value.Type == JTokenType.Null || value is JObject { Count: 0 })
        {
            return null;
        }

        if (value is not JObject gateway)
        {
            return $"'{PythonText.Str(value)}' is not a dictionary";
        }

        if (!gateway.ContainsKey("network_id"))
        {
            var keys =
                string.Join(", ", gateway.Properties().Select(p => "'" + p.Name + "'")
                    .OrderBy(k => k, System.StringComparer.Ordinal));
            return $"Validation of dictionary's keys failed. Expected keys: {{'network_id'}} Provided keys: {{{keys}}}";
        }

        var unexpected = gateway.Properties().Select(p => p.Name)
            .Where(k => k is not ("network_id" or "enable_snat" or "external_fixed_ips")).ToList();
        if (unexpected.Count > 0)
        {
            return "Unexpected keys supplied: " + string.Join(", ", unexpected);
        }

        return FieldRules.Uuid(false)(gateway["network_id"]!);
    }
}
