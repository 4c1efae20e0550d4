using System.Linq;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// Reads Junos set commands (show configuration | display set): our VPN, its gateway, policies and proposals.
/// </summary>
internal sealed class JuniperSrxReader : VendorReader
{
    public override PeerConfigFormat Format => PeerConfigFormat.JuniperSrx;

    protected override VendorTable Table => JuniperSrx.Words;

    public override bool Recognise(string text) => text.Contains("set security ike gateway ");

    public override PeerSettings Read(string text, PeerSite? site)
    {
        var set = new SetCommands(text, Words);
        var vpns = set.Names("security", "ipsec", "vpn");
        var name = Pick(vpns, v => v, v => set.Value("security", "ike", "gateway", set.Value("security", "ipsec",
            "vpn", v, "ike", "gateway") ?? "", "address"), site);
        var vpn = new[] { "security", "ipsec", "vpn", name };
        var gateway = set.Value(vpn.Concat(new[] { "ike", "gateway" }).ToArray()) ?? "";
        string? Gw(params string[] rest) => set.Value(new[] { "security", "ike", "gateway", gateway }.Concat(rest)
            .ToArray());
        var ikePolicy = Gw("ike-policy") ?? "";
        var ikeProposal = set.Value("security", "ike", "policy", ikePolicy, "proposals") ?? "";
        string? Ike(string key) => set.Value("security", "ike", "proposal", ikeProposal, key);
        var ipsecPolicy = set.Value(vpn.Concat(new[] { "ike", "ipsec-policy" }).ToArray()) ?? "";
        var ipsecProposal = set.Value("security", "ipsec", "policy", ipsecPolicy, "proposals") ?? "";
        string? Esp(string key) => set.Value("security", "ipsec", "proposal", ipsecProposal, key);
        var f = new Found
        {
            Name = name,
            IkeVersion = Gw("version") == "v1-only" ? 1 : 2,
            LocalAddress = Gw("local-address"),
            RemoteAddress = Gw("address"),
            LocalId = Gw("local-identity")?.Split(' ').Last(),
            RemoteId = Gw("remote-identity")?.Split(' ').Last(),
            IkeEncryption = Ike("encryption-algorithm"),
            IkeIntegrity = Ike("authentication-algorithm"),
            IkeGroup = Ike("dh-group"),
            IkeLifetime = Int(Ike("lifetime-seconds")),
            Ah = Esp("protocol") == "ah",
            EspEncryption = Esp("encryption-algorithm"),
            EspIntegrity = Esp("authentication-algorithm"),
            ChildLifetime = Int(Esp("lifetime-seconds")),
            PfsGroup = set.Value("security", "ipsec", "policy", ipsecPolicy, "perfect-forward-secrecy", "keys"),
            Aggressive = set.Value("security", "ike", "policy", ikePolicy, "mode") == "aggressive",
            DpdOn = Gw("dead-peer-detection") != null,
            PeerStarts = set.Value(vpn.Concat(new[] { "establish-tunnels" }).ToArray()) == "immediately",
            Key = set.Value("security", "ike", "policy", ikePolicy, "pre-shared-key", "ascii-text"),
        };
        foreach (var selector in set.Names(vpn.Concat(new[] { "traffic-selector" }).ToArray()))
        {
            var ts = vpn.Concat(new[] { "traffic-selector", selector }).ToArray();
            f.LocalSubnets.AddRange(set.Under(ts.Concat(new[] { "local-ip" }).ToArray()).Select(r => r[0]));
            f.RemoteSubnets.AddRange(set.Under(ts.Concat(new[] { "remote-ip" }).ToArray()).Select(r => r[0]));
        }

        return Settings(f);
    }
}
