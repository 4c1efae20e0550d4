using System.Text;
using static OpenStackVpn.Core.Peer.Vendors.CiscoIosXe;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// Junos set commands for an SRX: IKE proposal, policy and gateway; IPsec proposal, policy and VPN with traffic
/// selectors.
/// </summary>
internal sealed class JuniperSrx : VendorDialect
{
    internal const string IkeProposalDoc =
        "https://www.juniper.net/documentation/us/en/software/junos/cli-reference/topics/ref/statement/" +
            "security-edit-proposal-ike.html";

    internal const string IpsecProposalDoc =
        "https://www.juniper.net/documentation/us/en/software/junos/cli-reference/topics/ref/statement/" +
            "security-edit-proposal-ipsec.html";

    internal const string GatewayDoc =
        "https://www.juniper.net/documentation/us/en/software/junos/cli-reference/topics/ref/statement/" +
            "security-edit-gateway-ike.html";

    internal const string TrafficSelectorDoc =
        "https://www.juniper.net/documentation/us/en/software/junos/vpn-ipsec/topics/topic-map/" +
            "security-traffic-selectors-in-route-based-vpns.html";

    internal static readonly VendorTable Words = new()
    {
        IkeEncryption = Map(("3des", "3des-cbc"), ("aes-128", "aes-128-cbc"), ("aes-192", "aes-192-cbc"), ("aes-256",
            "aes-256-cbc"),
            ("aes-128-gcm-16", "aes-128-gcm"), ("aes-256-gcm-16", "aes-256-gcm")),
        IkeIntegrity = Map(("sha1", "sha1"), ("sha256", "sha-256"), ("sha384", "sha-384"), ("sha512", "sha-512")),
        IkeGroup = Map(("group2", "group2"), ("group5", "group5"), ("group14", "group14"), ("group15", "group15"),
            ("group16", "group16"), ("group19", "group19"), ("group20", "group20"), ("group21", "group21")),
        EspEncryption = Map(("3des", "3des-cbc"), ("aes-128", "aes-128-cbc"), ("aes-192", "aes-192-cbc"), ("aes-256",
            "aes-256-cbc"),
            ("aes-128-gcm-16", "aes-128-gcm"), ("aes-192-gcm-16", "aes-192-gcm"), ("aes-256-gcm-16", "aes-256-gcm")),
        EspIntegrity = Map(("sha1", "hmac-sha1-96"), ("sha256", "hmac-sha-256-128"), ("sha384", "hmac-sha-384-192"),
            ("sha512", "hmac-sha-512-256")),
        PfsGroup = Map(("group2", "group2"), ("group5", "group5"), ("group14", "group14"), ("group15", "group15"),
            ("group16", "group16"), ("group19", "group19"), ("group20", "group20"), ("group21", "group21")),
        // Junos DPD detects only; a dead peer's SAs are cleared and rebuilt by traffic or establish-tunnels
        // immediately.
        DpdAction = Map(("hold", "always-send"), ("clear", "always-send"), ("restart", "always-send"),
            ("restart-by-peer", "always-send"), ("disabled", "")),
        Refused = { ["encapsulation mode=transport"] = "an SRX site-to-site VPN is a tunnel-mode VPN" },
        Sources = new[] { IkeProposalDoc, IpsecProposalDoc, GatewayDoc, TrafficSelectorDoc },
    };

    public override PeerConfigFormat Format => PeerConfigFormat.JuniperSrx;

    public override string Platform => "Juniper SRX (Junos)";

    public override VendorTable Table => Words;

    protected override string Extension => ".junos.set";

    protected override string Key(string key) => "\"" + key.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    protected override void Body(VendorWords w, StringBuilder text)
    {
        var s = w.Settings;
        var n = w.Name;
        Source(text, IkeProposalDoc);
        var ike = $"set security ike proposal {n} ";
        text.Append(ike + "authentication-method pre-shared-keys\n");
        text.Append(ike + $"dh-group {w.IkeGroup}\n");
        text.Append(ike + $"authentication-algorithm {w.IkeIntegrity}\n");
        text.Append(ike + $"encryption-algorithm {w.IkeEncryption}\n");
        text.Append(ike + $"lifetime-seconds {Seconds(s.IkeLifetime)}\n");
        var policy = $"set security ike policy {n} ";
        if (w.IkeV1)
        {
            text.Append(policy + $"mode {(w.Aggressive ? "aggressive" : "main")}\n");
        }

        text.Append(policy + $"proposals {n}\n");
        text.Append(policy + $"pre-shared-key ascii-text {w.Key}\n");
        Source(text, GatewayDoc);
        var gw = $"set security ike gateway {n} ";
        text.Append(gw + $"ike-policy {n}\n");
        text.Append(gw + $"address {s.RemoteAddress}\n");
        text.Append(gw + $"local-address {s.LocalAddress}\n");
        text.Append(gw + "external-interface ge-0/0/0.0\n");
        text.Append(gw + $"local-identity {Identity(s.LocalId)}\n");
        text.Append(gw + $"remote-identity {Identity(s.RemoteId)}\n");
        text.Append(gw + $"version {(w.IkeV1 ? "v1-only" : "v2-only")}\n");
        if (w.DpdOn)
        {
            text.Append(gw + $"dead-peer-detection {w.DpdAction}\n");
            text.Append(gw + $"dead-peer-detection interval {s.DpdDelay}\n");
            text.Append(gw
                + $"dead-peer-detection threshold"
                    + $" {System.Math.Max(1, (s.DpdTimeout ?? 0) / System.Math.Max(1, s.DpdDelay ?? 1))}\n");
        }

        Source(text, IpsecProposalDoc);
        var esp = $"set security ipsec proposal {n} ";
        text.Append(esp + $"protocol {(w.Ah ? "ah" : "esp")}\n");
        if (w.EspIntegrity != null)
        {
            text.Append(esp + $"authentication-algorithm {w.EspIntegrity}\n");
        }

        if (w.EspEncryption != null)
        {
            text.Append(esp + $"encryption-algorithm {w.EspEncryption}\n");
        }

        text.Append(esp + $"lifetime-seconds {Seconds(s.ChildLifetime)}\n");
        text.Append($"set security ipsec policy {n} perfect-forward-secrecy keys {w.PfsGroup}\n");
        text.Append($"set security ipsec policy {n} proposals {n}\n");
        Source(text, TrafficSelectorDoc);
        var vpn = $"set security ipsec vpn {n} ";
        text.Append(vpn + "bind-interface st0.0\n");
        text.Append(vpn + $"ike gateway {n}\n");
        text.Append(vpn + $"ike ipsec-policy {n}\n");
        foreach (var (local, remote, i) in w.Pairs)
        {
            text.Append(vpn + $"traffic-selector ts{i} local-ip {local}\n");
            text.Append(vpn + $"traffic-selector ts{i} remote-ip {remote}\n");
        }

        text.Append(vpn + $"establish-tunnels {(w.PeerStarts ? "immediately" : "on-traffic")}\n");
        text.Append("set interfaces st0 unit 0 family inet\n");
        Line(text,
            "Zones and policies: put st0.0 in a zone (e.g. 'vpn') and allow traffic between it and the trust zone:");
        Line(text, "set security zones security-zone vpn interfaces st0.0");
        Line(text, "set security policies from-zone trust to-zone vpn policy os-out match source-address any "
            + "destination-address any application any; then permit (and the reverse).");
        Line(text, $"ge-0/0/0.0 stands for the interface that owns {s.LocalAddress}.");
    }

    private static string Identity(string? id) =>
        PeerSite.IsIp(VendorWords.Bare(id)) ? "inet " + VendorWords.Bare(id) : "hostname " + VendorWords.Bare(id);
}
