using System.Text;
using static OpenStackVpn.Core.Peer.Vendors.CiscoIosXe;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// RouterOS 7 commands: /ip ipsec profile, peer, proposal, identity and one policy per pair of networks.
/// </summary>
internal sealed class MikroTik : VendorDialect
{
    internal const string IpsecDoc = "https://help.mikrotik.com/docs/spaces/ROS/pages/11993097/IPsec";

    internal const string ProfileDoc =
        "https://registry.terraform.io/providers/terraform-routeros/routeros/latest/docs/resources/ip_ipsec_profile";

    internal const string ProposalDoc =
        "https://registry.terraform.io/providers/terraform-routeros/routeros/latest/docs/resources/ip_ipsec_proposal";

    internal static readonly VendorTable Words = new()
    {
        IkeEncryption = Map(("3des", "3des"), ("aes-128", "aes-128"), ("aes-192", "aes-192"), ("aes-256", "aes-256")),
        IkeIntegrity = Map(("sha1", "sha1"), ("sha256", "sha256"), ("sha512", "sha512")),
        IkeGroup = Map(("group2", "modp1024"), ("group5", "modp1536"), ("group14", "modp2048"), ("group15", "modp3072"),
            ("group16", "modp4096"), ("group18", "modp8192"), ("group19", "ecp256"), ("group20", "ecp384"),
                ("group21", "ecp521")),
        EspEncryption = Map(("3des", "3des"), ("aes-128", "aes-128-cbc"), ("aes-192", "aes-192-cbc"), ("aes-256",
            "aes-256-cbc"),
            ("aes-128-ctr", "aes-128-ctr"), ("aes-192-ctr", "aes-192-ctr"), ("aes-256-ctr", "aes-256-ctr"),
            ("aes-128-gcm-16", "aes-128-gcm"), ("aes-192-gcm-16", "aes-192-gcm"), ("aes-256-gcm-16", "aes-256-gcm")),
        EspIntegrity = Map(("sha1", "sha1"), ("sha256", "sha256"), ("sha512", "sha512")),
        PfsGroup = Map(("group2", "modp1024"), ("group5", "modp1536"), ("group14", "modp2048"), ("group15", "modp3072"),
            ("group16", "modp4096"), ("group18", "modp8192"), ("group19", "ecp256"), ("group20", "ecp384"),
                ("group21", "ecp521")),
        // RouterOS DPD detects only (dpd-interval, dpd-maximum-failures); a dead peer's SAs are removed.
        DpdAction = Map(("hold", "dpd"), ("clear", "dpd"), ("restart", "dpd"), ("restart-by-peer", "dpd"),
            ("disabled", "disable-dpd")),
        Sources = new[] { IpsecDoc, ProfileDoc, ProposalDoc },
    };

    public override PeerConfigFormat Format => PeerConfigFormat.MikroTik;

    public override string Platform => "MikroTik RouterOS 7";

    public override VendorTable Table => Words;

    protected override string Extension => ".rsc";

    protected override string Key(string key) => "\"" + key.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("$",
        "\\$") + "\"";

    protected override void Body(VendorWords w, StringBuilder text)
    {
        var s = w.Settings;
        var n = w.Name;
        Source(text, ProfileDoc);
        var dpd = w.DpdOn
            ? $"dpd-interval={s.DpdDelay}s"
                + $" dpd-maximum-failures={Failures(s)}"
            : "dpd-interval=disable-dpd";
        text.Append($"/ip ipsec profile add name={n} hash-algorithm={w.IkeIntegrity} enc-algorithm={w.IkeEncryption} "
            + $"dh-group={w.IkeGroup} lifetime={Seconds(s.IkeLifetime)}s {dpd}\n");
        Source(text, IpsecDoc);
        var mode = w.IkeV1 ? (w.Aggressive ? "aggressive" : "main") : "ike2";
        text.Append($"/ip ipsec peer add name={n} address={s.RemoteAddress}/32 local-address={s.LocalAddress}"
            + $" profile={n} "
            + $"exchange-mode={mode} passive=no send-initial-contact=yes\n");
        Source(text, ProposalDoc);
        var enc = w.EspEncryption ?? "null";
        text.Append($"/ip ipsec proposal add name={n} auth-algorithms={w.EspIntegrity ?? "null"} enc-algorithms={enc} "
            + $"pfs-group={w.PfsGroup} lifetime={Seconds(s.ChildLifetime)}s\n");
        Source(text, IpsecDoc);
        text.Append($"/ip ipsec identity add peer={n} auth-method=pre-shared-key secret={w.Key} "
            + $"my-id={Id(s.LocalId)} remote-id={Id(s.RemoteId)}\n");
        foreach (var (local, remote, _) in w.Pairs)
        {
            text.Append($"/ip ipsec policy add peer={n} tunnel={(w.Transport ? "no" : "yes")} src-address={local} "
                + $"dst-address={remote} proposal={n} action=encrypt level=require"
                    + $" ipsec-protocols={(w.Ah ? "ah" : "esp")}\n");
        }

        Line(text,
            "Exempt this traffic from masquerade: /ip firewall nat add chain=srcnat action=accept place-before=0 "
            + $"src-address={string.Join(",", s.LocalSubnets)} dst-address={string.Join(",", s.RemoteSubnets)}");
    }

    private static int Failures(PeerSettings s) => System.Math.Max(1, (s.DpdTimeout ?? 0) / System.Math.Max(1,
        s.DpdDelay ?? 1));

    private static string Id(string? id) =>
        PeerSite.IsIp(VendorWords.Bare(id)) ? "address:" + VendorWords.Bare(id) : "fqdn:" + VendorWords.Bare(id);
}
