using System.Text;
using static OpenStackVpn.Core.Peer.Vendors.CiscoIosXe;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// VyOS 1.4 set commands: authentication psk, ike-group, esp-group and a site-to-site peer with one tunnel per pair.
/// </summary>
internal sealed class VyOS : VendorDialect
{
    internal const string SiteToSiteDoc = "https://docs.vyos.io/en/sagitta/configuration/vpn/site2site_ipsec.html";

    internal const string DefinitionDoc =
        "https://github.com/vyos/vyos-1x/blob/sagitta/interface-definitions/vpn_ipsec.xml.in";

    internal static readonly VendorTable Words = new()
    {
        IkeEncryption = Map(("3des", "3des"), ("aes-128", "aes128"), ("aes-192", "aes192"), ("aes-256", "aes256"),
            ("aes-128-gcm-16", "aes128gcm128"), ("aes-192-gcm-16", "aes192gcm128"), ("aes-256-gcm-16", "aes256gcm128")),
        IkeIntegrity = Map(("sha1", "sha1"), ("sha256", "sha256"), ("sha384", "sha384"), ("sha512", "sha512"),
            ("aes-xcbc", "aesxcbc")),
        IkeGroup = Map(("group2", "2"), ("group5", "5"), ("group14", "14"), ("group15", "15"), ("group16", "16"),
            ("group18", "18"), ("group19", "19"), ("group20", "20"), ("group21", "21"), ("group31", "31")),
        EspEncryption = Map(("3des", "3des"), ("aes-128", "aes128"), ("aes-192", "aes192"), ("aes-256", "aes256"),
            ("aes-128-gcm-16", "aes128gcm128"), ("aes-192-gcm-16", "aes192gcm128"), ("aes-256-gcm-16", "aes256gcm128")),
        EspIntegrity = Map(("sha1", "sha1"), ("sha256", "sha256"), ("sha384", "sha384"), ("sha512", "sha512"),
            ("aes-xcbc", "aesxcbc")),
        PfsGroup = Map(("group2", "dh-group2"), ("group5", "dh-group5"), ("group14", "dh-group14"), ("group15",
            "dh-group15"),
            ("group16", "dh-group16"), ("group18", "dh-group18"), ("group19", "dh-group19"), ("group20", "dh-group20"),
            ("group21", "dh-group21"), ("group31", "dh-group31")),
        // VyOS passes the action to strongSwan: hold traps the policy, clear drops it, restart renegotiates at once.
        DpdAction = Map(("hold", "hold"), ("clear", "clear"), ("restart", "restart"), ("restart-by-peer", "clear"),
            ("disabled", "")),
        Refused = { ["transform protocol=ah"] = "an esp-group negotiates ESP only" },
        Sources = new[] { SiteToSiteDoc, DefinitionDoc },
    };

    public override PeerConfigFormat Format => PeerConfigFormat.VyOS;

    public override string Platform => "VyOS 1.4";

    public override VendorTable Table => Words;

    protected override string Extension => ".vyos.set";

    protected override string Key(string key) => "'" + key + "'";

    protected override string? KeyRefusal(string key) =>
        key.IndexOf('\'') >= 0 ? "the configuration shell quotes a key in single quotes; choose a key without one."
            : null;

    protected override void Body(VendorWords w, StringBuilder text)
    {
        var s = w.Settings;
        var n = w.Name;
        Source(text, SiteToSiteDoc);
        text.Append($"set vpn ipsec authentication psk {n} id '{VendorWords.Bare(s.LocalId)}'\n");
        text.Append($"set vpn ipsec authentication psk {n} id '{VendorWords.Bare(s.RemoteId)}'\n");
        text.Append($"set vpn ipsec authentication psk {n} secret {w.Key}\n");
        Source(text, DefinitionDoc);
        var ike = $"set vpn ipsec ike-group {n} ";
        text.Append(ike + $"key-exchange {(w.IkeV1 ? "ikev1" : "ikev2")}\n");
        text.Append(ike + $"lifetime {Seconds(s.IkeLifetime)}\n");
        if (w.IkeV1)
        {
            text.Append(ike + $"mode {(w.Aggressive ? "aggressive" : "main")}\n");
        }

        text.Append(ike + $"proposal 1 encryption {w.IkeEncryption}\n");
        text.Append(ike + $"proposal 1 hash {w.IkeIntegrity}\n");
        text.Append(ike + $"proposal 1 dh-group {w.IkeGroup}\n");
        if (w.DpdOn)
        {
            text.Append(ike + $"dead-peer-detection action {w.DpdAction}\n");
            text.Append(ike + $"dead-peer-detection interval {s.DpdDelay}\n");
            text.Append(ike + $"dead-peer-detection timeout {s.DpdTimeout}\n");
        }

        var esp = $"set vpn ipsec esp-group {n} ";
        text.Append(esp + $"lifetime {Seconds(s.ChildLifetime)}\n");
        text.Append(esp + $"mode {s.Mode}\n");
        text.Append(esp + $"pfs {w.PfsGroup}\n");
        text.Append(esp + $"proposal 1 encryption {w.EspEncryption}\n");
        if (w.EspIntegrity != null)
        {
            text.Append(esp + $"proposal 1 hash {w.EspIntegrity}\n");
        }

        Source(text, SiteToSiteDoc);
        var peer = $"set vpn ipsec site-to-site peer {n} ";
        text.Append(peer + "authentication mode pre-shared-secret\n");
        text.Append(peer + $"authentication local-id '{VendorWords.Bare(s.LocalId)}'\n");
        text.Append(peer + $"authentication remote-id '{VendorWords.Bare(s.RemoteId)}'\n");
        text.Append(peer + $"connection-type {(w.PeerStarts ? "initiate" : "respond")}\n");
        text.Append(peer + $"ike-group {n}\n");
        text.Append(peer + $"default-esp-group {n}\n");
        text.Append(peer + $"local-address {s.LocalAddress}\n");
        text.Append(peer + $"remote-address {s.RemoteAddress}\n");
        foreach (var (local, remote, i) in w.Pairs)
        {
            text.Append(peer + $"tunnel {i} local prefix {local}\n");
            text.Append(peer + $"tunnel {i} remote prefix {remote}\n");
        }

        Line(text,
            $"Also: set vpn ipsec interface <the interface that owns {s.LocalAddress}>, and exempt this traffic"
                + $" from source NAT.");
    }
}
