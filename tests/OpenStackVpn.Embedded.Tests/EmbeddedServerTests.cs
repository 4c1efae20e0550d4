using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core;
using OpenStackVpn.Core.Config;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Resources;
using OpenStackVpn.Embedded;
using Xunit;

namespace OpenStackVpn.Embedded.Tests;

/// <summary>The cloud served on 127.0.0.1 to real sockets: HttpClient, and the module's own session and resource client.</summary>
public sealed class EmbeddedServerTests
{
    [Fact]
    public async Task A_real_HttpClient_talks_to_the_loopback_server_and_the_catalog_points_at_it()
    {
        var cloud = new EmbeddedCloud();
        using (var server = EmbeddedServer.Start(cloud))
        {
            Assert.Equal("127.0.0.1", server.BaseUri.Host);
            Assert.Equal(server.BaseUri, cloud.BaseUri);
            using var client = new EmbeddedClient(cloud);
            using var sockets = new HttpClient();
            var token = await sockets.PostAsync(new Uri(server.AuthUrl, "auth/tokens"), new StringContent(EmbeddedClient.PasswordAuth("admin", "adminpass", "admin"), System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(201, (int)token.StatusCode);
            var body = await token.Content.ReadAsStringAsync();
            Assert.Contains($"\"url\": \"{server.BaseUri}network\"", body, StringComparison.Ordinal);

            using var list = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri, "network/v2.0/vpn/ipsec-site-connections?limit=1&fields=id"));
            list.Headers.Add("X-Auth-Token", token.Headers.GetValues("X-Subject-Token").Single());
            var page = await sockets.SendAsync(list);
            Assert.Equal(200, (int)page.StatusCode);
            Assert.Contains($"\"href\": \"{server.BaseUri}network/v2.0/vpn/ipsec-site-connections?limit=1&fields=id&marker={cloud.Seed.ConnectionId}\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.StartsWith("req-", page.Headers.GetValues("X-Openstack-Request-Id").Single(), StringComparison.Ordinal);
        }

        Assert.Equal(EmbeddedCloud.InProcessBaseUri, cloud.BaseUri);
    }

    [Fact]
    public async Task A_dropped_connection_resets_the_socket_and_the_server_keeps_serving()
    {
        var cloud = new EmbeddedCloud();
        using var server = EmbeddedServer.Start(cloud);
        using var sockets = new HttpClient();
        // A POST: HttpClient resends an idempotent GET once on a fresh connection, so a single dropped GET goes unseen.
        cloud.Faults.Add(new EmbeddedFault { Method = "POST", DropConnection = true });
        await Assert.ThrowsAsync<HttpRequestException>(() => sockets.PostAsync(new Uri(server.AuthUrl, "auth/tokens"), new StringContent("{}")));
        Assert.Equal(200, (int)(await sockets.GetAsync(new Uri(server.BaseUri, "network/"))).StatusCode);
        Assert.Equal(new[] { "POST", "GET" }, cloud.Faults.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task The_modules_session_connects_and_pages_through_the_served_cloud()
    {
        var cloud = new EmbeddedCloud();
        using var server = EmbeddedServer.Start(cloud);
        var settings = new ConnectionSettings
        {
            AuthUrl = server.AuthUrl,
            Method = AuthMethod.Password,
            UserName = "admin",
            Password = Secrets.ToSecure("adminpass"),
            ProjectName = "admin",
        };
        using var session = await OpenStackSession.ConnectAsync(settings, NullLogSink.Instance, CancellationToken.None);
        Assert.Equal(new Uri(server.BaseUri, "network/"), session.NetworkEndpoint);
        Assert.Equal(cloud.Seed.AdminProjectId, session.ProjectId);

        var query = new ListQuery { PageSize = 2 };
        var ids = new System.Collections.Generic.List<string>();
        string? next = null;
        do
        {
            var page = await ResourceClient.ListPageAsync(session, VpnResources.IpsecSiteConnection, query, next, NullLogSink.Instance, CancellationToken.None);
            ids.AddRange(page.Items.Select(c => c.Id));
            next = page.NextQuery;
        }
        while (next != null);

        Assert.Equal(cloud.Seed.AllConnectionIds, ids);
        var shown = await ResourceClient.GetAsync(session, VpnResources.IpsecSiteConnection, cloud.Seed.ConnectionId, null, NullLogSink.Instance, CancellationToken.None);
        Assert.Equal("vpnconnection1", shown.Name);
        await session.DisconnectAsync(NullLogSink.Instance, CancellationToken.None);
    }

    [Fact]
    public void A_cloud_is_served_once_and_ports_are_checked()
    {
        var cloud = new EmbeddedCloud();
        using var server = EmbeddedServer.Start(cloud);
        Assert.Throws<InvalidOperationException>(() => EmbeddedServer.Start(cloud));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddedServer.Start(new EmbeddedCloud(), 70000));
    }
}
