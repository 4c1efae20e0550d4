using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded;
using Xunit;

namespace OpenStackVpn.Embedded.Tests;

/// <summary>An embedded cloud seeded with a fleet: what it holds, and that its pages of a large list answer as the small path does.</summary>
public sealed class EmbeddedFleetTests
{
    private const string Connections = "vpn/ipsec-site-connections";

    [Fact]
    public async Task A_seeded_fleet_has_its_connections_services_and_policies_and_lists_them_all_in_order()
    {
        using var client = new EmbeddedClient(new EmbeddedCloudOptions { SeedConnections = 2500 });
        var unpaged = Ids(await client.NeutronAsync("GET", Connections, user: "admin"));
        Assert.Equal(2505, unpaged.Length);
        Assert.Equal(client.Seed.AllConnectionIds, unpaged.Take(5));
        Assert.Equal(2500, unpaged.Skip(5).Distinct().Count());

        var paged = new System.Collections.Generic.List<string>();
        var requests = 0;
        for (var query = "?limit=1000"; query != null; requests++)
        {
            var page = (await client.NeutronAsync("GET", Connections + query, user: "admin")).Body;
            paged.AddRange(page["ipsec_site_connections"]!.Select(c => (string)c["id"]!));
            var next = page["ipsec_site_connections_links"]?.FirstOrDefault(l => (string?)l["rel"] == "next")?.Value<string>("href");
            query = next?.Substring(next.IndexOf('?', System.StringComparison.Ordinal));
        }

        Assert.Equal(unpaged, paged);
        Assert.Equal(3, requests);
        var last = (await client.NeutronAsync("GET", Connections + "?name=fleet-conn-002500", user: "admin")).Body["ipsec_site_connections"]!.Single();
        Assert.Equal("fleet-vpn-000025", (await client.NeutronAsync("GET", "vpn/vpnservices/" + (string)last["vpnservice_id"]!, user: "admin")).Body.SelectToken("vpnservice.name")!.ToString());
        Assert.Equal(26, Ids(await client.NeutronAsync("GET", "vpn/vpnservices", user: "admin")).Length);
        Assert.Equal(4, Ids(await client.NeutronAsync("GET", "vpn/ikepolicies", user: "admin")).Length);
        Assert.Equal(4, Ids(await client.NeutronAsync("GET", "vpn/ipsecpolicies", user: "admin")).Length);
        Assert.Empty(Ids(await client.NeutronAsync("GET", Connections, user: "member")));
    }

    [Theory]
    [InlineData("?limit=7")]
    [InlineData("?limit=7&marker={3}")]
    [InlineData("?limit=7&marker={last}")]
    [InlineData("?limit=7&marker=00000000-0000-0000-0000-000000000000")]
    public async Task A_page_without_filters_is_the_page_the_filtered_path_gives(string query)
    {
        using var client = new EmbeddedClient(new EmbeddedCloudOptions { SeedConnections = 30 });
        var all = Ids(await client.NeutronAsync("GET", Connections, user: "admin"));
        query = query.Replace("{3}", all[3], System.StringComparison.Ordinal).Replace("{last}", all[^1], System.StringComparison.Ordinal);
        // admin_state_up=True matches every row but makes the request a filtered one, which views every row before slicing.
        var window = (await client.NeutronAsync("GET", Connections + query, user: "admin")).Body;
        var full = (await client.NeutronAsync("GET", Connections + query + "&admin_state_up=True", user: "admin")).Body;
        Assert.Equal(full["ipsec_site_connections"]!.ToString(), window["ipsec_site_connections"]!.ToString());
        Assert.Equal(
            full["ipsec_site_connections_links"]?.ToString().Replace("&admin_state_up=True", "", System.StringComparison.Ordinal),
            window["ipsec_site_connections_links"]?.ToString());
    }

    [Fact]
    public void Seeding_10000_connections_stores_every_one_and_reports_the_time_it_took()
    {
        // Reported, not asserted: timing belongs in the benchmark (tools/Measure-ScaleBenchmark.ps1).
        var clock = Stopwatch.StartNew();
        var cloud = new EmbeddedCloud(new EmbeddedCloudOptions { SeedConnections = 10000 });
        System.Console.WriteLine($"seeded 10,000 connections in {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(10005, cloud.Network.Store.All("ipsec-site-connections").Count);
    }

    private static string[] Ids(Reply reply) =>
        ((JArray)reply.Body.Properties().First(p => p.Value is JArray).Value).Select(o => (string)o["id"]!).ToArray();
}
