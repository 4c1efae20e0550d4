using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Xunit;

namespace OpenStackVpn.Embedded.Tests;

/// <summary>Filters, fields, sorting and the emulated paging, on the admin project's five seeded connections.</summary>
public sealed class EmbeddedQueryTests
{
    private const string Connections = "vpn/ipsec-site-connections";

    private static async Task<string[]> Names(EmbeddedClient client, string query) =>
        (await client.NeutronAsync("GET", Connections + "?" + query + "&fields=name", user: "admin")).Body["ipsec_site_connections"]!.Select(c => (string)c["name"]!).ToArray();

    [Fact]
    public async Task Without_limit_there_are_no_links_and_the_order_is_creation_order()
    {
        using var client = new EmbeddedClient();
        var reply = await client.NeutronAsync("GET", Connections, user: "admin");
        Assert.Equal(new[] { "ipsec_site_connections" }, reply.Body.Properties().Select(p => p.Name));
        Assert.Equal(new[] { "vpnconnection1", "paging-conn-1", "paging-conn-2", "paging-conn-3", "paging-conn-4" }, await Names(client, "limit=0"));
    }

    [Fact]
    public async Task Paging_follows_next_links_to_an_empty_last_page_with_previous_links_on_every_forward_page()
    {
        using var client = new EmbeddedClient();
        var ids = client.Seed.AllConnectionIds;
        var page1 = await client.NeutronAsync("GET", Connections + "?limit=2&fields=id", user: "admin");
        Assert.Equal(ids.Take(2), page1.Body["ipsec_site_connections"]!.Select(c => (string)c["id"]!));
        Assert.Equal(
            $"[{{\"rel\": \"next\", \"href\": \"http://embedded.openstack.test/network/v2.0/vpn/ipsec-site-connections?limit=2&fields=id&marker={ids[1]}\"}}, {{\"rel\": \"previous\", \"href\": \"http://embedded.openstack.test/network/v2.0/vpn/ipsec-site-connections?limit=2&fields=id&marker={ids[0]}&page_reverse=True\"}}]",
            Python(page1.Body["ipsec_site_connections_links"]!));

        var page3 = await client.NeutronAsync("GET", Connections + $"?limit=2&marker={ids[3]}&fields=id", user: "admin");
        Assert.Equal(new[] { ids[4] }, page3.Body["ipsec_site_connections"]!.Select(c => (string)c["id"]!));
        Assert.Equal(new[] { "previous" }, page3.Body["ipsec_site_connections_links"]!.Select(l => (string)l["rel"]!));

        var exact = await client.NeutronAsync("GET", Connections + $"?limit=1&marker={ids[3]}&fields=id", user: "admin");
        Assert.Equal(new[] { "next", "previous" }, exact.Body["ipsec_site_connections_links"]!.Select(l => (string)l["rel"]!));
        var empty = await client.NeutronAsync("GET", Connections + $"?limit=1&marker={ids[4]}", user: "admin");
        Assert.Empty(empty.Body["ipsec_site_connections"]!);
        Assert.Equal("http://embedded.openstack.test/network/v2.0/vpn/ipsec-site-connections?limit=1&page_reverse=True", (string?)empty.Body.SelectToken("ipsec_site_connections_links[0].href"));
    }

    [Fact]
    public async Task Page_reverse_an_unknown_marker_and_bad_limits_behave_as_observed()
    {
        using var client = new EmbeddedClient();
        var ids = client.Seed.AllConnectionIds;
        var reverse = await client.NeutronAsync("GET", Connections + $"?limit=2&marker={ids[3]}&page_reverse=True&fields=id", user: "admin");
        Assert.Equal(new[] { ids[1], ids[2] }, reverse.Body["ipsec_site_connections"]!.Select(c => (string)c["id"]!));
        Assert.Equal($"http://embedded.openstack.test/network/v2.0/vpn/ipsec-site-connections?limit=2&fields=id&marker={ids[2]}", (string?)reverse.Body.SelectToken("ipsec_site_connections_links[0].href"));
        Assert.Equal(new[] { ids[3], ids[4] }, (await client.NeutronAsync("GET", Connections + "?limit=2&page_reverse=true&fields=id", user: "admin")).Body["ipsec_site_connections"]!.Select(c => (string)c["id"]!));

        var unknown = await client.NeutronAsync("GET", Connections + "?limit=1&marker=13a5e5bc-fe5b-44e1-9ba0-d827663fa5f3", user: "admin");
        Assert.Equal(200, unknown.Status);
        Assert.Empty(unknown.Body["ipsec_site_connections"]!);

        foreach (var limit in new[] { "-1", "abc", "1.5" })
        {
            var bad = await client.NeutronAsync("GET", Connections + "?limit=" + limit, user: "admin");
            Assert.Equal((400, "BadRequest", $"Bad limit request: Limit must be an integer 0 or greater and not '{limit}'."), (bad.Status, bad.Type, bad.Message));
        }
    }

    [Fact]
    public async Task Links_keep_the_request_query_and_escape_it_as_Python_does()
    {
        using var client = new EmbeddedClient();
        var reply = await client.NeutronAsync("GET", Connections + "?limit=1&fields=id&name=n%202&peer_cidrs=10.0.0.0/8", user: "admin");
        Assert.Equal("http://embedded.openstack.test/network/v2.0/vpn/ipsec-site-connections?limit=1&fields=id&name=n+2&peer_cidrs=10.0.0.0%2F8&page_reverse=True", (string?)reply.Body.SelectToken("ipsec_site_connections_links[0].href"));
    }

    [Fact]
    public async Task Filters_match_columns_exactly_OR_repeated_keys_and_ignore_unknown_keys()
    {
        using var client = new EmbeddedClient(new OpenStackVpn.Embedded.EmbeddedCloudOptions { ActivationDelay = null });
        Assert.Equal(new[] { "paging-conn-1" }, await Names(client, "name=paging-conn-1&name=nope"));
        Assert.Equal(new[] { "vpnconnection1", "paging-conn-2" }, await Names(client, "name=vpnconnection1&name=paging-conn-2"));
        Assert.Equal(5, (await Names(client, "bogus=1&type=x&peer_cidrs=10.1.0.0/24&dpd=hold")).Length);
        Assert.Equal(5, (await Names(client, "status=PENDING_CREATE&dpd_action=hold&dpd_interval=30&mtu=1500&admin_state_up=True")).Length);
        Assert.Equal(5, (await Names(client, "dpd_timeout=120.0&admin_state_up=1&mtu=+1500")).Length);
        Assert.Empty(await Names(client, "status=ACTIVE"));
        Assert.Empty(await Names(client, "dpd_interval=abc"));
        Assert.Equal(new[] { "vpnconnection1" }, await Names(client, "peer_address=172.24.4.226"));
        Assert.Equal(new[] { "vpnconnection1" }, await Names(client, "psk=secret&peer_id=172.24.4.226"));
        Assert.Equal(5, (await Names(client, $"project_id={client.Seed.AdminProjectId}&tenant_id={client.Seed.AdminProjectId}")).Length);

        var badBoolean = await client.NeutronAsync("GET", Connections + "?admin_state_up=maybe", user: "admin");
        Assert.Equal((400, "InvalidInput", "Invalid input for operation: 'maybe' cannot be converted to boolean."), (badBoolean.Status, badBoolean.Type, badBoolean.Message));
        var badInteger = await client.NeutronAsync("GET", Connections + "?mtu=abc", user: "admin");
        Assert.Equal((400, "InvalidInput", "Invalid input for operation: 'abc' is not an integer."), (badInteger.Status, badInteger.Type, badInteger.Message));
    }

    [Fact]
    public async Task Endpoint_groups_filter_on_endpoint_type_not_type_and_policies_on_lifetime_columns()
    {
        using var client = new EmbeddedClient();
        var vpn = await MemberVpn.CreateAsync(client);
        var cidr = await client.NeutronAsync("GET", "vpn/endpoint-groups?endpoint_type=cidr&fields=id");
        Assert.Equal(new[] { vpn.PeerGroup }, cidr.Body["endpoint_groups"]!.Select(g => (string)g["id"]!));
        Assert.Equal(2, (await client.NeutronAsync("GET", "vpn/endpoint-groups?type=cidr")).Body["endpoint_groups"]!.Count());
        Assert.Single((await client.NeutronAsync("GET", "vpn/ikepolicies?lifetime_value=3600&lifetime_units=seconds")).Body["ikepolicies"]!);
        Assert.Empty((await client.NeutronAsync("GET", "vpn/ikepolicies?lifetime_value=100")).Body["ikepolicies"]!);
    }

    [Fact]
    public async Task Fields_select_keys_on_list_and_show_and_an_unknown_field_gives_empty_objects()
    {
        using var client = new EmbeddedClient();
        var list = await client.NeutronAsync("GET", Connections + "?fields=id&fields=name&fields=status", user: "admin");
        Assert.All(list.Body["ipsec_site_connections"]!, c => Assert.Equal(new[] { "id", "name", "status" }, ((JObject)c).Properties().Select(p => p.Name)));
        Assert.Equal("{\"ipsec_site_connections\": [{}, {}, {}, {}, {}]}", (await client.NeutronAsync("GET", Connections + "?fields=bogus", user: "admin")).Text);
        var show = await client.NeutronAsync("GET", Connections + "/" + client.Seed.ConnectionId + "?fields=psk&fields=dpd&fields=project_id", user: "admin");
        Assert.Equal(new[] { "psk", "dpd", "project_id" }, ((JObject)show.Body["ipsec_site_connection"]!).Properties().Select(p => p.Name));
        Assert.Equal(22, ((JObject)(await client.NeutronAsync("GET", Connections + "?fields=", user: "admin")).Body["ipsec_site_connections"]![0]!).Count);
    }

    [Fact]
    public async Task Sorting_accepts_only_the_resources_sort_keys_with_the_real_messages()
    {
        using var client = new EmbeddedClient();
        Assert.Equal(new[] { "vpnconnection1", "paging-conn-4", "paging-conn-3", "paging-conn-2", "paging-conn-1" }, await Names(client, "sort_key=name&sort_dir=desc"));
        Assert.Equal(new[] { "paging-conn-1", "paging-conn-2" }, await Names(client, "sort_key=name&sort_dir=asc&limit=2"));
        Assert.Equal(200, (await client.NeutronAsync("GET", "vpn/vpnservices?sort_key=router_id&sort_dir=asc", user: "admin")).Status);

        await Refused(client, Connections + "?sort_key=bogus&sort_dir=asc", "['bogus'] is invalid attribute for sort_keys");
        await Refused(client, Connections + "?sort_key=bogus&sort_key=zz&sort_dir=asc&sort_dir=asc", "['bogus', 'zz'] is invalid attribute for sort_keys");
        await Refused(client, Connections + "?sort_key=name&sort_dir=up", "['up'] is invalid value for sort_dirs, valid value is 'asc' and 'desc'");
        await Refused(client, Connections + "?sort_key=name", "The number of sort_keys and sort_dirs must be same");
        await Refused(client, Connections + "?sort_key=status&sort_dir=asc", "['status'] is invalid attribute for sort_keys");
        await Refused(client, "vpn/endpoint-groups?sort_key=id&sort_dir=asc", "['id'] is invalid attribute for sort_keys");
        await Refused(client, Connections + "?sort_key=name&sort_dir=up&limit=-1", "['up'] is invalid value for sort_dirs, valid value is 'asc' and 'desc'");
    }

    private static async Task Refused(EmbeddedClient client, string path, string message)
    {
        var reply = await client.NeutronAsync("GET", path, user: "admin");
        Assert.Equal((400, "HTTPBadRequest", message), (reply.Status, reply.Type, reply.Message));
    }

    private static string Python(JToken token) => token.ToString(Newtonsoft.Json.Formatting.None).Replace("\",\"", "\", \"").Replace("\":\"", "\": \"").Replace("},{", "}, {");
}
