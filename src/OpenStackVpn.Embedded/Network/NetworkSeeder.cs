using System;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Network.Topology;

namespace OpenStackVpn.Embedded.Network;

/// <summary>
/// The lab's topology (public/public-subnet, router1, private/private-subnet in the admin project), the member
/// project's own router and subnet, and the lab's VPN objects (created through the same rules a POST goes through).
/// </summary>
internal sealed class NetworkSeeder
{
    private readonly NetworkState _state;
    private readonly ResourceApi _api;
    private readonly EmbeddedSeed _seed;
    private int _nextGatewayAddress = 101;

    public NetworkSeeder(NetworkState state, ResourceApi api, EmbeddedSeed seed)
    {
        _state = state;
        _api = api;
        _seed = seed;
    }

    public void Seed(Func<string, ResourceKind> kinds)
    {
        var admin = _seed.AdminProjectId;
        var member = _seed.MemberProjectId;
        _seed.ExternalNetworkId = Network(admin, "public", external: true);
        _seed.ExternalSubnetId =
            Subnet(admin, _seed.ExternalNetworkId, "public-subnet", "172.24.4", dhcp: false, poolStart: 100,
                poolEnd: 200);
        _seed.PrivateNetworkId = Network(admin, "private", external: false);
        _seed.PrivateSubnetId =
            Subnet(admin, _seed.PrivateNetworkId, "private-subnet", "10.0.0", dhcp: true, poolStart: 2, poolEnd: 254);
        _seed.RouterId = Router(admin, "router1", _seed.PrivateSubnetId);
        _seed.MemberNetworkId = Network(member, "member-net", external: false);
        _seed.MemberSubnetId =
            Subnet(member, _seed.MemberNetworkId, "member-subnet", "10.10.0", dhcp: true, poolStart: 2, poolEnd: 254);
        _seed.MemberRouterId = Router(member, "member-router", _seed.MemberSubnetId);

        var context = new NeutronContext(admin, isAdmin: true);
        string Create(string collection, JObject body) =>
            _api.Insert(kinds(collection), new JObject { [kinds(collection).Singular] = body }.ToString(), context).Id;

        _seed.IkePolicyId = Create(Collections.IkePolicies, new JObject { ["name"] = "ikepolicy1" });
        _seed.IpsecPolicyId = Create(Collections.IpsecPolicies, new JObject { ["name"] = "ipsecpolicy1" });
        var service =
            new JObject { ["name"] = "vpnservice1", ["router_id"] = _seed.RouterId,
                ["subnet_id"] = _seed.PrivateSubnetId };
        _seed.VpnServiceId = Create(Collections.VpnServices, service);
        string Connection(string name, int peer, string cidr) => Create(Collections.Connections, new JObject
        {
            ["name"] = name,
            ["vpnservice_id"] = _seed.VpnServiceId,
            ["ikepolicy_id"] = _seed.IkePolicyId,
            ["ipsecpolicy_id"] = _seed.IpsecPolicyId,
            ["peer_address"] = "172.24.4." + peer.ToString(CultureInfo.InvariantCulture),
            ["peer_id"] = "172.24.4." + peer.ToString(CultureInfo.InvariantCulture),
            ["peer_cidrs"] = new JArray(cidr),
            ["psk"] = "secret",
            ["initiator"] = "bi-directional",
            ["mtu"] = 1500,
            ["dpd"] = new JObject { ["action"] = "hold", ["interval"] = 30, ["timeout"] = 120 },
        });
        _seed.ConnectionId = Connection(_seed.ConnectionName, 226, "10.1.0.0/24");
        _seed.PagingConnectionIds = Enumerable.Range(1, 4)
            .Select(i => Connection(_seed.PagingConnectionNames[i - 1], 226 + i, $"10.{1 + i}.0.0/24"))
            .ToArray();
    }

    private string Network(string project, string name, bool external)
    {
        var id = Guid.NewGuid().ToString();
        var data = new JObject
        {
            ["id"] = id,
            ["name"] = name,
            ["tenant_id"] = project,
            ["admin_state_up"] = true,
            ["mtu"] = external ? 1500 : 1450,
            ["status"] = "ACTIVE",
            ["subnets"] = new JArray(),
            ["shared"] = false,
            ["availability_zone_hints"] = new JArray(),
            ["availability_zones"] = new JArray(),
            ["ipv4_address_scope"] = null,
            ["ipv6_address_scope"] = null,
            ["router:external"] = external,
            ["description"] = "",
            ["port_security_enabled"] = true,
        };
        if (external)
        {
            data["is_default"] = false;
        }

        data["tags"] = new JArray();
        AddTimes(data, 2);
        data["project_id"] = project;
        data["provider:network_type"] = external ? "flat" : "vxlan";
        data["provider:physical_network"] = external ? "public" : null;
        data["provider:segmentation_id"] = external ? null : 500 + _state.Store.All(Collections.Networks).Count;
        Add(Collections.Networks, id, project, data);
        return id;
    }

    private string Subnet(
        string project, string networkId, string name, string prefix, bool dhcp, int poolStart, int poolEnd)
    {
        var id = Guid.NewGuid().ToString();
        var data = new JObject
        {
            ["id"] = id,
            ["name"] = name,
            ["tenant_id"] = project,
            ["network_id"] = networkId,
            ["ip_version"] = 4,
            ["subnetpool_id"] = null,
            ["enable_dhcp"] = dhcp,
            ["ipv6_ra_mode"] = null,
            ["ipv6_address_mode"] = null,
            ["gateway_ip"] = prefix + ".1",
            ["cidr"] = prefix + ".0/24",
            ["allocation_pools"] =
                new JArray(new JObject { ["start"] = $"{prefix}.{poolStart}", ["end"] = $"{prefix}.{poolEnd}" }),
            ["host_routes"] = new JArray(),
            ["dns_nameservers"] = new JArray(),
            ["description"] = "",
            ["service_types"] = new JArray(),
            ["tags"] = new JArray(),
        };
        AddTimes(data, 0);
        data["project_id"] = project;
        Add(Collections.Subnets, id, project, data);
        ((JArray)_state.Store.Find(Collections.Networks, networkId)!.Data["subnets"]!).Add(id);
        return id;
    }

    private string Router(string project, string name, string interfaceSubnetId)
    {
        var id = Guid.NewGuid().ToString();
        var address = "172.24.4." + _nextGatewayAddress++.ToString(CultureInfo.InvariantCulture);
        var data = new JObject
        {
            ["id"] = id,
            ["name"] = name,
            ["tenant_id"] = project,
            ["admin_state_up"] = true,
            ["status"] = "ACTIVE",
            ["external_gateway_info"] = new JObject
            {
                ["network_id"] = _seed.ExternalNetworkId,
                ["external_fixed_ips"] =
                    new JArray(new JObject { ["subnet_id"] = _seed.ExternalSubnetId, ["ip_address"] = address }),
                ["enable_snat"] = true,
            },
            ["description"] = "",
            ["availability_zones"] = new JArray(),
            ["distributed"] = false,
            ["ha"] = false,
            ["availability_zone_hints"] = new JArray(),
            ["routes"] = new JArray(),
            ["flavor_id"] = null,
            ["tags"] = new JArray(),
        };
        AddTimes(data, 4);
        data["project_id"] = project;
        Add(Collections.Routers, id, project, data);
        Ports.Add(_state, "", _seed.ExternalNetworkId!, id, Ports.RouterGateway,
            new JArray(Ports.FixedIp(_seed.ExternalSubnetId!, address)));
        var subnet = _state.Store.Find(Collections.Subnets, interfaceSubnetId)!;
        Ports.Add(_state, project, subnet.Text("network_id")!, id, Ports.RouterInterface,
            new JArray(Ports.FixedIp(subnet.Id, subnet.Text("gateway_ip")!)));
        return id;
    }

    private void AddTimes(JObject data, int revision)
    {
        var now = _state.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        data["created_at"] = now;
        data["updated_at"] = now;
        data["revision_number"] = revision;
    }

    private StoredObject Add(string collection, string id, string project, JObject data)
    {
        var row = new StoredObject(id, project, data, _state.Now);
        _state.Store.Add(collection, row);
        return row;
    }
}
