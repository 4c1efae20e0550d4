using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network.Topology;

/// <summary>
/// Subnets: a CIDR on a network of the caller's, seen by its project only (so members do not see the external
/// network's), a gateway (by default the first address) and allocation pools (by default the rest), checked as Neutron
/// checks them.
/// </summary>
internal sealed class SubnetKind : ResourceKind
{
    public SubnetKind()
        : base(Collections.Subnets, "subnet", "subnets", false, AttributeMap(),
            TopologyColumns.Filters("network_id", "ip_version", "cidr", "gateway_ip", "enable_dhcp", "subnetpool_id",
                "ipv6_ra_mode", "ipv6_address_mode"))
    {
    }

    public override bool CompactJson => true;

    public static NeutronError Missing(string id) =>
        NeutronError.Typed(404, "SubnetNotFound", $"Subnet {id} could not be found.");

    public override NeutronError NotFound(string id) => Missing(id);

    public override JObject NewRow(string id, JObject request, NetworkState state, NeutronContext context)
    {
        var text = request.Value<string>("cidr");
        if (text == null)
        {
            throw NeutronError.Typed(400, "BadRequest",
                "Bad subnets request: a subnetpool must be specified in the absence of a cidr.");
        }

        var cidr = Cidr.Parse(text) ?? throw NeutronError.InvalidInput($"{text} is not in a CIDR format");
        var networkId = (string)request["network_id"]!;
        var network = state.Store.Find(Collections.Networks, networkId);
        if (network == null || !new NetworkKind().IsVisible(network, context))
        {
            throw NetworkKind.Missing(networkId);
        }

        if (!context.CanSee(network))
        {
            throw NeutronError.Typed(403, "HTTPForbidden",
                $"Tenant {context.ProjectId} not allowed to create subnet on this network");
        }

        var version = (int)(long)request["ip_version"]!;
        if (cidr.Version != version)
        {
            throw NeutronError.InvalidInput($"cidr '{cidr}' does not match the ip_version '{version}'");
        }

        var dhcp = (bool)request["enable_dhcp"]!;
        if (dhcp && version == 4 && cidr.Prefix >= 31)
        {
            throw NeutronError.InvalidInput(
                "Subnet has a prefix length that is incompatible with DHCP service enabled");
        }

        var gateway = Gateway(request["gateway_ip"]!, cidr);
        var pools = request["allocation_pools"] is JArray given ? CheckPools(given, cidr) : DefaultPools(cidr, gateway);
        foreach (var pool in pools.Where(p => gateway is { } g && p.Start <= g && g <= p.End))
        {
            throw NeutronError.Typed(409, "GatewayConflictWithAllocationPools",
                $"Gateway ip {cidr.Text(gateway!.Value)} conflicts with allocation pool "
                    + $"{cidr.Text(pool.Start)}-{cidr.Text(pool.End)}.");
        }

        foreach (var other in state.Store.All(Collections.Subnets).Where(s => s.Text("network_id") == networkId))
        {
            if (Cidr.Parse(other.Text("cidr")!) is { } taken && taken.Overlaps(cidr))
            {
                throw NeutronError.InvalidInput(
                    $"Requested subnet with cidr: {cidr} for network: {networkId} overlaps with another subnet");
            }
        }

        var data = new JObject
        {
            ["id"] = id,
            ["name"] = request["name"],
            ["tenant_id"] = request["tenant_id"],
            ["network_id"] = networkId,
            ["ip_version"] = version,
            ["subnetpool_id"] = null,
            ["enable_dhcp"] = dhcp,
            ["ipv6_ra_mode"] = request["ipv6_ra_mode"],
            ["ipv6_address_mode"] = request["ipv6_address_mode"],
            ["gateway_ip"] = gateway is { } address ? cidr.Text(address) : null,
            ["cidr"] = cidr.ToString(),
            ["allocation_pools"] =
                new JArray(
                    pools.Select(p => new JObject { ["start"] = cidr.Text(p.Start), ["end"] = cidr.Text(p.End) })),
            ["host_routes"] = request["host_routes"],
            ["dns_nameservers"] = request["dns_nameservers"],
            ["description"] = request["description"],
            ["service_types"] = request["service_types"],
            ["tags"] = new JArray(),
        };
        Times.Stamp(data, state, 0);
        data["project_id"] = request["project_id"];
        NetworkKind.SetSubnet(state, networkId, id, present: true);
        return data;
    }

    public override void Update(StoredObject row, JObject changes, NetworkState state, NeutronContext context)
    {
        Assign(row.Data, changes);
        Times.Touch(row.Data, state);
    }

    public override void CheckDelete(StoredObject row, NetworkState state)
    {
        if (Ports.OnSubnet(state, row.Id).Any())
        {
            throw NeutronError.Typed(409, "SubnetInUse",
                $"Unable to complete operation on subnet {row.Id}: One or more ports have an IP "
                    + $"allocation from this subnet.");
        }

        // VPNaaS's callback refuses too while an endpoint group names the subnet; the lab's message carries the
        // callback's
        // Python object id, which differs per process (this is one the lab printed).
        if (state.Store.All(Collections.EndpointGroups)
            .FirstOrDefault(g => g.Text("type") == "subnet" && g.Data["endpoints"] is JArray e
                && e.Any(x => (string?)x == row.Id)) is { } group)
        {
            throw NeutronError.Typed(409, "SubnetInUse",
                $"Unable to complete operation on subnet {row.Id}: Callback "
                    + "neutron_vpnaas.db.vpn.vpn_db.subnet_callback-8781568106700 failed with "
                    + $"\"Subnet {row.Id} is used by endpoint group {group.Id}\".");
        }

        NetworkKind.SetSubnet(state, row.Text("network_id")!, row.Id, present: false);
    }

    /// <summary>
    /// The gateway asked for, the first address when none was named (IPv6: the subnet-router address), or none for
    /// null.
    /// </summary>
    private static BigInteger? Gateway(JToken given, Cidr cidr) => given.Type switch
    {
        JTokenType.Null => null,
        JTokenType.String when (string)given! != NotSpecified => Cidr.Address((string)given!),
        _ => cidr.Version == 4 ? cidr.Network + 1 : cidr.Network,
    };

    /// <summary>
    /// Every host address but the gateway: IPv4 leaves out the network and broadcast addresses, IPv6 the first.
    /// </summary>
    private static List<(BigInteger Start, BigInteger End)> DefaultPools(Cidr cidr, BigInteger? gateway)
    {
        var first = cidr.Network + 1;
        var last = cidr.Version == 4 ? cidr.Last - 1 : cidr.Last;
        if (gateway is not { } g || g < first || g > last)
        {
            return new List<(BigInteger, BigInteger)> { (first, last) };
        }

        var pools = new List<(BigInteger, BigInteger)>();
        if (g > first)
        {
            pools.Add((first, g - 1));
        }

        if (g < last)
        {
            pools.Add((g + 1, last));
        }

        return pools;
    }

    private static List<(BigInteger Start, BigInteger End)> CheckPools(JArray given, Cidr cidr)
    {
        var pools = new List<(BigInteger Start, BigInteger End)>();
        foreach (var pool in given.OfType<JObject>())
        {
            var start = Cidr.Address(pool.Value<string>("start"));
            var end = Cidr.Address(pool.Value<string>("end"));
            if (start == null || end == null || start > end)
            {
                throw NeutronError.Typed(400, "InvalidAllocationPool",
                    $"The allocation pool {PythonText.Repr(pool)} is not valid.");
            }

            if (!cidr.Contains(start.Value) || !cidr.Contains(end.Value))
            {
                throw NeutronError.Typed(400, "OutOfBoundsAllocationPool",
                    $"The allocation pool {pool.Value<string>("start")}-{pool.Value<string>("end")} "
                        + $"spans beyond the subnet cidr {cidr}.");
            }

            pools.Add((start.Value, end.Value));
        }

        for (var i = 0; i < pools.Count; i++)
        {
            for (var j = i + 1; j < pools.Count; j++)
            {
                if (pools[i].Start <= pools[j].End && pools[j].Start <= pools[i].End)
                {
                    var text =
                        string.Join(" ",
                            new[] { pools[i], pools[j] }.Select(p => $"{cidr.Text(p.Start)}-{cidr.Text(p.End)}"));
                    throw NeutronError.Typed(409, "OverlappingAllocationPools",
                        $"Found overlapping allocation pools: {text} for subnet {cidr}.");
                }
            }
        }

        return pools;
    }

    private static IEnumerable<AttributeSpec> AttributeMap()
    {
        foreach (var head in Attr.Head())
        {
            yield return head;
        }

        yield return new AttributeSpec("ip_version") { AllowPut = false, Convert = Converters.ToInt, Validate = v =>
            (long)v is 4 or 6 ? null : $"{PythonText.Str(v)} is not in valid_values" };
        yield return Attr.Reference("network_id", orNone: false);
        yield return new AttributeSpec("subnetpool_id") { AllowPut = false, Default = JValue.CreateNull() };
        yield return new AttributeSpec("prefixlen") { AllowPut = false, Default = JValue.CreateNull() };
        yield return new AttributeSpec("cidr") { AllowPut = false, Default = JValue.CreateNull(), Validate = v =>
            v.Type is JTokenType.Null or JTokenType.String ? null : $"'{PythonText.Str(v)}' is not a valid IP subnet" };
        yield return new AttributeSpec("gateway_ip") { Default = new JValue(NotSpecified), Validate = ValidGateway };
        yield return new AttributeSpec("allocation_pools") { Default = new JValue(NotSpecified), AllowPut = true };
        yield return new AttributeSpec("dns_nameservers") { Default = new JArray(), Convert = Converters.ToList };
        yield return new AttributeSpec("host_routes") { Default = new JArray(), Convert = Converters.ToList };
        yield return new AttributeSpec("enable_dhcp") { Default = true, Convert = Converters.ToBoolean };
        yield return new AttributeSpec("ipv6_ra_mode") { AllowPut = false, Default = JValue.CreateNull(),
            Validate = Modes };
        yield return new AttributeSpec("ipv6_address_mode") { AllowPut = false, Default = JValue.CreateNull(),
            Validate = Modes };
        yield return new AttributeSpec("service_types") { Default = new JArray(), Convert = Converters.ToList };
        yield return new AttributeSpec("segment_id") { AllowPut = false, Default = JValue.CreateNull() };
        yield return new AttributeSpec("use_default_subnetpool") { AllowPut = false, Default = false,
            Convert = Converters.ToBoolean };
        yield return Attr.ReadOnly("tags");
    }

    // neutron-lib's ATTR_NOT_SPECIFIED: the gateway and pools are computed when the request names none.
    private const string NotSpecified = "<not specified>";

    private static string? ValidGateway(JToken value) =>
        value.Type == JTokenType.Null
            || (value.Type == JTokenType.String
                && ((string)value! == NotSpecified || IpText.AddressVersion((string)value!) != 0))
            ? null
            : $"'{PythonText.Str(value)}' is not a valid IP address";

    private static string? Modes(JToken value) =>
        value.Type == JTokenType.Null
            || (value.Type == JTokenType.String
                && new[] { "dhcpv6-stateful", "dhcpv6-stateless", "slaac" }.Contains((string)value!))
            ? null
            : $"{PythonText.Str(value)} is not in valid_values";
}
