using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Embedded;
using Xunit;

namespace OpenStackVpn.Embedded.Tests;

/// <summary>Injected faults: error answers, proxy pages, waits, lost connections, lost answers, and the request log.</summary>
public sealed class EmbeddedFaultTests
{
    [Fact]
    public async Task A_fault_answers_the_next_N_matching_requests_then_the_cloud_answers_again()
    {
        using var client = new EmbeddedClient();
        await client.TokenAsync("member");
        client.Cloud.Faults.Add(new EmbeddedFault { Method = "GET", PathContains = "/vpn/ikepolicies", Count = 2, Status = 409, NeutronType = "IKEPolicyInUse", Message = "busy" });

        Assert.Equal(200, (await client.NeutronAsync("GET", "vpn/ipsecpolicies")).Status);
        Assert.Equal(201, (await client.NeutronAsync("POST", "vpn/ikepolicies", "{\"ikepolicy\":{}}")).Status);
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var faulted = await client.NeutronAsync("GET", "vpn/ikepolicies");
            Assert.Equal((409, "IKEPolicyInUse", "busy"), (faulted.Status, faulted.Type, faulted.Message));
            Assert.StartsWith("req-", faulted.Header("X-Openstack-Request-Id"), StringComparison.Ordinal);
        }

        Assert.Equal(200, (await client.NeutronAsync("GET", "vpn/ikepolicies")).Status);
    }

    [Fact]
    public async Task A_5xx_can_carry_a_proxy_page_and_a_Retry_After_header()
    {
        using var client = new EmbeddedClient();
        await client.TokenAsync("member");
        client.Cloud.Faults.Add(new EmbeddedFault { Status = 503, RawBody = "<html><body><h1>503 Service Unavailable</h1></body></html>", RetryAfter = "2" });
        var reply = await client.NeutronAsync("GET", "vpn/vpnservices");
        Assert.Equal(503, reply.Status);
        Assert.StartsWith("<html>", reply.Text, StringComparison.Ordinal);
        Assert.StartsWith("text/html", reply.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("2", reply.Header("Retry-After"));

        client.Cloud.Faults.Add(new EmbeddedFault { Status = 502 });
        var gateway = await client.NeutronAsync("GET", "vpn/vpnservices");
        Assert.Equal((502, "HTTPInternalServerError"), (gateway.Status, gateway.Type));
    }

    [Fact]
    public async Task A_dropped_connection_is_an_HttpRequestException_and_nothing_was_done()
    {
        using var client = new EmbeddedClient();
        await client.TokenAsync("member");
        client.Cloud.Faults.Add(new EmbeddedFault { Method = "POST", DropConnection = true });
        await Assert.ThrowsAsync<HttpRequestException>(() => client.NeutronAsync("POST", "vpn/ikepolicies", "{\"ikepolicy\":{}}"));
        Assert.Empty((await client.NeutronAsync("GET", "vpn/ikepolicies")).Body["ikepolicies"]!);
    }

    [Fact]
    public async Task After_handling_the_change_is_made_but_the_answer_is_lost_or_replaced()
    {
        using var client = new EmbeddedClient();
        await client.TokenAsync("member");
        client.Cloud.Faults.Add(new EmbeddedFault { Method = "POST", DropConnection = true, AfterHandling = true });
        await Assert.ThrowsAsync<HttpRequestException>(() => client.NeutronAsync("POST", "vpn/ikepolicies", "{\"ikepolicy\":{\"name\":\"lost\"}}"));
        client.Cloud.Faults.Add(new EmbeddedFault { Method = "POST", Status = 504, AfterHandling = true });
        Assert.Equal(504, (await client.NeutronAsync("POST", "vpn/ikepolicies", "{\"ikepolicy\":{\"name\":\"timed-out\"}}")).Status);
        var names = (await client.NeutronAsync("GET", "vpn/ikepolicies?fields=name")).Body["ikepolicies"]!.Select(p => (string)p["name"]!);
        Assert.Equal(new[] { "lost", "timed-out" }, names);
    }

    [Fact]
    public async Task A_delay_waits_and_the_callers_cancellation_ends_it()
    {
        using var client = new EmbeddedClient();
        var token = await client.TokenAsync("member");
        client.Cloud.Faults.Add(new EmbeddedFault { Delay = TimeSpan.FromMilliseconds(200) });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(200, (await client.NeutronAsync("GET", "vpn/ikepolicies")).Status);
        Assert.True(clock.ElapsedMilliseconds >= 190, $"answered after {clock.ElapsedMilliseconds} ms");

        client.Cloud.Faults.Add(new EmbeddedFault { Delay = TimeSpan.FromSeconds(30) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.Cloud.BaseUri, "network/v2.0/vpn/ikepolicies"));
        request.Headers.Add("X-Auth-Token", token);
        clock.Restart();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Http.SendAsync(request, cancel.Token));
        Assert.True(clock.ElapsedMilliseconds < 5000);
    }

    [Fact]
    public async Task The_log_counts_every_request_so_a_test_can_prove_none_was_sent()
    {
        using var client = new EmbeddedClient();
        Assert.Equal(0, client.Cloud.Faults.RequestCount);
        await client.NeutronAsync("GET", "vpn/ikepolicies?limit=1");
        Assert.Equal(new[] { "POST /identity/v3/auth/tokens", "GET /network/v2.0/vpn/ikepolicies?limit=1" }, client.Cloud.Faults.Requests.Select(r => r.ToString()));
        client.Cloud.Faults.ClearRequests();
        Assert.Equal(0, client.Cloud.Faults.RequestCount);

        client.Cloud.Faults.Add(new EmbeddedFault { Status = 500, Count = 3 });
        client.Cloud.Faults.Clear();
        Assert.Equal(200, (await client.NeutronAsync("GET", "vpn/ikepolicies")).Status);
    }

    [Fact]
    public void A_fault_that_says_nothing_or_contradicts_itself_is_refused()
    {
        var faults = new EmbeddedCloud().Faults;
        Assert.Throws<ArgumentException>(() => faults.Add(new EmbeddedFault()));
        Assert.Throws<ArgumentException>(() => faults.Add(new EmbeddedFault { Status = 500, DropConnection = true }));
        Assert.Throws<ArgumentException>(() => faults.Add(new EmbeddedFault { Status = 500, Count = 0 }));
        Assert.Throws<ArgumentException>(() => faults.Add(new EmbeddedFault { RawBody = "x" }));
        Assert.Throws<ArgumentException>(() => faults.Add(new EmbeddedFault { Delay = TimeSpan.FromSeconds(1), AfterHandling = true }));
    }
}
