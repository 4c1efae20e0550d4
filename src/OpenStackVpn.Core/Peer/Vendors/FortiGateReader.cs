using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// Reads a FortiOS configuration (show full-configuration or a backup): our phase1-interface and its phase2s.
/// </summary>
internal sealed class FortiGateReader : VendorReader
{
    public override PeerConfigFormat Format => PeerConfigFormat.FortiGate;

    protected override VendorTable Table => FortiGate.Words;

    public override bool Recognise(string text) => text.Contains("config vpn ipsec phase1-interface");

    public override PeerSettings Read(string text, PeerSite? site)
    {
        var sections = Parse(text);
        var phase1s = Entries(sections, "vpn ipsec phase1-interface");
        var p1 = Pick(phase1s, e => e.Name, e => Get(e, "remote-gw"), site);
        var phase2s = Entries(sections, "vpn ipsec phase2-interface").Where(e => Get(e, "phase1name") == p1.Name)
            .ToList();
        var ikeProposal = Split(Get(p1, "proposal"));
        var f = new Found
        {
            Name = p1.Name,
            IkeVersion = Int(Get(p1, "ike-version")) ?? 1,
            LocalAddress = Get(p1, "local-gw"),
            RemoteAddress = Get(p1, "remote-gw"),
            LocalId = Get(p1, "localid"),
            RemoteId = Get(p1, "peertype") == "one" ? Get(p1, "peerid") : null,
            IkeEncryption = ikeProposal.Encryption,
            IkeIntegrity = ikeProposal.Integrity,
            IkeGroup = Get(p1, "dhgrp")?.Split(' ')[0],
            IkeLifetime = Int(Get(p1, "keylife")),
            Aggressive = Get(p1, "mode") == "aggressive",
            DpdOn = Get(p1, "dpd") is { } dpd && dpd != "disable",
            Key = Get(p1, "psksecret"),
        };
        foreach (var p2 in phase2s)
        {
            var proposal = Split(Get(p2, "proposal"));
            f.EspEncryption = proposal.Encryption;
            f.EspIntegrity = proposal.Integrity;
            f.PfsGroup = Get(p2, "pfs") == "disable" ? null : Get(p2, "dhgrp")?.Split(' ')[0];
            f.ChildLifetime = Int(Get(p2, "keylifeseconds"));
            f.Mode = Get(p2, "encapsulation") == "transport-mode" ? "transport" : "tunnel";
            f.PeerStarts = Get(p2, "auto-negotiate") == "enable";
            if (Get(p2, "src-subnet")?.Split(' ') is { Length: 2 } src && Get(p2,
                "dst-subnet")?.Split(' ') is { Length: 2 } dst)
            {
                f.LocalSubnets.Add(VendorDialect.Cidr(src[0], src[1]));
                f.RemoteSubnets.Add(VendorDialect.Cidr(dst[0], dst[1]));
            }
        }

        return Settings(f);
    }

    /// <summary>aes256-sha256 or aes256gcm-prfsha256 (the first of several proposals).</summary>
    private static (string? Encryption, string? Integrity) Split(string? proposal)
    {
        var first = proposal?.Split(' ')[0];
        if (first == null)
        {
            return (null, null);
        }

        var parts = first.Split('-');
        var integrity = parts.Length > 1 ? parts[1] : null;
        return (parts[0], integrity?.StartsWith("prf", StringComparison.Ordinal) == true ? integrity.Substring(3)
            : integrity);
    }

    private static string? Get((string Name, Dictionary<string, string> Values) entry, string key) =>
        entry.Values.TryGetValue(key, out var v) ? v : null;

    private static List<(string Name, Dictionary<string, string> Values)> Entries(
        Dictionary<string, List<(string Name, Dictionary<string, string> Values)>> sections, string name) =>
        sections.TryGetValue(name, out var list) ? list : new List<(string, Dictionary<string, string>)>();

    /// <summary>config SECTION / edit NAME / set KEY VALUE / next / end, nested sections skipped.</summary>
    private static Dictionary<string, List<(string Name, Dictionary<string, string> Values)>> Parse(string text)
    {
        var sections = new Dictionary<string, List<(string, Dictionary<string, string>)>>();
        var stack = new Stack<string>();
        Dictionary<string, string>? entry = null;
        foreach (var line in Lines(text).Where(l => !l.StartsWith("#", StringComparison.Ordinal)))
        {
            var words = Words(line);
            switch (words[0])
            {
                case "config":
                    stack.Push(string.Join(" ", words.Skip(1)));
                    break;
                case "end" when stack.Count > 0:
                    stack.Pop();
                    break;
                case "edit" when stack.Count > 0 && words.Count > 1:
                    entry = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (!sections.TryGetValue(stack.Peek(), out var list))
                    {
                        sections[stack.Peek()] = list = new List<(string, Dictionary<string, string>)>();
                    }

                    list.Add((words[1], entry));
                    break;
                case "next":
                    entry = null;
                    break;
                case "set" when entry != null && words.Count > 2:
                    entry[words[1]] = string.Join(" ", words.Skip(2));
                    break;
            }
        }

        return sections;
    }
}
