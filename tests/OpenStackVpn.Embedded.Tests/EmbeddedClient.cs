using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded;

namespace OpenStackVpn.Embedded.Tests;

/// <summary>An answer read whole: status, headers and the body as text and JSON.</summary>
public sealed class Reply
{
    public Reply(int status, string text, IReadOnlyDictionary<string, string> headers)
    {
        Status = status;
        Text = text;
        Headers = headers;
        Json = ParseJson(text);
    }

    /// <summary>JSON as the server wrote it (date-looking strings stay strings), or null when the text is not JSON.</summary>
    public static JToken? ParseJson(string text)
    {
        try
        {
            using var reader = new JsonTextReader(new System.IO.StringReader(text)) { DateParseHandling = DateParseHandling.None };
            var token = text.Length == 0 ? null : JToken.ReadFrom(reader);
            return reader.Read() ? null : token;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public int Status { get; }

    public string Text { get; }

    public JToken? Json { get; }

    public JObject Body => Json as JObject ?? throw new InvalidOperationException($"HTTP {Status} body is not an object: {Text}");

    public IReadOnlyDictionary<string, string> Headers { get; }

    public string? Type => Json?.SelectToken("NeutronError.type")?.ToString();

    public string? Message => Json?.SelectToken("NeutronError.message")?.ToString();

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Status} {Text}";
}

/// <summary>An embedded cloud with an HttpClient on its in-process handler, and tokens for its admin and member users.</summary>
public sealed class EmbeddedClient : IDisposable
{
    private readonly Dictionary<string, string> _tokens = new();

    public EmbeddedClient(EmbeddedCloudOptions? options = null)
        : this(new EmbeddedCloud(options))
    {
    }

    public EmbeddedClient(EmbeddedCloud cloud)
    {
        Cloud = cloud;
        Http = new HttpClient(cloud.CreateHandler());
    }

    public EmbeddedCloud Cloud { get; }

    public HttpClient Http { get; }

    public EmbeddedSeed Seed => Cloud.Seed;

    public static string PasswordAuth(string user, string password, string? project) =>
        "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"" + user + "\",\"domain\":{\"name\":\"Default\"},\"password\":\"" + password + "\"}}}"
        + (project == null ? "" : ",\"scope\":{\"project\":{\"name\":\"" + project + "\",\"domain\":{\"name\":\"Default\"}}}") + "}}";

    /// <summary>A project-scoped token of "admin" or "member" (cached).</summary>
    public async Task<string> TokenAsync(string user = "member")
    {
        if (!_tokens.TryGetValue(user, out var token))
        {
            var reply = await SendAsync("POST", new Uri(Cloud.AuthUrl, "auth/tokens"), PasswordAuth(user, user + "pass", user), null);
            _tokens[user] = token = reply.Header("X-Subject-Token") ?? throw new InvalidOperationException(reply.ToString());
        }

        return token;
    }

    /// <summary>A Neutron request; <paramref name="path"/> is below v2.0/, e.g. <c>vpn/ikepolicies?limit=1</c>.</summary>
    public async Task<Reply> NeutronAsync(string method, string path, string? body = null, string user = "member") =>
        await SendAsync(method, new Uri(Cloud.BaseUri, "network/v2.0/" + path), body, await TokenAsync(user));

    public Task<Reply> NeutronAsync(string method, string path, JObject body, string user = "member") =>
        NeutronAsync(method, path, body.ToString(Formatting.None), user);

    /// <summary>Creates a VPN object and returns its id; fails the test on any refusal.</summary>
    public async Task<string> CreateAsync(string collection, string singular, JObject fields, string user = "member")
    {
        var reply = await NeutronAsync("POST", "vpn/" + collection, new JObject { [singular] = fields }, user);
        return reply.Status == 201 ? (string)reply.Body[singular]!["id"]! : throw new InvalidOperationException($"POST {collection}: {reply}");
    }

    public Task<Reply> SendAsync(string method, Uri url, string? body, string? token, IDictionary<string, string>? headers = null) =>
        SendAsync(Http, method, url, body, token, headers);

    /// <summary>Sends one request on any HttpClient and reads the answer whole.</summary>
    public static async Task<Reply> SendAsync(HttpClient http, string method, Uri url, string? body, string? token, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body != null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token != null)
        {
            request.Headers.Add("X-Auth-Token", token);
        }

        foreach (var header in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(header.Key, header.Value);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var all = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Reply((int)response.StatusCode, text, all);
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>The member project's VPN building blocks, created through the API.</summary>
public sealed class MemberVpn
{
    public string IkePolicy { get; private set; } = "";

    public string IpsecPolicy { get; private set; } = "";

    /// <summary>A service with member-subnet: legacy (peer CIDR) mode.</summary>
    public string LegacyService { get; private set; } = "";

    /// <summary>A service without subnet: endpoint-group mode.</summary>
    public string GroupService { get; private set; } = "";

    public string LocalGroup { get; private set; } = "";

    public string PeerGroup { get; private set; } = "";

    public static async Task<MemberVpn> CreateAsync(EmbeddedClient client)
    {
        var vpn = new MemberVpn
        {
            IkePolicy = await client.CreateAsync("ikepolicies", "ikepolicy", new JObject { ["name"] = "ike1" }),
            IpsecPolicy = await client.CreateAsync("ipsecpolicies", "ipsecpolicy", new JObject { ["name"] = "ipsec1" }),
            LegacyService = await client.CreateAsync("vpnservices", "vpnservice", new JObject { ["name"] = "vpn1", ["router_id"] = client.Seed.MemberRouterId, ["subnet_id"] = client.Seed.MemberSubnetId }),
        };
        if (client.Cloud.Profile == EmbeddedProfile.Upstream)
        {
            vpn.GroupService = await client.CreateAsync("vpnservices", "vpnservice", new JObject { ["name"] = "vpn2", ["router_id"] = client.Seed.MemberRouterId });
            vpn.LocalGroup = await client.CreateAsync("endpoint-groups", "endpoint_group", new JObject { ["name"] = "local-eg", ["type"] = "subnet", ["endpoints"] = new JArray(client.Seed.MemberSubnetId) });
            vpn.PeerGroup = await client.CreateAsync("endpoint-groups", "endpoint_group", new JObject { ["name"] = "peer-eg", ["type"] = "cidr", ["endpoints"] = new JArray("10.2.0.0/24") });
        }

        return vpn;
    }

    /// <summary>A valid legacy-mode connection body; <paramref name="change"/> edits it.</summary>
    public JObject LegacyConnection(Action<JObject>? change = null)
    {
        var body = new JObject
        {
            ["vpnservice_id"] = LegacyService,
            ["ikepolicy_id"] = IkePolicy,
            ["ipsecpolicy_id"] = IpsecPolicy,
            ["peer_address"] = "172.24.4.226",
            ["peer_id"] = "172.24.4.226",
            ["psk"] = "secret",
            ["peer_cidrs"] = new JArray("10.1.0.0/24"),
        };
        change?.Invoke(body);
        return body;
    }

    /// <summary>A valid endpoint-group-mode connection body.</summary>
    public JObject GroupConnection(Action<JObject>? change = null)
    {
        var body = LegacyConnection(b =>
        {
            b.Remove("peer_cidrs");
            b["vpnservice_id"] = GroupService;
            b["local_ep_group_id"] = LocalGroup;
            b["peer_ep_group_id"] = PeerGroup;
        });
        change?.Invoke(body);
        return body;
    }
}
