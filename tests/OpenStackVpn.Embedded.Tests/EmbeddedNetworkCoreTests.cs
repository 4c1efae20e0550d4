using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Xunit;

namespace OpenStackVpn.Embedded.Tests;

/// <summary>The network core the VPN objects stand on: what a create allocates, and what the seed already holds.</summary>
public sealed class EmbeddedNetworkCoreTests
{
    [Fact]
    public async Task A_new_routers_gateway_takes_a_free_external_address_which_its_VPN_service_reads()
    {
        using var client = new EmbeddedClient();
        var net = await Create(client, "networks", "network", new JObject { ["name"] = "n" });
        var subnet = await Create(client, "subnets", "subnet", new JObject { ["network_id"] = net, ["ip_version"] = 4, ["cidr"] = "10.40.0.0/24" });
        var gateway = new JObject { ["external_gateway_info"] = new JObject { ["network_id"] = client.Seed.ExternalNetworkId } };
        await Create(client, "routers", "router", gateway);   // takes the first free address
        var router = await Create(client, "routers", "router", gateway);
        Assert.Equal(200, (await client.NeutronAsync("PUT", $"routers/{router}/add_router_interface", "{\"subnet_id\":\"" + subnet + "\"}")).Status);

        var gateways = (await client.NeutronAsync("GET", "ports?device_owner=network:router_gateway&fields=device_id&fields=fixed_ips", user: "admin")).Body["ports"]!;
        var taken = gateways.Where(p => (string?)p["device_id"] != router).Select(p => (string)p.SelectToken("fixed_ips[0].ip_address")!).ToList();
        var mine = (string)gateways.Single(p => (string?)p["device_id"] == router).SelectToken("fixed_ips[0].ip_address")!;
        Assert.NotEmpty(taken);
        Assert.DoesNotContain(mine, taken);
        Assert.StartsWith("172.24.4.", mine, System.StringComparison.Ordinal);

        var service = await client.NeutronAsync("POST", "vpn/vpnservices", new JObject { ["vpnservice"] = new JObject { ["router_id"] = router, ["subnet_id"] = subnet } });
        Assert.Equal(mine, (string?)service.Body.SelectToken("vpnservice.external_v4_ip"));
    }

    [Fact]
    public async Task The_seeded_routers_interfaces_and_gateways_are_ports_listable_by_device()
    {
        using var client = new EmbeddedClient();
        var ports = (await client.NeutronAsync("GET", "ports?device_id=" + client.Seed.MemberRouterId)).Body["ports"]!;
        var port = Assert.Single(ports);   // the member does not see the gateway port: it belongs to no project
        Assert.Equal("network:router_interface", (string?)port["device_owner"]);
        Assert.Equal(client.Seed.MemberSubnetId, (string?)port.SelectToken("fixed_ips[0].subnet_id"));
        var all = (await client.NeutronAsync("GET", "ports?device_id=" + client.Seed.MemberRouterId, user: "admin")).Body["ports"]!;
        Assert.Equal(new[] { "network:router_gateway", "network:router_interface" }, all.Select(p => (string)p["device_owner"]!).OrderBy(o => o));
    }

    [Fact]
    public async Task A_subnet_with_the_gateway_inside_its_range_gets_the_pools_around_it()
    {
        using var client = new EmbeddedClient();
        var net = await Create(client, "networks", "network", new JObject { ["name"] = "n" });
        var reply = await client.NeutronAsync("POST", "subnets", new JObject { ["subnet"] = new JObject { ["network_id"] = net, ["ip_version"] = 4, ["cidr"] = "10.41.0.0/24", ["gateway_ip"] = "10.41.0.100" } });
        Assert.Equal("[{\"start\":\"10.41.0.1\",\"end\":\"10.41.0.99\"},{\"start\":\"10.41.0.101\",\"end\":\"10.41.0.254\"}]",
            reply.Body.SelectToken("subnet.allocation_pools")!.ToString(Newtonsoft.Json.Formatting.None));
    }

    private static async Task<string> Create(EmbeddedClient client, string collection, string singular, JObject fields)
    {
        var reply = await client.NeutronAsync("POST", collection, new JObject { [singular] = fields });
        Assert.Equal(201, reply.Status);
        return (string)reply.Body[singular]!["id"]!;
    }
}
