using System.Linq;
using System.Text;
using static OpenStackVpn.Core.Peer.Vendors.CiscoIosXe;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// PAN-OS set commands: IKE and IPsec crypto profiles, IKE gateway, IPsec tunnel with proxy ids, tunnel interface,
/// routes.
/// </summary>
internal sealed class PaloAlto : VendorDialect
{
    internal const string IkeCryptoDoc = "https://pan.dev/terraform/docs/panos/resources/ike_crypto_profile/";

    internal const string IpsecCryptoDoc = "https://pan.dev/terraform/docs/panos/resources/ipsec_crypto_profile/";

    internal const string GatewayDoc =
        "https://paloaltonetworks.github.io/pan-os-ansible/modules/panos_ike_gateway_module.html";

    internal const string ProxyIdDoc =
        "https://paloaltonetworks.github.io/pan-os-ansible/modules/panos_ipsec_ipv4_proxyid_module.html";

    internal static readonly VendorTable Words = new()
    {
        IkeEncryption = Map(("3des", "3des"), ("aes-128", "aes-128-cbc"), ("aes-192", "aes-192-cbc"), ("aes-256",
            "aes-256-cbc"),
            ("aes-128-gcm-16", "aes-128-gcm"), ("aes-256-gcm-16", "aes-256-gcm")),
        IkeIntegrity = Map(("sha1", "sha1"), ("sha256", "sha256"), ("sha384", "sha384"), ("sha512", "sha512")),
        IkeGroup = Map(("group2", "group2"), ("group5", "group5"), ("group14", "group14"), ("group19", "group19"),
            ("group20", "group20")),
        EspEncryption = Map(("3des", "3des"), ("aes-128", "aes-128-cbc"), ("aes-192", "aes-192-cbc"), ("aes-256",
            "aes-256-cbc"),
            ("aes-128-ccm-16", "aes-128-ccm"), ("aes-128-gcm-16", "aes-128-gcm"), ("aes-256-gcm-16", "aes-256-gcm")),
        EspIntegrity = Map(("sha1", "sha1"), ("sha256", "sha256"), ("sha384", "sha384"), ("sha512", "sha512")),
        PfsGroup = Map(("group2", "group2"), ("group5", "group5"), ("group14", "group14"), ("group19", "group19"),
            ("group20", "group20")),
        // PAN-OS DPD detects only; the tunnel is renegotiated by traffic.
        DpdAction = Map(("hold", "yes"), ("clear", "yes"), ("restart", "yes"), ("restart-by-peer", "yes"),
            ("disabled", "no")),
        Refused = { ["encapsulation mode=transport"] = "an IPsec tunnel on PAN-OS is a tunnel-mode tunnel" },
        Sources = new[] { IkeCryptoDoc, IpsecCryptoDoc, GatewayDoc, ProxyIdDoc },
    };

    public override PeerConfigFormat Format => PeerConfigFormat.PaloAlto;

    public override string Platform => "Palo Alto PAN-OS";

    public override VendorTable Table => Words;

    protected override string Extension => ".panos.set";

    protected override string Key(string key) => "\"" + key.Replace("\"", "\\\"") + "\"";

    protected override void Body(VendorWords w, StringBuilder text)
    {
        var s = w.Settings;
        var n = w.Name;
        var v = w.IkeV1 ? "ikev1" : "ikev2";
        Source(text, IkeCryptoDoc);
        var ike = $"set network ike crypto-profiles ike-crypto-profiles {n} ";
        text.Append(ike + $"encryption {w.IkeEncryption}\n");
        text.Append(ike + $"hash {w.IkeIntegrity}\n");
        text.Append(ike + $"dh-group {w.IkeGroup}\n");
        text.Append(ike + $"lifetime seconds {Seconds(s.IkeLifetime)}\n");
        Source(text, IpsecCryptoDoc);
        var esp = $"set network ike crypto-profiles ipsec-crypto-profiles {n} ";
        if (w.Ah)
        {
            text.Append(esp + $"ah authentication {w.EspIntegrity}\n");
        }
        else
        {
            text.Append(esp + $"esp encryption {w.EspEncryption}\n");
            text.Append(esp + $"esp authentication {w.EspIntegrity ?? "none"}\n");
        }

        text.Append(esp + $"dh-group {w.PfsGroup}\n");
        text.Append(esp + $"lifetime seconds {Seconds(s.ChildLifetime)}\n");
        Source(text, GatewayDoc);
        var gw = $"set network ike gateway {n} ";
        text.Append(gw + $"authentication pre-shared-key key {w.Key}\n");
        text.Append(gw + $"protocol version {v}\n");
        text.Append(gw + $"protocol {v} ike-crypto-profile {n}\n");
        text.Append(gw + $"protocol {v} dpd enable {w.DpdAction}\n");
        if (w.IkeV1)
        {
            text.Append(gw + $"protocol ikev1 exchange-mode {(w.Aggressive ? "aggressive" : "main")}\n");
        }

        text.Append(gw + $"local-address interface ethernet1/1 ip {s.LocalAddress}\n");
        text.Append(gw + $"peer-address ip {s.RemoteAddress}\n");
        text.Append(gw + $"local-id type {IdType(s.LocalId)} id {VendorWords.Bare(s.LocalId)}\n");
        text.Append(gw + $"peer-id type {IdType(s.RemoteId)} id {VendorWords.Bare(s.RemoteId)}\n");
        Source(text, ProxyIdDoc);
        var tunnel = $"set network tunnel ipsec {n} ";
        text.Append(tunnel + $"auto-key ike-gateway {n}\n");
        text.Append(tunnel + $"auto-key ipsec-crypto-profile {n}\n");
        text.Append(tunnel + "tunnel-interface tunnel.1\n");
        foreach (var (local, remote, i) in w.Pairs)
        {
            text.Append(tunnel + $"auto-key proxy-id {n}-{i} local {local}\n");
            text.Append(tunnel + $"auto-key proxy-id {n}-{i} remote {remote}\n");
            text.Append(tunnel + $"auto-key proxy-id {n}-{i} protocol any\n");
        }

        text.Append("set network interface tunnel units tunnel.1\n");
        foreach (var (cidr, i) in s.RemoteSubnets.Select((c, i) => (c, i + 1)))
        {
            text.Append($"set network virtual-router default routing-table ip static-route {n}-{i} destination"
                + $" {cidr} interface tunnel.1\n");
        }

        Line(text,
            $"ethernet1/1 stands for the interface that owns {s.LocalAddress}; put tunnel.1 in a zone and allow the"
                + $" traffic.");
        Line(text, "PAN-OS starts the tunnel on traffic (there is no always-start setting for a proxy-id tunnel).");
    }

    private static string IdType(string? id) => PeerSite.IsIp(VendorWords.Bare(id)) ? "ipaddr" : "fqdn";
}
