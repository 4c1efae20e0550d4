using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core;
using OpenStackVpn.Core.Config;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Resources;
using Xunit;

namespace OpenStackVpn.Embedded.Tests;

/// <summary>
/// When a session renews its token, proven from what an in-process embedded cloud received: short token lifetimes
/// and a moved server clock stand in for time passing, which the real lab (one-hour tokens) cannot show in a test.
/// </summary>
public sealed class TokenRenewalTests
{
    // A session renews a token that expires within a minute: 61.5 s of life leaves 1.5 s before it is "expiring".
    private static readonly TimeSpan AlmostAMinute = TimeSpan.FromSeconds(61.5);

    [Fact]
    public async Task A_token_about_to_expire_is_renewed_before_the_request_not_after_a_401()
    {
        var cloud = new EmbeddedCloud(new EmbeddedCloudOptions { TokenLifetime = AlmostAMinute });
        using var session = await ConnectAsync(cloud, Password(cloud));
        await ListAsync(session);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await ListAsync(session);

        Assert.Equal(new[] { "POST identity", "GET network", "POST identity", "GET network" }, Log(cloud));
    }

    [Fact]
    public async Task Requests_from_many_threads_that_meet_an_expired_token_share_one_renewal()
    {
        var cloud = new EmbeddedCloud();
        using var session = await ConnectAsync(cloud, Password(cloud));
        cloud.Faults.ClearRequests();
        // For the server two hours have passed: the session's token is refused, though the session thinks it valid.
        cloud.Clock = () => DateTimeOffset.UtcNow.AddHours(2);
        // Each first GET is held half a second, so all eight are refused with the old token before any renewal.
        cloud.Faults.Add(new EmbeddedFault { Method = "GET", Delay = TimeSpan.FromMilliseconds(500), Count = 8 });

        var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ListAsync(session))));

        Assert.All(pages, page => Assert.Contains(page.Items, c => c.Id == cloud.Seed.ConnectionId));
        Assert.Equal(1, Log(cloud).Count(r => r == "POST identity"));
        Assert.Equal(16, Log(cloud).Count(r => r == "GET network"));
    }

    [Fact]
    public async Task A_session_opened_with_a_token_says_when_it_expired_and_sends_nothing()
    {
        var cloud = new EmbeddedCloud(new EmbeddedCloudOptions { TokenLifetime = AlmostAMinute });
        using var http = new HttpClient(cloud.CreateHandler());
        var issued = await http.PostAsync(new Uri(cloud.AuthUrl, "auth/tokens"), new StringContent(
            "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"admin\",\"domain\":{\"name\":\"Default\"},\"password\":\"adminpass\"}}},\"scope\":{\"project\":{\"name\":\"admin\",\"domain\":{\"name\":\"Default\"}}}}}",
            Encoding.UTF8,
            "application/json"));
        var token = issued.Headers.GetValues("X-Subject-Token").Single();
        using var session = await ConnectAsync(cloud, new ConnectionSettings { AuthUrl = cloud.AuthUrl, Method = AuthMethod.Token, Token = Secrets.ToSecure(token) });
        await ListAsync(session);
        await Task.Delay(TimeSpan.FromSeconds(2));
        cloud.Faults.ClearRequests();

        var e = await Assert.ThrowsAsync<OpenStackException>(() => ListAsync(session));

        Assert.Equal(OpenStackErrorKind.Authentication, e.Kind);
        Assert.Contains("opened with a token", e.Message, StringComparison.Ordinal);
        Assert.Contains("Run Connect-OpenStack again", e.Message, StringComparison.Ordinal);
        Assert.Empty(cloud.Faults.Requests);
    }

    private static ConnectionSettings Password(EmbeddedCloud cloud) => new()
    {
        AuthUrl = cloud.AuthUrl,
        Method = AuthMethod.Password,
        UserName = "admin",
        Password = Secrets.ToSecure("adminpass"),
        ProjectName = "admin",
    };

    private static Task<OpenStackSession> ConnectAsync(EmbeddedCloud cloud, ConnectionSettings settings) =>
        OpenStackSession.ConnectAsync(settings, cloud.CreateHandler(), NullLogSink.Instance, CancellationToken.None);

    private static Task<ResourcePage<IpsecSiteConnection>> ListAsync(OpenStackSession session) =>
        ResourceClient.ListPageAsync(session, VpnResources.IpsecSiteConnection, new ListQuery(), null, NullLogSink.Instance, CancellationToken.None);

    /// <summary>What the cloud received, as "METHOD service".</summary>
    private static string[] Log(EmbeddedCloud cloud) =>
        cloud.Faults.Requests.Select(r => $"{r.Method} {r.Path.TrimStart('/').Split('/')[0]}").ToArray();
}
