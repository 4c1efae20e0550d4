using System.Linq;
using System.Text;
using static OpenStackVpn.Core.Peer.Vendors.CiscoIosXe;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// Cisco ASA CLI: IKE policy, IPsec proposal or transform set, crypto map, access list, NAT exemption, tunnel group.
/// </summary>
internal sealed class CiscoAsa : VendorDialect
{
    internal const string VpnDoc =
        "https://www.cisco.com/c/en/us/td/docs/security/asa/asa918/configuration/vpn/asa-918-vpn-config/" +
            "vpn-site2site.html";

    internal const string IkeDoc =
        "https://www.cisco.com/c/en/us/td/docs/security/asa/asa918/configuration/vpn/asa-918-vpn-config/vpn-ike.html";

    internal const string NatDoc =
        "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-3rdparty-device-config-cisco-asa";

    internal static readonly VendorTable Words = new()
    {
        IkeEncryption = Map(("aes-128", "aes"), ("aes-192", "aes-192"), ("aes-256", "aes-256"), ("3des", "3des"),
            ("aes-128-gcm-16", "aes-gcm"), ("aes-192-gcm-16", "aes-gcm-192"), ("aes-256-gcm-16", "aes-gcm-256")),
        IkeIntegrity = Map(("sha1", "sha"), ("sha256", "sha256"), ("sha384", "sha384"), ("sha512", "sha512")),
        IkeGroup = Map(("group2", "2"), ("group5", "5"), ("group14", "14"), ("group15", "15"), ("group16", "16"),
            ("group19", "19"), ("group20", "20"), ("group21", "21")),
        EspEncryption = Map(("aes-128", "aes"), ("aes-192", "aes-192"), ("aes-256", "aes-256"), ("3des", "3des"),
            ("aes-128-gcm-16", "aes-gcm"), ("aes-192-gcm-16", "aes-gcm-192"), ("aes-256-gcm-16", "aes-gcm-256")),
        EspIntegrity = Map(("sha1", "sha-1"), ("sha256", "sha-256"), ("sha384", "sha-384"), ("sha512", "sha-512")),
        PfsGroup = Map(("group2", "group2"), ("group5", "group5"), ("group14", "group14"), ("group15", "group15"),
            ("group16", "group16"), ("group19", "group19"), ("group20", "group20"), ("group21", "group21")),
        // The ASA's keepalive only detects a dead peer; its SAs go, and the crypto map rebuilds them on traffic.
        DpdAction = Map(("hold", "keepalive"), ("clear", "keepalive"), ("restart", "keepalive"),
            ("restart-by-peer", "keepalive"), ("disabled", "keepalive disable")),
        Refused =
        {
            ["transform protocol=ah"] = "the ASA's IPsec proposals and transform sets are ESP only",
            ["encapsulation mode=transport"] = "a LAN-to-LAN crypto map tunnel is written in tunnel mode only",
            ["id type=fqdn"] = "the ASA names a LAN-to-LAN tunnel group by the peer's address and sets its own"
                + " identity globally",
        },
        Sources = new[] { VpnDoc, IkeDoc, NatDoc },
    };

    public override PeerConfigFormat Format => PeerConfigFormat.CiscoAsa;

    public override string Platform => "Cisco ASA";

    public override VendorTable Table => Words;

    protected override string Extension => ".asa.txt";

    protected override string Comment => "!";

    protected override bool UsesMasks => true;

    protected override string Key(string key) => key;

    protected override string? KeyRefusal(string key) =>
        key.Any(char.IsWhiteSpace) || key.Contains('?') ? "the CLI ends a key at a space and cannot quote it." : null;

    protected override string? ExtraRefusal(PeerSite site) =>
        site.IkePolicy.IkeVersion == "v1" && (site.IkePolicy.AuthAlgorithm != "sha1"
            || site.IpsecPolicy.AuthAlgorithm != "sha1"
            || IsAead(site.IpsecPolicy.EncryptionAlgorithm))
            ? "is written here with IKEv1 transform sets of sha1 (esp-sha-hmac) and CBC ciphers only; use IKEv2 for"
                + " the others."
            : null;

    protected override void Body(VendorWords w, StringBuilder text)
    {
        var s = w.Settings;
        var n = w.Name;
        var v = w.IkeV1 ? "ikev1" : "ikev2";
        Source(text, NatDoc);
        text.Append($"object-group network {n}-peer\n");
        foreach (var cidr in s.LocalSubnets)
        {
            var (a, m) = Mask(cidr);
            text.Append($" network-object {a} {m}\n");
        }

        text.Append($"object-group network {n}-cloud\n");
        foreach (var cidr in s.RemoteSubnets)
        {
            var (a, m) = Mask(cidr);
            text.Append($" network-object {a} {m}\n");
        }

        text.Append($"access-list {n} extended permit ip object-group {n}-peer object-group {n}-cloud\n");
        text.Append($"nat (inside,outside) source static {n}-peer {n}-peer destination static {n}-cloud {n}-cloud"
            + $" no-proxy-arp route-lookup\n");
        Source(text, IkeDoc);
        text.Append($"crypto {v} policy 10\n");
        if (w.IkeV1)
        {
            text.Append($" authentication pre-share\n encryption {w.IkeEncryption}\n hash {w.IkeIntegrity}\n");
        }
        else
        {
            text.Append($" encryption {w.IkeEncryption}\n integrity {(w.IkeAead ? "null" : w.IkeIntegrity)}\n prf"
                + $" {w.IkeIntegrity}\n");
        }

        text.Append($" group {w.IkeGroup}\n lifetime {(w.IkeV1 ? "" : "seconds ")}{Seconds(s.IkeLifetime)}\n");
        text.Append($"crypto {v} enable outside\n");
        Source(text, VpnDoc);
        if (w.IkeV1)
        {
            text.Append($"crypto ipsec ikev1 transform-set {n} esp-{w.EspEncryption} esp-sha-hmac\n");
        }
        else
        {
            text.Append($"crypto ipsec ikev2 ipsec-proposal {n}\n protocol esp encryption {w.EspEncryption}\n");
            text.Append($" protocol esp integrity {w.EspIntegrity ?? "null"}\n");
        }

        text.Append($"crypto map outside_map 10 match address {n}\n");
        text.Append($"crypto map outside_map 10 set peer {s.RemoteAddress}\n");
        text.Append(w.IkeV1
            ? $"crypto map outside_map 10 set ikev1 transform-set {n}\n"
            : $"crypto map outside_map 10 set ikev2 ipsec-proposal {n}\n");
        text.Append($"crypto map outside_map 10 set pfs {w.PfsGroup}\n");
        text.Append($"crypto map outside_map 10 set security-association lifetime seconds"
            + $" {Seconds(s.ChildLifetime)}\n");
        if (w.Aggressive)
        {
            text.Append("crypto map outside_map 10 set phase1-mode aggressive\n");
        }

        text.Append("crypto map outside_map interface outside\n");
        text.Append($"tunnel-group {s.RemoteAddress} type ipsec-l2l\n");
        text.Append($"tunnel-group {s.RemoteAddress} ipsec-attributes\n");
        text.Append(w.IkeV1
            ? $" ikev1 pre-shared-key {w.Key}\n"
            : $" ikev2 remote-authentication pre-shared-key {w.Key}\n ikev2 local-authentication pre-shared-key"
                + $" {w.Key}\n");
        text.Append(w.DpdOn
            ? $" isakmp keepalive threshold {s.DpdDelay} retry {System.Math.Max(2, (s.DpdTimeout ?? 0) / 4)}\n"
            : " isakmp keepalive disable\n");
        Line(text,
            $"'outside' is the interface that owns {s.LocalAddress}; 'inside' faces"
                + $" {string.Join(", ", s.LocalSubnets)}.");
    }
}
