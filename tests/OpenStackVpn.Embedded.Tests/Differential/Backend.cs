using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded;

namespace OpenStackVpn.Embedded.Tests.Differential;

/// <summary>A cloud the catalogue is replayed against: the embedded one (in process), or the real lab on loopback.</summary>
public sealed class Backend : IDisposable
{
    private readonly Dictionary<string, string> _tokens = new();
    private readonly HttpClient _http;
    private readonly Func<string, string, string, bool> _setStatus;

    private Backend(string name, HttpClient http, Uri authUrl, Uri networkRoot, JObject seed, bool isLab, Func<string, string, string, bool> setStatus)
    {
        Name = name;
        _http = http;
        AuthUrl = authUrl;
        NetworkRoot = networkRoot;
        Seed = seed;
        IsLab = isLab;
        _setStatus = setStatus;
    }

    public string Name { get; }

    public Uri AuthUrl { get; }

    /// <summary>Neutron's root (versions live here; v2.0/… below it).</summary>
    public Uri NetworkRoot { get; }

    /// <summary>The lab's seed.json (the embedded cloud writes the same shape).</summary>
    public JObject Seed { get; }

    public bool IsLab { get; }

    /// <summary>The embedded cloud, without agents: objects stay PENDING_CREATE as in the lab.</summary>
    public static Backend Embedded()
    {
        var cloud = new EmbeddedCloud(new EmbeddedCloudOptions { ActivationDelay = null });
        var seed = JObject.Parse(cloud.Seed.ToJson());
        seed["member_router_id"] = cloud.Seed.MemberRouterId;
        seed["member_subnet_id"] = cloud.Seed.MemberSubnetId;
        seed["member_network_id"] = cloud.Seed.MemberNetworkId;
        return new Backend("embedded", new HttpClient(cloud.CreateHandler()), cloud.AuthUrl, new Uri(cloud.BaseUri, "network/"), seed, false, (kind, id, status) =>
        {
            cloud.SetStatus(kind, id, status);
            return true;
        });
    }

    /// <summary>The lab whose state dir (seed.json, set-status.sh) is given; only loopback URLs are accepted.</summary>
    public static Backend Lab(string stateDir)
    {
        var seed = JObject.Parse(File.ReadAllText(Path.Combine(stateDir, "seed.json")));
        var authUrl = new Uri(((string)seed["auth_url"]!).TrimEnd('/') + "/");
        var networkRoot = new Uri(((string)seed["network_url"]!).TrimEnd('/') + "/");
        if (!authUrl.IsLoopback || !networkRoot.IsLoopback)
        {
            throw new InvalidOperationException($"The lab in {stateDir} is not on loopback ({authUrl}, {networkRoot}); refusing to talk to it.");
        }

        var script = Path.Combine(stateDir, "set-status.sh");
        return new Backend("lab", new HttpClient { Timeout = TimeSpan.FromSeconds(180) }, authUrl, networkRoot, seed, true, (kind, id, status) => File.Exists(script) && Run(script, kind, id, status));
    }

    /// <summary>Sends to Keystone when the path starts with <c>identity/</c> (relative to the v3 URL), else to Neutron's root.</summary>
    public async Task<Reply> SendAsync(string method, string path, string? body, string user)
    {
        var url = path.StartsWith("identity/", StringComparison.Ordinal)
            ? new Uri(AuthUrl, path.Substring("identity/".Length))
            : new Uri(NetworkRoot, path);
        var token = user switch
        {
            "none" => null,
            "bad" => "bogus-token",
            _ => await TokenAsync(user),
        };
        return await EmbeddedClient.SendAsync(_http, method, url, body, token);
    }

    public bool SetStatus(string kind, string id, string status) => _setStatus(kind, id, status);

    public void Dispose() => _http.Dispose();

    private async Task<string> TokenAsync(string user)
    {
        if (!_tokens.TryGetValue(user, out var token))
        {
            var reply = await EmbeddedClient.SendAsync(_http, "POST", new Uri(AuthUrl, "auth/tokens"), EmbeddedClient.PasswordAuth(user, user + "pass", user), null);
            _tokens[user] = token = reply.Header("X-Subject-Token") ?? throw new InvalidOperationException($"{Name}: no token for {user}: {reply}");
        }

        return token;
    }

    private static bool Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit(30000);
        return process.HasExited && process.ExitCode == 0;
    }
}
