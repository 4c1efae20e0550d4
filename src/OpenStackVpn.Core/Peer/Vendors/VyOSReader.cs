using System.Linq;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// Reads VyOS set commands (show configuration commands): our site-to-site peer, its groups and its key.
/// </summary>
internal sealed class VyOSReader : VendorReader
{
    public override PeerConfigFormat Format => PeerConfigFormat.VyOS;

    protected override VendorTable Table => VyOS.Words;

    public override bool Recognise(string text) => text.Contains("set vpn ipsec ");

    public override PeerSettings Read(string text, PeerSite? site)
    {
        var set = new SetCommands(text, Words);
        var name = Pick(set.Names("vpn", "ipsec", "site-to-site", "peer"), p => p,
            p => set.Value("vpn", "ipsec", "site-to-site", "peer", p, "remote-address"), site);
        string? Peer(params string[] rest) => set.Value(new[] { "vpn", "ipsec", "site-to-site", "peer",
            name }.Concat(rest).ToArray());
        var ikeGroup = Peer("ike-group") ?? "";
        string? Ike(params string[] rest) => set.Value(new[] { "vpn", "ipsec", "ike-group", ikeGroup }.Concat(rest)
            .ToArray());
        var espGroup = Peer("default-esp-group") ?? Peer("tunnel", "1", "esp-group") ?? "";
        string? Esp(params string[] rest) => set.Value(new[] { "vpn", "ipsec", "esp-group", espGroup }.Concat(rest)
            .ToArray());
        var remote = Peer("remote-address");
        // The key is the psk entry of the peer's name, else the one whose ids name the cloud's address or id (VyOS 1.4
        // keeps keys apart from peers).
        var remoteId = Peer("authentication", "remote-id") ?? remote;
        var psks = set.Names("vpn", "ipsec", "authentication", "psk");
        var psk = psks.Contains(name) ? name : psks.FirstOrDefault(k => set.Under("vpn", "ipsec", "authentication",
            "psk", k, "id").Any(r => r.Count > 0 && r[0] == remoteId));
        var f = new Found
        {
            Name = name,
            IkeVersion = Ike("key-exchange") == "ikev1" ? 1 : 2,
            LocalAddress = Peer("local-address"),
            RemoteAddress = remote,
            LocalId = Peer("authentication", "local-id"),
            RemoteId = Peer("authentication", "remote-id"),
            IkeEncryption = Ike("proposal", "1", "encryption"),
            IkeIntegrity = Ike("proposal", "1", "hash"),
            IkeGroup = Ike("proposal", "1", "dh-group"),
            IkeLifetime = Int(Ike("lifetime")),
            Aggressive = Ike("mode") == "aggressive",
            DpdOn = Ike("dead-peer-detection", "action") != null,
            EspEncryption = Esp("proposal", "1", "encryption"),
            EspIntegrity = Esp("proposal", "1", "hash"),
            PfsGroup = Esp("pfs"),
            ChildLifetime = Int(Esp("lifetime")),
            Mode = Esp("mode") ?? "tunnel",
            PeerStarts = Peer("connection-type") == "initiate",
            Key = psk == null ? null : set.Value("vpn", "ipsec", "authentication", "psk", psk, "secret"),
        };
        foreach (var tunnel in set.Names("vpn", "ipsec", "site-to-site", "peer", name, "tunnel"))
        {
            f.LocalSubnets.AddRange(set.Under("vpn", "ipsec", "site-to-site", "peer", name, "tunnel", tunnel,
                "local", "prefix").Select(r => r[0]));
            f.RemoteSubnets.AddRange(set.Under("vpn", "ipsec", "site-to-site", "peer", name, "tunnel", tunnel,
                "remote", "prefix").Select(r => r[0]));
        }

        return Settings(f);
    }
}
