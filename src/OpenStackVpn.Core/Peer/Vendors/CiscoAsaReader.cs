using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// Reads an ASA running configuration: our crypto map entry, its access list, proposal, tunnel group and interface.
/// </summary>
internal sealed class CiscoAsaReader : VendorReader
{
    public override PeerConfigFormat Format => PeerConfigFormat.CiscoAsa;

    protected override VendorTable Table => CiscoAsa.Words;

    public override bool Recognise(string text) => text.Contains("tunnel-group ") && text.Contains("crypto map ");

    public override PeerSettings Read(string text, PeerSite? site)
    {
        var config = new CiscoBlocks(text);
        // crypto map MAP SEQ ...: one entry per map name and sequence number.
        var entries = config.Heads.Where(h => h.StartsWith("crypto map ", StringComparison.Ordinal))
            .Select(h => h.Split(' ')).Where(p => p.Length > 4 && p[3] != "interface")
            .GroupBy(p => p[2] + " " + p[3])
            .Select(g => (Key: g.Key, Lines: g.Select(p => string.Join(" ", p.Skip(4))).ToList())).ToList();
        var entry = Pick(entries, e => CiscoBlocks.Value(e.Lines, "match address"), e => CiscoBlocks.Value(e.Lines,
            "set peer"), site);
        var f = new Found
        {
            Name = CiscoBlocks.Value(entry.Lines, "match address"),
            RemoteAddress = CiscoBlocks.Value(entry.Lines, "set peer"),
            PfsGroup = CiscoBlocks.Value(entry.Lines, "set pfs"),
            ChildLifetime = Int(CiscoBlocks.Value(entry.Lines, "set security-association lifetime seconds")),
            Aggressive = entry.Lines.Contains("set phase1-mode aggressive"),
        };
        var mapName = entry.Key.Split(' ')[0];
        var nameif = config.Heads.FirstOrDefault(h => h.StartsWith($"crypto map {mapName} interface ",
            StringComparison.Ordinal))?.Split(' ').Last();
        var iface = config.Starting("interface ").FirstOrDefault(b => b.Body.Contains($"nameif {nameif}")).Body;
        f.LocalAddress = iface == null ? null : CiscoBlocks.Value(iface, "ip address")?.Split(' ')[0];
        ReadNetworks(config, f);
        var attributes = config.Body($"tunnel-group {f.RemoteAddress} ipsec-attributes");
        f.DpdOn = attributes.Any(l => l.StartsWith("isakmp keepalive threshold", StringComparison.Ordinal));
        if (CiscoBlocks.Value(entry.Lines, "set ikev2 ipsec-proposal") is { } proposalName)
        {
            f.IkeVersion = 2;
            var proposal = config.Body($"crypto ipsec ikev2 ipsec-proposal {proposalName}");
            f.EspEncryption = CiscoBlocks.Value(proposal, "protocol esp encryption");
            f.EspIntegrity = CiscoBlocks.Value(proposal, "protocol esp integrity") is { } i && i != "null" ? i : null;
            f.Key = CiscoBlocks.Value(attributes, "ikev2 local-authentication pre-shared-key");
        }
        else
        {
            f.IkeVersion = 1;
            var setName = CiscoBlocks.Value(entry.Lines, "set ikev1 transform-set");
            var set = config.Heads.FirstOrDefault(h => h.StartsWith($"crypto ipsec ikev1 transform-set {setName} ",
                StringComparison.Ordinal));
            var words = set?.Split(' ') ?? Array.Empty<string>();
            f.EspEncryption = words.Length > 5 ? words[5].Replace("esp-", "") : null;
            f.EspIntegrity = words.Length > 6 && words[6] == "esp-sha-hmac" ? "sha-1" : words.ElementAtOrDefault(6);
            f.Key = CiscoBlocks.Value(attributes, "ikev1 pre-shared-key");
        }

        // The policy the ASA offers first: the lowest priority number.
        var policy = config.Starting($"crypto ikev{f.IkeVersion} policy ").OrderBy(b => Int(b.Head.Split(' ').Last())
            ?? int.MaxValue)
            .FirstOrDefault().Body ?? new List<string>();
        f.IkeEncryption = CiscoBlocks.Value(policy, "encryption");
        f.IkeIntegrity = f.IkeVersion == 1 ? CiscoBlocks.Value(policy, "hash") : CiscoBlocks.Value(policy, "prf");
        f.IkeGroup = CiscoBlocks.Value(policy, "group");
        f.IkeLifetime = Int(CiscoBlocks.Value(policy, "lifetime")?.Replace("seconds ", ""));
        return Settings(f);
    }

    private static void ReadNetworks(CiscoBlocks config, Found f)
    {
        var prefix = $"access-list {f.Name} extended permit ip ";
        foreach (var rule in config.Heads.Where(h => h.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var p = rule.Substring(prefix.Length).Split(' ');
            if (p.Length >= 4 && p[0] == "object-group" && p[2] == "object-group")
            {
                f.LocalSubnets.AddRange(Group(config, p[1]));
                f.RemoteSubnets.AddRange(Group(config, p[3]));
            }
            else if (p.Length >= 4)
            {
                f.LocalSubnets.Add(VendorDialect.Cidr(p[0], p[1]));
                f.RemoteSubnets.Add(VendorDialect.Cidr(p[2], p[3]));
            }
        }
    }

    private static IEnumerable<string> Group(CiscoBlocks config, string name) =>
        config.Body($"object-group network {name}").Select(l => l.Split(' '))
            .Where(p => p.Length == 3 && p[0] == "network-object").Select(p => VendorDialect.Cidr(p[1], p[2]));
}
