using System.Text;
using static OpenStackVpn.Core.Peer.Vendors.CiscoIosXe;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>FortiOS CLI: phase1-interface and phase2-interface, a static route and the two firewall policies.</summary>
internal sealed class FortiGate : VendorDialect
{
    internal const string Phase1Doc =
        "https://docs.ansible.com/ansible/latest/collections/fortinet/fortios/" +
            "fortios_vpn_ipsec_phase1_interface_module.html";

    internal const string Phase2Doc =
        "https://docs.ansible.com/ansible/latest/collections/fortinet/fortios/" +
            "fortios_vpn_ipsec_phase2_interface_module.html";

    internal const string SiteToSiteDoc =
        "https://docs.fortinet.com/document/fortigate/7.4.0/administration-guide/762500/" +
            "basic-site-to-site-vpn-with-pre-shared-key";

    internal static readonly VendorTable Words = new()
    {
        IkeEncryption = Map(("3des", "3des"), ("aes-128", "aes128"), ("aes-192", "aes192"), ("aes-256", "aes256"),
            ("aes-128-gcm-16", "aes128gcm"), ("aes-256-gcm-16", "aes256gcm")),
        IkeIntegrity = Map(("sha1", "sha1"), ("sha256", "sha256"), ("sha384", "sha384"), ("sha512", "sha512")),
        IkeGroup = Map(("group2", "2"), ("group5", "5"), ("group14", "14"), ("group15", "15"), ("group16", "16"),
            ("group18", "18"), ("group19", "19"), ("group20", "20"), ("group21", "21"), ("group31", "31")),
        EspEncryption = Map(("3des", "3des"), ("aes-128", "aes128"), ("aes-192", "aes192"), ("aes-256", "aes256"),
            ("aes-128-gcm-16", "aes128gcm"), ("aes-256-gcm-16", "aes256gcm")),
        EspIntegrity = Map(("sha1", "sha1"), ("sha256", "sha256"), ("sha384", "sha384"), ("sha512", "sha512")),
        PfsGroup = Map(("group2", "2"), ("group5", "5"), ("group14", "14"), ("group15", "15"), ("group16", "16"),
            ("group18", "18"), ("group19", "19"), ("group20", "20"), ("group21", "21"), ("group31", "31")),
        // FortiOS DPD detects only (on-idle probes when idle); the tunnel comes back by auto-negotiate or traffic.
        DpdAction = Map(("hold", "on-idle"), ("clear", "on-idle"), ("restart", "on-idle"), ("restart-by-peer",
            "on-idle"),
            ("disabled", "disable")),
        Refused = { ["transform protocol=ah"] = "phase2-interface negotiates ESP only" },
        Sources = new[] { Phase1Doc, Phase2Doc, SiteToSiteDoc },
    };

    public override PeerConfigFormat Format => PeerConfigFormat.FortiGate;

    public override string Platform => "FortiGate (FortiOS)";

    public override VendorTable Table => Words;

    protected override string Extension => ".fortios.txt";

    protected override bool UsesMasks => true;

    protected override string Key(string key) => "\"" + key.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    internal static string Proposal(string encryption, string? integrity, bool aead) =>
        integrity == null ? encryption : encryption + (aead ? "-prf" : "-") + integrity;

    protected override void Body(VendorWords w, StringBuilder text)
    {
        var s = w.Settings;
        var n = w.Name;
        Source(text, Phase1Doc);
        text.Append("config vpn ipsec phase1-interface\n");
        text.Append($"    edit \"{n}\"\n");
        text.Append("        set interface \"wan1\"\n");
        text.Append($"        set ike-version {s.IkeVersion}\n");
        text.Append($"        set local-gw {s.LocalAddress}\n");
        text.Append($"        set remote-gw {s.RemoteAddress}\n");
        if (w.IkeV1)
        {
            text.Append($"        set mode {(w.Aggressive ? "aggressive" : "main")}\n");
        }

        text.Append($"        set proposal {Proposal(w.IkeEncryption, w.IkeIntegrity, w.IkeAead)}\n");
        text.Append($"        set dhgrp {w.IkeGroup}\n");
        text.Append($"        set keylife {Seconds(s.IkeLifetime)}\n");
        if (!PeerSite.IsIp(VendorWords.Bare(s.LocalId)))
        {
            text.Append($"        set localid \"{VendorWords.Bare(s.LocalId)}\"\n");
        }

        if (!PeerSite.IsIp(VendorWords.Bare(s.RemoteId)))
        {
            text.Append($"        set peertype one\n        set peerid \"{VendorWords.Bare(s.RemoteId)}\"\n");
        }
        else
        {
            text.Append("        set peertype any\n");
        }

        text.Append($"        set dpd {w.DpdAction}\n");
        if (w.DpdOn)
        {
            text.Append($"        set dpd-retryinterval {s.DpdDelay}\n");
        }

        text.Append($"        set psksecret {w.Key}\n");
        text.Append("    next\nend\n");
        Source(text, Phase2Doc);
        text.Append("config vpn ipsec phase2-interface\n");
        foreach (var (local, remote, i) in w.Pairs)
        {
            var (la, lm) = Mask(local);
            var (ra, rm) = Mask(remote);
            text.Append($"    edit \"{n}-{i}\"\n");
            text.Append($"        set phase1name \"{n}\"\n");
            text.Append($"        set proposal {Proposal(w.EspEncryption!, w.EspIntegrity, false)}\n");
            text.Append($"        set pfs enable\n        set dhgrp {w.PfsGroup}\n");
            text.Append($"        set keylifeseconds {Seconds(s.ChildLifetime)}\n");
            text.Append($"        set encapsulation {(w.Transport ? "transport-mode" : "tunnel-mode")}\n");
            text.Append($"        set auto-negotiate {(w.PeerStarts ? "enable" : "disable")}\n");
            text.Append($"        set src-subnet {la} {lm}\n");
            text.Append($"        set dst-subnet {ra} {rm}\n");
            text.Append("    next\n");
        }

        text.Append("end\n");
        Source(text, SiteToSiteDoc);
        text.Append("config router static\n");
        foreach (var cidr in s.RemoteSubnets)
        {
            var (a, m) = Mask(cidr);
            text.Append($"    edit 0\n        set dst {a} {m}\n        set device \"{n}\"\n    next\n");
        }

        text.Append("end\n");
        text.Append("config firewall policy\n");
        foreach (var (name, from, to) in new[] { ($"{n}-out", "internal", n), ($"{n}-in", n, "internal") })
        {
            text.Append($"    edit 0\n        set name \"{name}\"\n        set srcintf \"{from}\"\n        set"
                + $" dstintf \"{to}\"\n");
            text.Append("        set srcaddr \"all\"\n        set dstaddr \"all\"\n        set action accept\n");
            text.Append("        set schedule \"always\"\n        set service \"ALL\"\n    next\n");
        }

        text.Append("end\n");
        Line(text,
            $"'wan1' stands for the interface that owns {s.LocalAddress}, 'internal' for the one facing"
                + $" {string.Join(", ", s.LocalSubnets)}.");
    }
}
