using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded;
using Xunit;

namespace OpenStackVpn.Embedded.Tests;

/// <summary>The origin cloud's dialect: availability zones, legacy mode only, one peer CIDR, DPD hold or restart.</summary>
public sealed class EmbeddedOriginProfileTests
{
    private static EmbeddedClient Origin() => new(new EmbeddedCloudOptions { Profile = EmbeddedProfile.Origin });

    private static void Refused(Reply reply, string message) =>
        Assert.Equal((400, "HTTPBadRequest", message), (reply.Status, reply.Type, reply.Message));

    [Fact]
    public async Task A_connection_takes_and_shows_an_availability_zone_AZ1_by_default()
    {
        using var client = Origin();
        var vpn = await MemberVpn.CreateAsync(client);
        var created = await client.NeutronAsync("POST", "vpn/ipsec-site-connections", new JObject { ["ipsec_site_connection"] = vpn.LegacyConnection() });
        Assert.Equal(201, created.Status);
        var connection = (JObject)created.Body["ipsec_site_connection"]!;
        Assert.Equal("AZ1", (string?)connection["availability_zone"]);
        Assert.Null(connection["local_ep_group_id"]);
        Assert.Null(connection["peer_ep_group_id"]);

        var zoned = await client.NeutronAsync("POST", "vpn/ipsec-site-connections", new JObject { ["ipsec_site_connection"] = vpn.LegacyConnection(b => b["availability_zone"] = "AZ2") });
        Assert.Equal("AZ2", (string?)zoned.Body.SelectToken("ipsec_site_connection.availability_zone"));
        Assert.Single((await client.NeutronAsync("GET", "vpn/ipsec-site-connections?availability_zone=AZ2")).Body["ipsec_site_connections"]!);
        Refused(await client.NeutronAsync("PUT", "vpn/ipsec-site-connections/" + connection["id"], "{\"ipsec_site_connection\":{\"availability_zone\":\"AZ2\"}}"), "Cannot update read-only attribute availability_zone");
        Assert.Equal("AZ1", (string?)(await client.NeutronAsync("GET", "vpn/vpnservices/" + vpn.LegacyService)).Body.SelectToken("vpnservice.availability_zone"));
    }

    [Fact]
    public async Task Only_legacy_mode_one_peer_cidr_and_hold_or_restart_are_accepted()
    {
        using var client = Origin();
        var vpn = await MemberVpn.CreateAsync(client);
        Refused(await client.NeutronAsync("POST", "vpn/ipsec-site-connections", new JObject { ["ipsec_site_connection"] = vpn.LegacyConnection(b => b["peer_cidrs"] = new JArray("10.1.0.0/24", "10.2.0.0/24")) }), "Invalid input for peer_cidrs. Reason: Only one cidr can be specified.");
        Refused(await client.NeutronAsync("POST", "vpn/ipsec-site-connections", new JObject { ["ipsec_site_connection"] = vpn.LegacyConnection(b => b["dpd"] = new JObject { ["action"] = "clear" }) }), "Invalid input for dpd. Reason: clear is not in valid_values.");
        Refused(await client.NeutronAsync("POST", "vpn/ipsec-site-connections", new JObject { ["ipsec_site_connection"] = vpn.LegacyConnection(b => b["local_ep_group_id"] = vpn.IkePolicy) }), "Unrecognized attribute(s) 'local_ep_group_id'");
        Refused(await client.NeutronAsync("POST", "vpn/vpnservices", new JObject { ["vpnservice"] = new JObject { ["router_id"] = client.Seed.MemberRouterId } }), "Failed to parse request. Required attribute 'subnet_id' not specified");
        Assert.Equal(201, (await client.NeutronAsync("POST", "vpn/ipsec-site-connections", new JObject { ["ipsec_site_connection"] = vpn.LegacyConnection(b => b["dpd"] = new JObject { ["action"] = "restart" }) })).Status);

        var groups = await client.NeutronAsync("GET", "vpn/endpoint-groups");
        Assert.Equal((404, "HTTPNotFound"), (groups.Status, groups.Type));
        var aliases = (await client.NeutronAsync("GET", "extensions")).Body["extensions"]!.Select(e => (string)e["alias"]!).ToList();
        Assert.Contains("vpnaas", aliases);
        Assert.DoesNotContain("vpn-endpoint-groups", aliases);
    }
}
