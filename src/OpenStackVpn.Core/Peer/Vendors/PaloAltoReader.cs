using System.Linq;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// Reads PAN-OS set commands (show config running, set format): our IPsec tunnel, its gateway and profiles.
/// </summary>
internal sealed class PaloAltoReader : VendorReader
{
    public override PeerConfigFormat Format => PeerConfigFormat.PaloAlto;

    protected override VendorTable Table => PaloAlto.Words;

    public override bool Recognise(string text) => text.Contains("set network ike gateway ");

    public override PeerSettings Read(string text, PeerSite? site)
    {
        var set = new SetCommands(text, Words);
        var tunnels = set.Names("network", "tunnel", "ipsec");
        string? Gateway(string t) => set.Value("network", "tunnel", "ipsec", t, "auto-key", "ike-gateway");
        var name = Pick(tunnels, t => t, t => set.Value("network", "ike", "gateway", Gateway(t) ?? "",
            "peer-address", "ip"), site);
        var gw = Gateway(name) ?? "";
        string? Gw(params string[] rest) => set.Value(new[] { "network", "ike", "gateway", gw }.Concat(rest).ToArray());
        var version = Gw("protocol", "version") == "ikev1" ? "ikev1" : "ikev2";
        var ikeProfile = Gw("protocol", version, "ike-crypto-profile") ?? "";
        string? Ike(params string[] rest) =>
            set.Value(new[] { "network", "ike", "crypto-profiles", "ike-crypto-profiles", ikeProfile }.Concat(rest)
                .ToArray());
        var ipsecProfile = set.Value("network", "tunnel", "ipsec", name, "auto-key", "ipsec-crypto-profile") ?? "";
        string? Esp(params string[] rest) =>
            set.Value(new[] { "network", "ike", "crypto-profiles", "ipsec-crypto-profiles",
                ipsecProfile }.Concat(rest).ToArray());
        var ah = Esp("ah", "authentication");
        var f = new Found
        {
            Name = name,
            IkeVersion = version == "ikev1" ? 1 : 2,
            LocalAddress = Gw("local-address", "interface")?.Split(' ').Last().Split('/')[0],
            RemoteAddress = Gw("peer-address", "ip"),
            LocalId = Gw("local-id")?.Split(' ').Last(),
            RemoteId = Gw("peer-id")?.Split(' ').Last(),
            IkeEncryption = Ike("encryption"),
            IkeIntegrity = Ike("hash"),
            IkeGroup = Ike("dh-group"),
            IkeLifetime = Int(Ike("lifetime", "seconds")),
            Ah = ah != null,
            EspEncryption = Esp("esp", "encryption"),
            EspIntegrity = ah ?? (Esp("esp", "authentication") is { } a && a != "none" ? a : null),
            PfsGroup = Esp("dh-group"),
            ChildLifetime = Int(Esp("lifetime", "seconds")),
            Aggressive = Gw("protocol", "ikev1", "exchange-mode") == "aggressive",
            DpdOn = Gw("protocol", version, "dpd", "enable") == "yes",
            Key = Gw("authentication", "pre-shared-key", "key"),
        };
        foreach (var proxy in set.Names("network", "tunnel", "ipsec", name, "auto-key", "proxy-id"))
        {
            var path = new[] { "network", "tunnel", "ipsec", name, "auto-key", "proxy-id", proxy };
            f.LocalSubnets.AddRange(set.Under(path.Concat(new[] { "local" }).ToArray()).Select(r => r[0]));
            f.RemoteSubnets.AddRange(set.Under(path.Concat(new[] { "remote" }).ToArray()).Select(r => r[0]));
        }

        return Settings(f);
    }
}
