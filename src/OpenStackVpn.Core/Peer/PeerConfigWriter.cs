using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace OpenStackVpn.Core.Peer;

/// <summary>Writes the peer gateway's configuration of a connection in one of the <see
/// cref="PeerConfigFormat"/>s.</summary>
public static class PeerConfigWriter
{
    private const string PlaceholderHint =
        "   # Get-IpsecSiteConnection -IncludeSecret, or Export-IpsecPeerConfig -IncludeSecret";

    /// <summary>
    /// The files of the peer's configuration. The pre-shared key is written only when <paramref name="includeSecret"/>
    /// is set, otherwise <see cref="PeerConfigFile.PskPlaceholder"/> stands in for it. A connection the format cannot
    /// express is refused (an argument error of -Format) with the reason.
    /// </summary>
    public static IReadOnlyList<PeerConfigFile> Write(PeerSite site, PeerConfigFormat format, bool includeSecret) =>
        Write(new[] { site }, format, includeSecret, null);

    /// <summary>
    /// One peer gateway's files for all of <paramref name="sites"/> (one file per kind, whatever their number: several
    /// connections in one swanctl.conf, conn sections in one ipsec.conf, one Libreswan .conf
    /// and .secrets). They must share
    /// the peer (its address and id); <paramref name="peerLocalAddress"/> replaces the peer's own address in the files
    /// (a peer behind NAT: its private address, %any, or %defaultroute where the format has it), the ids staying as the
    /// cloud expects them.
    /// </summary>
    public static IReadOnlyList<PeerConfigFile> Write(IReadOnlyList<PeerSite> sites, PeerConfigFormat format,
        bool includeSecret, string? peerLocalAddress)
    {
        if (sites == null || sites.Count == 0)
        {
            throw new System.ArgumentException("At least one connection is needed.", nameof(sites));
        }

        if (LocalAddressRefusal(peerLocalAddress, format) is { } badAddress)
        {
            throw OpenStackException.Argument("PeerLocalAddress", badAddress);
        }

        if (Vendors.VendorDialects.Writer(format) is { } vendor)
        {
            return Vendor(vendor, sites, format, includeSecret, peerLocalAddress);
        }

        var all = sites.Select(site => Prepare(site, format, includeSecret, peerLocalAddress)).ToList();
        var peers = all.Select(p => $"{p.Site.Connection.PeerAddress} (id {p.Settings.LocalId})").Distinct().ToList();
        if (peers.Count > 1)
        {
            throw OpenStackException.Argument("Path",
                $"the connections {string.Join(", ", all.Select(p => p.Site.Connection.Id))} have different peers "
                + $"({string.Join("; ", peers)}); one folder holds one peer gateway's configuration: export each " +
                    $"peer to its own folder.");
        }

        var secrets = all.GroupBy(p => (p.Settings.LocalId, p.Settings.RemoteId)).Select(g => g.First()).ToList();
        foreach (
            var pair in all.GroupBy(p => (p.Settings.LocalId, p.Settings.RemoteId)).Where(g
            => g.Select(p => p.Secret).Distinct().Count() > 1))
        {
            throw OpenStackException.Argument("Path",
                $"the connections {string.Join(", ", pair.Select(p => p.Site.Connection.Id))} share the ids "
                + $"{pair.Key.LocalId} and {pair.Key.RemoteId} but not the pre-shared key; a gateway picks the key " +
                    $"by the ids alone, so one of them "
                + "would fail: give them the same key, or different ids (local_id, peer_id).");
        }

        var placeholder = !includeSecret;
        var header =
            string.Concat(
            all.Select(p
            => $"# Peer side of IPsec site connection '{p.Site.Connection.Name}' ({p.Site.Connection.Id}), "
            + $"written by Export-IpsecPeerConfig\n#   from the cloud's API objects: VPN service " +
                $"{p.Site.Service.Id}, IKE policy {p.Site.IkePolicy.Id}, "
            + $"IPsec policy {p.Site.IpsecPolicy.Id}.\n"));
        var id = string.Join(",", all.Select(p => p.Site.Connection.Id));
        var settings = all.Select(p => p.Settings).ToList();
        var name = all.Count == 1 ? all[0].Settings.Name : "neutron-peer-"
            + (all[0].Site.Connection.PeerAddress ?? "").Replace(':', '_');
        string Secrets(System.Func<PeerSettings, PeerSettings> ids) =>
            header + string.Concat(secrets.Select(p => SecretsFile(ids(p.Settings), p.KeyText, placeholder)));
        return format switch
        {
            PeerConfigFormat.Swanctl => new[]
            {
                new PeerConfigFile(id, format, "swanctl.conf",
                    header + Swanctl(settings, secrets.Select(p => (p.Settings, p.KeyText)).ToList(), placeholder),
                    includeSecret),
            },
            PeerConfigFormat.IpsecConf => new[]
            {
                new PeerConfigFile(id, format, "ipsec.conf", header + string.Join("\n", settings.Select(IpsecConf)),
                    false),
                new PeerConfigFile(id, format, "ipsec.secrets", Secrets(s => s), includeSecret),
            },
            _ => new[]
            {
                new PeerConfigFile(id, format, name + ".conf", header + string.Join("\n", settings.Select(Libreswan)),
                    false),
                new PeerConfigFile(id, format, name + ".secrets", Secrets(LibreswanIds), includeSecret),
            },
        };
    }

    // A vendor's configuration: each connection's commands, one file per kind for the whole gateway (the tunnels are
    // named by their connections, so their commands stand side by side).
    private static List<PeerConfigFile> Vendor(Vendors.VendorDialect vendor, IReadOnlyList<PeerSite> sites,
        PeerConfigFormat format, bool includeSecret, string? peerLocalAddress)
    {
        if (peerLocalAddress != null)
        {
            throw OpenStackException.Argument("PeerLocalAddress",
                $"{format} is written with the device's own public address, as the cloud knows it; -PeerLocalAddress "
                + "serves the strongSwan and Libreswan formats. Put the device's private address in by hand.");
        }

        var peers = sites.Select(site => site.Connection.PeerAddress).Distinct().ToList();
        if (peers.Count > 1)
        {
            throw OpenStackException.Argument("Path",
                $"the connections {string.Join(", ", sites.Select(site => site.Connection.Id))} have different peers "
                + $"({string.Join("; ", peers)}); one folder holds one peer gateway's configuration: export each "
                + "peer to its own folder.");
        }

        return sites.SelectMany(site => Vendors.VendorDialects.Write(vendor, site, includeSecret))
            .GroupBy(file => file.FileName)
            .Select(files => files.Count() == 1 ? files.First() : new PeerConfigFile(
                string.Join(",", files.Select(f => f.ConnectionId)), format, files.Key,
                string.Join("\n", files.Select(f => f.Content)), files.Any(f => f.HoldsSecret)))
            .ToList();
    }

    private static (PeerSite Site, PeerSettings Settings, string? Secret, string KeyText) Prepare(
        PeerSite site, PeerConfigFormat format, bool includeSecret, string? peerLocalAddress)
    {
        if (site.Refusal(format) is { } reason)
        {
            throw OpenStackException.Argument("Format",
                $"connection {site.Connection.Id} cannot be written as {format}: {reason}");
        }

        var settings = site.Expected();
        if (includeSecret && settings.Psk == null)
        {
            throw OpenStackException.Argument("IncludeSecret",
                $"the cloud's answer for connection {site.Connection.Id} holds no pre-shared key "
                + "(the cloud or its policy may hide it from this user), so nothing was written. Export without " +
                    "-IncludeSecret for a placeholder "
                + "and put the key in by hand.");
        }

        settings.LocalAddress = peerLocalAddress ?? settings.LocalAddress;
        var secret = includeSecret ? OpenStackVpn.Core.Secrets.ToPlain(settings.Psk) : null;
        return (site, settings, secret, PeerConfigFile.QuoteSecret(secret ?? PeerConfigFile.PskPlaceholder));
    }

    // A peer behind NAT does not own the address the cloud knows: an address of its own, or the format's wildcard.
    private static string? LocalAddressRefusal(string? address, PeerConfigFormat format)
    {
        if (address == null || PeerSite.IsIp(address) || address == "%any"
            || (address == "%defaultroute" && format != PeerConfigFormat.Swanctl))
        {
            return null;
        }

        return address == "%defaultroute"
            ? "swanctl.conf has no %defaultroute: give the peer's own address, or %any."
            : $"'{address}' is neither an IP address nor %any or %defaultroute.";
    }

    private static string Swanctl(List<PeerSettings> all, List<(PeerSettings Ids, string KeyText)> keys,
        bool placeholder)
    {
        var text = new StringBuilder();
        text.Append("connections {\n");
        foreach (var members in all.GroupBy(IkeSaKey))
        {
            SwanctlConnection(text, members.OrderBy(s => s.Name, System.StringComparer.Ordinal).ToList());
        }

        text.Append("}\nsecrets {\n");
        foreach (var (s, keyText) in keys)
        {
            text.Append($"  ike-{s.Name} {{\n");
            text.Append($"    id-peer = {Quoted(s.LocalId)}\n");
            text.Append($"    id-cloud = {Quoted(s.RemoteId)}\n");
            text.Append(
                $"    secret = " +
                $"{keyText}{(placeholder ? PlaceholderHint : "")}\n");
            text.Append("  }\n");
        }

        text.Append("}\n");
        text.Append($"# mtu = {all[0].Mtu}: swanctl has no MTU setting; set it on the peer's interfaces if needed.\n");
        return text.ToString();
    }

    // What makes two connections one IKE SA. The cloud's strongSwan (neutron-vpnaas's ipsec.conf, read by starter)
    // merges conns whose IKE settings are equal into one peer config and negotiates the second one's CHILD_SA inside
    // the first one's IKE SA; charon answers a CHILD_SA only from the children of the IKE SA's own connection, so
    // such connections must be children of one swanctl connection (seen in the tunnel lab: TS_UNACCEPTABLE else).
    internal static string IkeSaKey(PeerSettings s) => string.Join("|", s.IkeVersion, s.LocalAddress,
        s.RemoteAddress, s.LocalId, s.RemoteId, s.IkeProposal, s.Aggressive, s.IkeLifetime, s.DpdDelay, s.DpdTimeout);

    // One IKE connection, named after its first member (by id: stable for the same set of connections), with one
    // child per cloud connection, each named after its connection.
    private static void SwanctlConnection(StringBuilder text, List<PeerSettings> members)
    {
        var s = members[0];
        if (members.Count > 1)
        {
            text.Append($"  # one IKE SA for {string.Join(", ", members.Select(m => m.Name))}: the cloud negotiates "
                + "them together, as their IKE settings are equal\n");
        }

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
        foreach (var child in members)
        {
            SwanctlChild(text, child);
        }

        text.Append("    }\n  }\n");
    }

    private static void SwanctlChild(StringBuilder text, PeerSettings s)
    {
        text.Append($"      {s.Name} {{\n");
        text.Append($"        local_ts = {string.Join(",", s.LocalSubnets)}\n");
        text.Append($"        remote_ts = {string.Join(",", s.RemoteSubnets)}\n");
        text.Append($"        mode = {s.Mode}\n");
        text.Append($"        {s.ChildProtocol}_proposals = {s.ChildProposal}\n");
        text.Append($"        rekey_time = {Seconds(s.ChildLifetime)}\n");
        text.Append($"        dpd_action = {SwanctlDpdAction(s.DpdAction)}\n");
        text.Append($"        start_action = {(s.StartAction == "start" ? "start" : "trap")}\n");
        text.Append("      }\n");
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
        (placeholder
            ? "# the key is a placeholder: Get-IpsecSiteConnection -IncludeSecret, or Export-IpsecPeerConfig " +
            "-IncludeSecret\n" : "");

    private static string Subnets(string side, IReadOnlyList<string> cidrs) =>
        cidrs.Count == 1 ? $"{side}subnet={cidrs[0]}" : $"{side}subnets={{{string.Join(" ", cidrs)}}}";

    // An id in double quotes when it holds anything but name and address characters: "#" would start a comment
    // (strongSwan's key ids are written @#hex), a space would end the value.
    private static string? Quoted(string? id) =>
        id != null && id.Any(c => !(char.IsLetterOrDigit(c) || "@.:_-/".IndexOf(c) >= 0)) ? "\"" + id + "\"" : id;

    private static string YesNo(bool? value) => value == true ? "yes" : "no";

    private static string Seconds(int? value) => (value ?? 0).ToString(CultureInfo.InvariantCulture) + "s";

    // Neutron's DPD actions in each format: swanctl names "hold" trap; restart-by-peer has no
    // peer-side twin, clear comes closest.
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
        (text ?? "").Split(new[] { ',', ' ', '{', '}' },
            System.StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim());
}
