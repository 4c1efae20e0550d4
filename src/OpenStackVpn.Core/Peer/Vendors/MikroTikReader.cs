using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// Reads a RouterOS export (/export or /ip ipsec export): our peer and the profile, proposal, identity and policies it
/// uses.
/// </summary>
internal sealed class MikroTikReader : VendorReader
{
    public override PeerConfigFormat Format => PeerConfigFormat.MikroTik;

    protected override VendorTable Table => MikroTik.Words;

    public override bool Recognise(string text) => text.Contains("/ip ipsec");

    public override PeerSettings Read(string text, PeerSite? site)
    {
        var items = Items(text);
        List<Dictionary<string, string>> Menu(string menu) => items.Where(i => i.Menu == menu).Select(i => i.Values)
            .ToList();
        string? Get(Dictionary<string, string>? d, string key) => d != null && d.TryGetValue(key, out var v) ? v : null;
        var peer = Pick(Menu("peer"), p => Get(p, "name"), p => Get(p, "address")?.Split('/')[0], site);
        var name = Get(peer, "name");
        var profile = Menu("profile").FirstOrDefault(p => Get(p, "name") == (Get(peer, "profile") ?? "default"));
        var identity = Menu("identity").FirstOrDefault(i => Get(i, "peer") == name);
        var policies = Menu("policy").Where(p => Get(p, "peer") == name).ToList();
        var proposal = Menu("proposal").FirstOrDefault(p => Get(p, "name") == (Get(policies.FirstOrDefault(),
            "proposal") ?? "default"));
        var mode = Get(peer, "exchange-mode") ?? "main";
        var f = new Found
        {
            Name = name,
            IkeVersion = mode == "ike2" ? 2 : 1,
            Aggressive = mode == "aggressive",
            LocalAddress = Get(peer, "local-address"),
            RemoteAddress = Get(peer, "address")?.Split('/')[0],
            LocalId = Get(identity, "my-id")?.Split(':').Last(),
            RemoteId = Get(identity, "remote-id")?.Split(':').Last(),
            IkeEncryption = Get(profile, "enc-algorithm")?.Split(',')[0],
            IkeIntegrity = Get(profile, "hash-algorithm"),
            IkeGroup = Get(profile, "dh-group")?.Split(',')[0],
            IkeLifetime = Seconds(Get(profile, "lifetime")),
            DpdOn = Get(profile, "dpd-interval") is { } dpd && dpd != "disable-dpd",
            EspEncryption = Get(proposal, "enc-algorithms")?.Split(',')[0] is { } e && e != "null" ? e : null,
            EspIntegrity = Get(proposal, "auth-algorithms")?.Split(',')[0] is { } a && a != "null" ? a : null,
            PfsGroup = Get(proposal, "pfs-group"),
            ChildLifetime = Seconds(Get(proposal, "lifetime")),
            Ah = Get(policies.FirstOrDefault(), "ipsec-protocols") == "ah",
            Mode = Get(policies.FirstOrDefault(), "tunnel") == "no" ? "transport" : "tunnel",
            Key = Get(identity, "secret"),
        };
        foreach (var policy in policies)
        {
            f.LocalSubnets.Add(Get(policy, "src-address") ?? "");
            f.RemoteSubnets.Add(Get(policy, "dst-address") ?? "");
        }

        return Settings(f);
    }

    /// <summary>
    /// Every "add key=value..." of every /ip ipsec menu (a menu line alone sets the menu for the lines after it).
    /// </summary>
    private static List<(string Menu, Dictionary<string, string> Values)> Items(string text)
    {
        var items = new List<(string, Dictionary<string, string>)>();
        var menu = "";
        // RouterOS exports wrap long lines with a trailing backslash.
        foreach (var line in Lines(Regex.Replace(text, @"\\\r?\n\s*", "")).Where(l => !l.StartsWith("#",
            StringComparison.Ordinal)))
        {
            var words = Words(line);
            if (words[0].StartsWith("/", StringComparison.Ordinal))
            {
                // "/ip ipsec peer add ..." or "/ip/ipsec/peer add ...": the menu is every word up to the command.
                var menuWords = words.TakeWhile(x => !x.Contains('=') && x != "add" && x != "set" && x != "remove")
                    .ToList();
                var path = string.Join("/", menuWords).Split('/').Where(p => p.Length > 0).ToList();
                menu = path.Count == 3 && path[0] == "ip" && path[1] == "ipsec" ? path[2] : "";
                words = words.Skip(menuWords.Count).ToList();
            }

            if (menu.Length > 0 && words.Count > 0 && words[0] == "add")
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var word in words.Skip(1).Where(x => x.Contains('=')))
                {
                    values[word.Substring(0, word.IndexOf('='))] = word.Substring(word.IndexOf('=') + 1);
                }

                items.Add((menu, values));
            }
        }

        return items;
    }

    private static int? Seconds(string? value)
    {
        if (value == null)
        {
            return null;
        }

        var total = 0;
        foreach (Match m in Regex.Matches(value, @"(\d+)([wdhms]?)"))
        {
            var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch { "w" => n * 604800, "d" => n * 86400, "h" => n * 3600, "m" => n * 60,
                _ => n };
        }

        return total;
    }
}
