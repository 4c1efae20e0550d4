using System;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded;
using Xunit;

namespace OpenStackVpn.Embedded.Tests;

/// <summary>The agent the embedded cloud simulates: PENDING_CREATE, then ACTIVE or DOWN after the activation delay.</summary>
public sealed class EmbeddedStatusTests
{
    private static async Task<string> Status(EmbeddedClient client, string collection, string id, string user = "member") =>
        (string)(await client.NeutronAsync("GET", $"vpn/{collection}/{id}?fields=status", user: user)).Body.SelectToken("$..status")!;

    [Fact]
    public async Task A_connection_and_its_service_turn_active_after_the_delay()
    {
        using var client = new EmbeddedClient(new EmbeddedCloudOptions { ActivationDelay = TimeSpan.FromSeconds(30) });
        var now = DateTimeOffset.UtcNow;
        client.Cloud.Clock = () => now;
        var vpn = await MemberVpn.CreateAsync(client);
        Assert.Equal("PENDING_CREATE", await Status(client, "vpnservices", vpn.LegacyService));
        var id = await client.CreateAsync("ipsec-site-connections", "ipsec_site_connection", vpn.LegacyConnection());
        Assert.Equal("PENDING_CREATE", await Status(client, "ipsec-site-connections", id));
        Assert.Equal(400, (await client.NeutronAsync("PUT", "vpn/ipsec-site-connections/" + id, "{\"ipsec_site_connection\":{}}")).Status);

        now += TimeSpan.FromSeconds(31);
        Assert.Equal("ACTIVE", await Status(client, "ipsec-site-connections", id));
        Assert.Equal("ACTIVE", await Status(client, "vpnservices", vpn.LegacyService));
        Assert.Single((await client.NeutronAsync("GET", "vpn/ipsec-site-connections?status=ACTIVE")).Body["ipsec_site_connections"]!);
        Assert.Equal(200, (await client.NeutronAsync("PUT", "vpn/ipsec-site-connections/" + id, "{\"ipsec_site_connection\":{\"admin_state_up\":false}}")).Status);
        Assert.Equal("DOWN", await Status(client, "ipsec-site-connections", id));
        Assert.Equal("DOWN", await Status(client, "vpnservices", vpn.LegacyService));
        Assert.Equal("PENDING_CREATE", await Status(client, "vpnservices", vpn.GroupService));
    }

    [Fact]
    public async Task A_failed_peer_takes_the_connection_down_and_leaves_the_service_active_as_in_the_tunnel_lab()
    {
        // The tunnel lab's reports: PENDING_CREATE -> ACTIVE for both; then, with the peer gone, the connection DOWN and
        // the service ACTIVE (its strongSwan still runs); the peer back, the connection ACTIVE again.
        using var client = new EmbeddedClient();
        var vpn = await MemberVpn.CreateAsync(client);
        var id = await client.CreateAsync("ipsec-site-connections", "ipsec_site_connection", vpn.LegacyConnection());
        Assert.Equal("ACTIVE", await Status(client, "ipsec-site-connections", id));
        Assert.Equal("ACTIVE", await Status(client, "vpnservices", vpn.LegacyService));
        client.Cloud.SetStatus("connection", id, "DOWN");
        Assert.Equal("DOWN", await Status(client, "ipsec-site-connections", id));
        Assert.Equal("ACTIVE", await Status(client, "vpnservices", vpn.LegacyService));
        client.Cloud.SetStatus("connection", id, "ACTIVE");
        Assert.Equal("ACTIVE", await Status(client, "ipsec-site-connections", id));
    }

    [Fact]
    public async Task A_disabled_service_takes_its_connections_down()
    {
        using var client = new EmbeddedClient();
        var vpn = await MemberVpn.CreateAsync(client);
        var id = await client.CreateAsync("ipsec-site-connections", "ipsec_site_connection", vpn.LegacyConnection());
        Assert.Equal("ACTIVE", await Status(client, "ipsec-site-connections", id));
        Assert.Equal(200, (await client.NeutronAsync("PUT", "vpn/vpnservices/" + vpn.LegacyService, "{\"vpnservice\":{\"admin_state_up\":false}}")).Status);
        Assert.Equal("DOWN", await Status(client, "ipsec-site-connections", id));
    }

    [Fact]
    public async Task Without_a_delay_nothing_leaves_pending_until_SetStatus_forces_it()
    {
        using var client = new EmbeddedClient(new EmbeddedCloudOptions { ActivationDelay = null });
        client.Cloud.Clock = () => DateTimeOffset.UtcNow.AddDays(10);
        Assert.Equal("PENDING_CREATE", await Status(client, "ipsec-site-connections", client.Seed.ConnectionId, "admin"));
        client.Cloud.SetStatus("connection", client.Seed.ConnectionId, "ERROR");
        Assert.Equal("ERROR", (string?)(await client.NeutronAsync("GET", "vpn/ipsec-site-connections/" + client.Seed.ConnectionId, user: "admin")).Body.SelectToken("ipsec_site_connection.status"));
        Assert.Throws<ArgumentException>(() => client.Cloud.SetStatus("ikepolicies", client.Seed.IkePolicyId, "ACTIVE"));
        Assert.Throws<ArgumentException>(() => client.Cloud.SetStatus("vpnservices", client.Seed.VpnServiceId, "HAPPY"));
        Assert.Throws<ArgumentException>(() => client.Cloud.SetStatus("vpnservices", Guid.NewGuid().ToString(), "ACTIVE"));
    }
}
