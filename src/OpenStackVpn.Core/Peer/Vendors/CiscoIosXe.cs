using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// Cisco IOS-XE CLI: IKEv2 proposal, policy, keyring and profile (or ISAKMP for IKEv1), a transform set and a crypto
/// map.
/// </summary>
internal sealed class CiscoIosXe : VendorDialect
{
    internal const string Ikev2Doc =
        "https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/sec_conn_ike2vpn/configuration/xe-17/" +
            "sec-flex-vpn-xe-17-book/sec-cfg-ikev2-flex.html";

    internal const string Ikev1Doc =
        "https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/sec_conn_ikevpn/configuration/xe-17/" +
            "sec-ike-for-ipsec-vpns-xe-17-book/sec-key-exch-ipsec.html";

    internal const string IpsecDoc =
        "https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/sec_conn_vpnips/configuration/xe-17/" +
            "sec-sec-for-vpns-w-ipsec-xe-17-book/sec-cfg-vpn-ipsec.html";

    internal const string DataModelDoc = "https://netascode.cisco.com/docs/data_models/iosxe/device/crypto";

    internal static readonly VendorTable Words = new()
    {
        // IKEv2 proposal words; the ISAKMP (IKEv1) policy writes "aes 256" and "3des" (see Isakmp).
        IkeEncryption = Map(("aes-128", "aes-cbc-128"), ("aes-192", "aes-cbc-192"), ("aes-256", "aes-cbc-256"),
            ("3des", "3des"),
            ("aes-128-gcm-16", "aes-gcm-128"), ("aes-256-gcm-16", "aes-gcm-256")),
        IkeIntegrity = Map(("sha1", "sha1"), ("sha256", "sha256"), ("sha384", "sha384"), ("sha512", "sha512")),
        IkeGroup = Map(("group2", "2"), ("group5", "5"), ("group14", "14"), ("group15", "15"), ("group16", "16"),
            ("group19", "19"), ("group20", "20"), ("group21", "21")),
        EspEncryption = Map(("aes-128", "esp-aes 128"), ("aes-192", "esp-aes 192"), ("aes-256", "esp-aes 256"),
            ("3des", "esp-3des"),
            ("aes-128-gcm-16", "esp-gcm 128"), ("aes-256-gcm-16", "esp-gcm 256")),
        EspIntegrity = Map(("sha1", "sha-hmac"), ("sha256", "sha256-hmac"), ("sha384", "sha384-hmac"), ("sha512",
            "sha512-hmac")),
        PfsGroup = Map(("group2", "group2"), ("group5", "group5"), ("group14", "group14"), ("group15", "group15"),
            ("group16", "group16"), ("group19", "group19"), ("group20", "group20"), ("group21", "group21")),
        // IOS-XE's DPD only detects: a dead peer's SAs are deleted and the crypto map rebuilds them on the next packet.
        DpdAction = Map(("hold", "periodic"), ("clear", "periodic"), ("restart", "periodic"), ("restart-by-peer",
            "periodic"),
            ("disabled", "")),
        Sources = new[] { DataModelDoc, Ikev2Doc, Ikev1Doc, IpsecDoc },
    };

    public override PeerConfigFormat Format => PeerConfigFormat.CiscoIosXe;

    public override string Platform => "Cisco IOS-XE";

    public override VendorTable Table => Words;

    protected override string Extension => ".ios.txt";

    protected override string Comment => "!";

    protected override bool UsesMasks => true;

    internal static Dictionary<string, string> Map(params (string Neutron, string Word)[] pairs) =>
        pairs.ToDictionary(p => p.Neutron, p => p.Word, StringComparer.OrdinalIgnoreCase);

    /// <summary>The ISAKMP policy's word for an IKEv2 proposal's cipher.</summary>
    internal static string Isakmp(string ikev2Word) => ikev2Word.StartsWith("aes-cbc-", StringComparison.Ordinal)
        ? "aes " + ikev2Word.Substring("aes-cbc-".Length)
        : ikev2Word;

    protected override string Key(string key) => key;

    protected override string? KeyRefusal(string key) =>
        key.Any(char.IsWhiteSpace) || key.Contains('"') || key.Contains('?')
            ? "the CLI ends a key at a space and cannot quote it (nor a '?' or '\"'); choose a key without them."
            : null;

    protected override void Body(VendorWords w, StringBuilder text)
    {
        var s = w.Settings;
        var n = w.Name;
        var peerIdFqdn = !PeerSite.IsIp(VendorWords.Bare(s.LocalId));
        var cloudIdFqdn = !PeerSite.IsIp(VendorWords.Bare(s.RemoteId));
        if (w.IkeV1)
        {
            Source(text, Ikev1Doc);
            text.Append("crypto isakmp policy 10\n");
            text.Append($" encryption {Isakmp(w.IkeEncryption)}\n hash {w.IkeIntegrity}\n authentication pre-share\n");
            text.Append($" group {w.IkeGroup}\n lifetime {Seconds(s.IkeLifetime)}\n");
            text.Append($"crypto keyring {n}\n local-address {s.LocalAddress}\n pre-shared-key address"
                + $" {s.RemoteAddress} key {w.Key}\n");
            text.Append($"crypto isakmp profile {n}\n keyring {n}\n");
            text.Append(cloudIdFqdn
                ? $" match identity host {VendorWords.Bare(s.RemoteId)}\n"
                : $" match identity address {VendorWords.Bare(s.RemoteId)} 255.255.255.255\n");
            text.Append(peerIdFqdn ? " self-identity fqdn\n" : " self-identity address\n");
            if (w.DpdOn)
            {
                text.Append($" keepalive {s.DpdDelay} retry {Math.Max(2, (s.DpdTimeout ?? 0) / 4)}\n");
            }

            if (w.Aggressive)
            {
                text.Append(" initiate mode aggressive\n");
            }
        }
        else
        {
            Source(text, Ikev2Doc);
            text.Append($"crypto ikev2 proposal {n}\n encryption {w.IkeEncryption}\n");
            text.Append(w.IkeAead ? $" prf {w.IkeIntegrity}\n" : $" integrity {w.IkeIntegrity}\n");
            text.Append($" group {w.IkeGroup}\n");
            text.Append($"crypto ikev2 policy {n}\n match address local {s.LocalAddress}\n proposal {n}\n");
            text.Append($"crypto ikev2 keyring {n}\n peer {n}\n  address {s.RemoteAddress}\n  pre-shared-key"
                + $" {w.Key}\n");
            text.Append($"crypto ikev2 profile {n}\n");
            text.Append(cloudIdFqdn
                ? $" match identity remote fqdn {VendorWords.Bare(s.RemoteId)}\n"
                : $" match identity remote address {VendorWords.Bare(s.RemoteId)} 255.255.255.255\n");
            text.Append(peerIdFqdn
                ? $" identity local fqdn {VendorWords.Bare(s.LocalId)}\n"
                : $" identity local address {VendorWords.Bare(s.LocalId)}\n");
            text.Append($" authentication remote pre-share\n authentication local pre-share\n keyring local {n}\n");
            text.Append($" lifetime {Seconds(s.IkeLifetime)}\n");
            if (w.DpdOn)
            {
                text.Append($" dpd {s.DpdDelay} {Math.Max(2, (s.DpdTimeout ?? 0) / 4)} {w.DpdAction}\n");
            }
        }

        Source(text, IpsecDoc);
        text.Append($"ip access-list extended {n}\n");
        foreach (var (local, remote, _) in w.Pairs)
        {
            var (la, lm) = Mask(local);
            var (ra, rm) = Mask(remote);
            text.Append($" permit ip {la} {Wildcard(lm)} {ra} {Wildcard(rm)}\n");
        }

        var transform = w.Ah
            ? "ah-" + w.EspIntegrity
            : w.EspEncryption + (w.EspIntegrity == null ? "" : " esp-" + w.EspIntegrity);
        Source(text, DataModelDoc);
        text.Append($"crypto ipsec transform-set {n} {transform}\n mode {s.Mode}\n");
        text.Append($"crypto map {n} 10 ipsec-isakmp\n set peer {s.RemoteAddress}\n set transform-set {n}\n");
        text.Append($" set pfs {w.PfsGroup}\n set security-association lifetime seconds {Seconds(s.ChildLifetime)}\n");
        text.Append(w.IkeV1 ? $" set isakmp-profile {n}\n" : $" set ikev2-profile {n}\n");
        text.Append($" match address {n}\n");
        Line(text, $"Apply to the interface that owns {s.LocalAddress}: interface <wan> / crypto map {n}");
        Line(text, w.PeerStarts
            ? "initiator response-only: the cloud never starts; the crypto map starts the tunnel on the first packet."
            : "initiator bi-directional: either side starts; the crypto map also starts on the first packet.");
    }
}
