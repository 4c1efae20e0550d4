using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Tests.Differential;

/// <summary>
/// The member project's objects the catalogue refers to, made the same way on each backend (on the lab: as the member user,
/// in the member project only, with a router and subnet of its own), named by markers like &lt;conn1&gt;, and removed afterwards.
/// </summary>
public sealed class Workspace
{
    public const string Random = "13a5e5bc-fe5b-44e1-9ba0-d827663fa5f3";

    private readonly Backend _backend;
    private readonly List<(string Path, string Id)> _created = new();

    private Workspace(Backend backend, string prefix)
    {
        _backend = backend;
        Prefix = prefix;
    }

    /// <summary>Names get this prefix on the lab, so leftovers of an interrupted run can be found and removed.</summary>
    public string Prefix { get; }

    public Dictionary<string, string> Markers { get; } = new();

    public static async Task<Workspace> CreateAsync(Backend backend, string prefix)
    {
        var space = new Workspace(backend, prefix);
        var seed = backend.Seed;
        space.Markers["random"] = Random;
        space.Markers["p"] = prefix;
        space.Markers["member_project"] = (string)seed["member_project_id"]!;
        space.Markers["admin_ike"] = (string)seed["ikepolicy_id"]!;
        space.Markers["admin_svc"] = (string)seed["vpnservice_id"]!;
        space.Markers["admin_router"] = (string)seed["router_id"]!;
        space.Markers["admin_subnet"] = (string)seed["private_subnet_id"]!;
        space.Markers["ext_net"] = (string)seed["external_network_id"]!;
        if (backend.IsLab)
        {
            await space.RemoveLeftoversAsync();
            await space.MakeTopologyAsync();
        }
        else
        {
            // The member's seeded router and subnet stand for the lab's made ones, so member lists match item by item.
            space.Markers["router"] = (string)seed["member_router_id"]!;
            space.Markers["subnet"] = (string)seed["member_subnet_id"]!;
            space.Markers["net"] = (string)seed["member_network_id"]!;
        }

        await space.MakeVpnAsync();
        return space;
    }

    /// <summary>Replaces every &lt;marker&gt; by its value on this backend.</summary>
    public string Expand(string text) =>
        Regex.Replace(text, "<([a-z_0-9]+)>", m => Markers.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    /// <summary>Remembers an object a case created, so the teardown deletes it.</summary>
    public void Track(string path, string id) => _created.Add((path, id));

    /// <summary>Deletes everything made here, newest first; the lab's member project is left as it was found.</summary>
    public async Task TearDownAsync()
    {
        foreach (var (path, id) in Enumerable.Reverse(_created))
        {
            if (path.StartsWith("interface:", StringComparison.Ordinal))
            {
                await _backend.SendAsync("PUT", $"v2.0/routers/{id}/remove_router_interface", new JObject { ["subnet_id"] = path.Substring("interface:".Length) }.ToString(Formatting.None), "member");
            }
            else
            {
                await _backend.SendAsync("DELETE", $"{path}/{id}", null, "member");
            }
        }

        _created.Clear();
    }

    private async Task MakeVpnAsync()
    {
        var p = Prefix;
        await MakeAsync("ike", "v2.0/vpn/ikepolicies", "ikepolicy", new JObject { ["name"] = p + "ike1" });
        await MakeAsync("ipsec", "v2.0/vpn/ipsecpolicies", "ipsecpolicy", new JObject { ["name"] = p + "ipsec1" });
        await MakeAsync("svc", "v2.0/vpn/vpnservices", "vpnservice", new JObject { ["name"] = p + "vpn1", ["router_id"] = Markers["router"], ["subnet_id"] = Markers["subnet"] });
        await MakeAsync("svc_eg", "v2.0/vpn/vpnservices", "vpnservice", new JObject { ["name"] = p + "vpn2", ["router_id"] = Markers["router"] });
        await MakeAsync("local_eg", "v2.0/vpn/endpoint-groups", "endpoint_group", new JObject { ["name"] = p + "local-eg", ["type"] = "subnet", ["endpoints"] = new JArray(Markers["subnet"]) });
        await MakeAsync("peer_eg", "v2.0/vpn/endpoint-groups", "endpoint_group", new JObject { ["name"] = p + "peer-eg", ["type"] = "cidr", ["endpoints"] = new JArray("10.2.0.0/24") });
        await MakeAsync("conn1", "v2.0/vpn/ipsec-site-connections", "ipsec_site_connection", Connection(p + "conn1", "svc", "172.24.4.226", "secret", c => c["peer_cidrs"] = new JArray("10.1.0.0/24")));
        await MakeAsync("conn2", "v2.0/vpn/ipsec-site-connections", "ipsec_site_connection", Connection(p + "conn2", "svc_eg", "172.24.4.227", "secret2", c =>
        {
            c["local_ep_group_id"] = Markers["local_eg"];
            c["peer_ep_group_id"] = Markers["peer_eg"];
        }));
    }

    private JObject Connection(string name, string service, string peer, string psk, Action<JObject> mode)
    {
        var body = new JObject
        {
            ["name"] = name,
            ["vpnservice_id"] = Markers[service],
            ["ikepolicy_id"] = Markers["ike"],
            ["ipsecpolicy_id"] = Markers["ipsec"],
            ["peer_address"] = peer,
            ["peer_id"] = peer,
            ["psk"] = psk,
        };
        mode(body);
        return body;
    }

    private async Task MakeTopologyAsync()
    {
        var external = (string)_backend.Seed["external_network_id"]!;
        var network = await MakeAsync("net", "v2.0/networks", "network", new JObject { ["name"] = Prefix + "net" });
        var subnet = await MakeAsync("subnet", "v2.0/subnets", "subnet", new JObject { ["name"] = Prefix + "subnet", ["network_id"] = network, ["ip_version"] = 4, ["cidr"] = "10.10.0.0/24" });
        var router = await MakeAsync("router", "v2.0/routers", "router", new JObject { ["name"] = Prefix + "router", ["external_gateway_info"] = new JObject { ["network_id"] = external } });
        var attach = await _backend.SendAsync("PUT", $"v2.0/routers/{router}/add_router_interface", new JObject { ["subnet_id"] = subnet }.ToString(Formatting.None), "member");
        if (attach.Status != 200)
        {
            throw new InvalidOperationException($"{_backend.Name}: add_router_interface: {attach}");
        }

        _created.Add(("interface:" + subnet, router));
    }

    private async Task<string> MakeAsync(string marker, string path, string singular, JObject fields)
    {
        var reply = await _backend.SendAsync("POST", path, new JObject { [singular] = fields }.ToString(Formatting.None), "member");
        if (reply.Status != 201)
        {
            throw new InvalidOperationException($"{_backend.Name}: POST {path} for <{marker}>: {reply}");
        }

        var id = (string)reply.Body[singular]!["id"]!;
        Markers[marker] = id;
        _created.Add((path, id));
        return id;
    }

    /// <summary>Removes the member project's objects named with the prefix, left by a run that was interrupted.</summary>
    private async Task RemoveLeftoversAsync()
    {
        foreach (var (path, plural) in new[]
        {
            ("v2.0/vpn/ipsec-site-connections", "ipsec_site_connections"), ("v2.0/vpn/vpnservices", "vpnservices"),
            ("v2.0/vpn/endpoint-groups", "endpoint_groups"), ("v2.0/vpn/ikepolicies", "ikepolicies"), ("v2.0/vpn/ipsecpolicies", "ipsecpolicies"),
        })
        {
            foreach (var id in await OursAsync(path, plural))
            {
                await _backend.SendAsync("DELETE", $"{path}/{id}", null, "member");
            }
        }

        var subnets = await OursAsync("v2.0/subnets", "subnets");
        foreach (var router in await OursAsync("v2.0/routers", "routers"))
        {
            foreach (var subnet in subnets)
            {
                await _backend.SendAsync("PUT", $"v2.0/routers/{router}/remove_router_interface", new JObject { ["subnet_id"] = subnet }.ToString(Formatting.None), "member");
            }

            await _backend.SendAsync("DELETE", "v2.0/routers/" + router, null, "member");
        }

        foreach (var subnet in subnets)
        {
            await _backend.SendAsync("DELETE", "v2.0/subnets/" + subnet, null, "member");
        }

        foreach (var network in await OursAsync("v2.0/networks", "networks"))
        {
            await _backend.SendAsync("DELETE", "v2.0/networks/" + network, null, "member");
        }
    }

    private async Task<List<string>> OursAsync(string path, string plural)
    {
        var reply = await _backend.SendAsync("GET", path + "?fields=id&fields=name&fields=tenant_id", null, "member");
        return reply.Body[plural]!
            .Where(o => ((string?)o["name"] ?? "").StartsWith(Prefix, StringComparison.Ordinal) && (string?)o["tenant_id"] == Markers["member_project"])
            .Select(o => (string)o["id"]!)
            .ToList();
    }
}
