using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace OpenStackVpn.Core.Peer;

/// <summary>Writes the peer gateway's configuration of a connection in one of the <see cref="PeerConfigFormat"/>s.</summary>
public static class PeerConfigWriter
{
    /// <summary>
    /// The files of the peer's configuration. The pre-shared key is written only when <paramref name="includeSecret"/> is set,
    /// otherwise <see cref="PeerConfigFile.PskPlaceholder"/> stands in for it. A connection the format cannot express is refused
    /// (an argument error of -Format) with the reason.
    /// </summary>
    public static IReadOnlyList<PeerConfigFile> Write(PeerSite site, PeerConfigFormat format, bool includeSecret)
    {
        if (Vendors.VendorDialects.Writer(format) is { } vendor)
        {
            return Vendors.VendorDialects.Write(vendor, site, includeSecret);
        }

        if (site.Refusal(format) is { } reason)
        {
            throw OpenStackException.Argument("Format", $"connection {site.Connection.Id} cannot be written as {format}: {reason}");
        }

        var settings = site.Expected();
        if (includeSecret && settings.Psk == null)
        {
            throw OpenStackException.Argument("IncludeSecret", $"the cloud's answer for connection {site.Connection.Id} holds no pre-shared key "
                + "(the cloud or its policy may hide it from this user), so nothing was written. Export without -IncludeSecret for a placeholder "
                + "and put the key in by hand.");
        }

        var secret = includeSecret ? OpenStackVpn.Core.Secrets.ToPlain(settings.Psk) : null;
        var header = $"# Peer side of IPsec site connection '{site.Connection.Name}' ({site.Connection.Id}), written by Export-IpsecPeerConfig\n" +
                     $"# from the cloud's API objects: VPN service {site.Service.Id}, IKE policy {site.IkePolicy.Id}, IPsec policy {site.IpsecPolicy.Id}.\n";
        var keyText = PeerConfigFile.QuoteSecret(secret ?? PeerConfigFile.PskPlaceholder);
        var id = site.Connection.Id;
        return format switch
        {
            PeerConfigFormat.Swanctl => new[] { new PeerConfigFile(id, format, "swanctl.conf", header + Swanctl(settings, keyText, secret == null), secret != null) },
            PeerConfigFormat.IpsecConf => new[]
            {
                new PeerConfigFile(id, format, "ipsec.conf", header + IpsecConf(settings), false),
                new PeerConfigFile(id, format, "ipsec.secrets", header + SecretsFile(settings, keyText, secret == null), secret != null),
            },
            _ => new[]
            {
                new PeerConfigFile(id, format, settings.Name + ".conf", header + Libreswan(settings), false),
                new PeerConfigFile(id, format, settings.Name + ".secrets", header + SecretsFile(LibreswanIds(settings), keyText, secret == null), secret != null),
            },
        };
    }

    private static string Swanctl(PeerSettings s, string keyText, bool placeholder)
    {
        var text = new StringBuilder();
        text.Append("connections {\n");
        text.Append($"  {s.Name} {{\n");
        text.Append($"    version = {s.IkeVersion}\n");
        text.Append($"    local_addrs = {s.LocalAddress}\n");
        text.Append($"    remote_addrs = {s.RemoteAddress}\n");
        text.Append($"    proposals = {s.IkeProposal}\n");
        text.Append($"    aggressive = {YesNo(s.Aggressive)}\n");
        text.Append($"    rekey_time = {Seconds(s.IkeLifetime)}\n");
        text.Append($"    dpd_delay = {Seconds(s.DpdDelay)}\n");
        text.Append($"    dpd_timeout = {Seconds(s.DpdTimeout)}\n");
        text.Append("    mobike = no\n");
        text.Append($"    local {{\n      auth = psk\n      id = {Quoted(s.LocalId)}\n    }}\n");
        text.Append($"    remote {{\n      auth = psk\n      id = {Quoted(s.RemoteId)}\n    }}\n");
        text.Append("    children {\n");
        text.Append($"      {s.Name} {{\n");
        text.Append($"        local_ts = {string.Join(",", s.LocalSubnets)}\n");
        text.Append($"        remote_ts = {string.Join(",", s.RemoteSubnets)}\n");
        text.Append($"        mode = {s.Mode}\n");
        text.Append($"        {s.ChildProtocol}_proposals = {s.ChildProposal}\n");
        text.Append($"        rekey_time = {Seconds(s.ChildLifetime)}\n");
        text.Append($"        dpd_action = {SwanctlDpdAction(s.DpdAction)}\n");
        text.Append($"        start_action = {(s.StartAction == "start" ? "start" : "trap")}\n");
        text.Append("      }\n    }\n  }\n}\n");
        text.Append("secrets {\n");
        text.Append($"  ike-{s.Name} {{\n");
        text.Append($"    id-peer = {Quoted(s.LocalId)}\n");
        text.Append($"    id-cloud = {Quoted(s.RemoteId)}\n");
        text.Append($"    secret = {keyText}{(placeholder ? "   # Get-IpsecSiteConnection -IncludeSecret, or Export-IpsecPeerConfig -IncludeSecret" : "")}\n");
        text.Append("  }\n}\n");
        text.Append($"# mtu = {s.Mtu}: swanctl has no MTU setting; set it on the peer's interfaces if needed.\n");
        return text.ToString();
    }

    private static string IpsecConf(PeerSettings s)
    {
        var text = new StringBuilder();
        text.Append($"conn {s.Name}\n");
        text.Append($"    keyexchange=ikev{s.IkeVersion}\n");
        text.Append($"    left={s.LocalAddress}\n");
        text.Append($"    leftid={Quoted(s.LocalId)}\n");
        text.Append($"    leftsubnet={string.Join(",", s.LocalSubnets)}\n");
        text.Append($"    right={s.RemoteAddress}\n");
        text.Append($"    rightid={Quoted(s.RemoteId)}\n");
        text.Append($"    rightsubnet={string.Join(",", s.RemoteSubnets)}\n");
        text.Append("    authby=psk\n");
        text.Append($"    ike={s.IkeProposal}!\n");
        text.Append($"    {s.ChildProtocol}={s.ChildProposal}!\n");
        text.Append($"    ikelifetime={Seconds(s.IkeLifetime)}\n");
        text.Append($"    lifetime={Seconds(s.ChildLifetime)}\n");
        text.Append($"    aggressive={YesNo(s.Aggressive)}\n");
        text.Append($"    dpddelay={Seconds(s.DpdDelay)}\n");
        text.Append($"    dpdtimeout={Seconds(s.DpdTimeout)}\n");
        text.Append($"    dpdaction={IpsecConfDpdAction(s.DpdAction)}\n");
        text.Append($"    type={s.Mode}\n");
        text.Append("    mobike=no\n");
        text.Append($"    auto={s.StartAction}\n");
        text.Append($"# mtu={s.Mtu}: ipsec.conf has no MTU setting; set it on the peer's interfaces if needed.\n");
        return text.ToString();
    }

    // The ids in Libreswan's syntax (PeerSite.Refusal has refused those it has none for).
    private static PeerSettings LibreswanIds(PeerSettings s) => new()
    {
        Name = s.Name,
        LocalId = PeerIdentity.ToLibreswan(s.LocalId),
        RemoteId = PeerIdentity.ToLibreswan(s.RemoteId),
    };

    private static string Libreswan(PeerSettings s)
    {
        var ids = LibreswanIds(s);
        var text = new StringBuilder();
        text.Append($"conn {s.Name}\n");
        text.Append($"    ikev2={(s.IkeVersion == 2 ? "yes" : "no")}\n");
        text.Append($"    left={s.LocalAddress}\n");
        text.Append($"    leftid={Quoted(ids.LocalId)}\n");
        text.Append($"    {Subnets("left", s.LocalSubnets)}\n");
        text.Append($"    right={s.RemoteAddress}\n");
        text.Append($"    rightid={Quoted(ids.RemoteId)}\n");
        text.Append($"    {Subnets("right", s.RemoteSubnets)}\n");
        text.Append("    authby=secret\n");
        text.Append($"    ike={Algorithms.ToLibreswan(s.IkeProposal ?? "", ike: true)}\n");
        text.Append($"    phase2={s.ChildProtocol}\n");
        text.Append($"    phase2alg={Algorithms.ToLibreswan(s.ChildProposal ?? "", ike: false)}\n");
        text.Append("    pfs=yes\n");
        text.Append($"    ikelifetime={Seconds(s.IkeLifetime)}\n");
        text.Append($"    salifetime={Seconds(s.ChildLifetime)}\n");
        text.Append($"    aggressive={YesNo(s.Aggressive)}\n");
        if (s.DpdDelay > 0)
        {
            text.Append($"    dpddelay={s.DpdDelay}\n");
            text.Append($"    dpdtimeout={s.DpdTimeout}\n");
            text.Append($"    dpdaction={LibreswanDpdAction(s.DpdAction)}\n");
        }

        text.Append($"    type={s.Mode}\n");
        if (s.Mtu != null)
        {
            text.Append($"    mtu={s.Mtu}\n");
        }

        text.Append($"    auto={(s.StartAction == "start" ? "start" : "route")}\n");
        return text.ToString();
    }

    private static string SecretsFile(PeerSettings s, string keyText, bool placeholder) =>
        $"{Quoted(s.LocalId)} {Quoted(s.RemoteId)} : PSK {keyText}\n" +
        (placeholder ? "# the key is a placeholder: Get-IpsecSiteConnection -IncludeSecret, or Export-IpsecPeerConfig -IncludeSecret\n" : "");

    private static string Subnets(string side, IReadOnlyList<string> cidrs) =>
        cidrs.Count == 1 ? $"{side}subnet={cidrs[0]}" : $"{side}subnets={{{string.Join(" ", cidrs)}}}";

    // An id in double quotes when it holds anything but name and address characters: "#" would start a comment
    // (strongSwan's key ids are written @#hex), a space would end the value.
    private static string? Quoted(string? id) =>
        id != null && id.Any(c => !(char.IsLetterOrDigit(c) || "@.:_-/".IndexOf(c) >= 0)) ? "\"" + id + "\"" : id;

    private static string YesNo(bool? value) => value == true ? "yes" : "no";

    private static string Seconds(int? value) => (value ?? 0).ToString(CultureInfo.InvariantCulture) + "s";

    // Neutron's DPD actions in each format: swanctl names "hold" trap; restart-by-peer has no peer-side twin, clear comes closest.
    internal static string SwanctlDpdAction(string? neutron) => neutron switch
    {
        "hold" => "trap",
        "restart" => "restart",
        "disabled" => "none",
        _ => "clear",
    };

    internal static string IpsecConfDpdAction(string? neutron) => neutron switch
    {
        "hold" => "hold",
        "restart" => "restart",
        "disabled" => "none",
        _ => "clear",
    };

    internal static string LibreswanDpdAction(string? neutron) => neutron switch
    {
        "hold" => "hold",
        "restart" => "restart",
        _ => "clear",
    };

    internal static IEnumerable<string> SplitList(string? text) =>
        (text ?? "").Split(new[] { ',', ' ', '{', '}' }, System.StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim());
}
