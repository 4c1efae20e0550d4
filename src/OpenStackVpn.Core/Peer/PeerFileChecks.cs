using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// What the peer's file says against what the cloud side renders. The cloud side is neutron-vpnaas's templates (as of
/// release 21): strongswan/ipsec.conf.template (strongSwan driver) and openswan/ipsec.conf.template (which the
/// Libreswan
/// driver uses; master calls it libreswan/), with ipsec.py's DIALECT_MAP (bi-directional -> auto=start, response-only
/// ->
/// auto=add, v1 -> ikev2=never, v2 -> insist). Each rule names the lines it rests on. An Error keeps the tunnel down; a
/// Warning makes it fail later or in one direction; an Info is a difference both sides live with.
/// </summary>
internal static class PeerFileChecks
{
    public static List<ConnectionFinding> All(PeerSite site, PeerFileConnection file)
    {
        var expected = site.Expected();
        var found = file.Settings;
        var id = site.Connection.Id;
        var ike = ConnectionFinding.Label("IKE policy", site.IkePolicy);
        var esp = ConnectionFinding.Label("IPsec policy", site.IpsecPolicy);
        var conn = ConnectionFinding.Label("connection", site.Connection);
        ConnectionFinding F(string check, FindingSeverity severity, string f, string? e, string? action,
            string property) =>
            new(id, check, severity, f, e, action, file.SourceOf(property));

        var v = found.IkeVersion?.ToString(CultureInfo.InvariantCulture);
        var ev = expected.IkeVersion?.ToString(CultureInfo.InvariantCulture);
        var list = new List<ConnectionFinding>
        {
            IkeVersion(F, file, v, ev, ike),
            Address(F, "PeerConfig.PeerAddress", found.LocalAddress, expected.LocalAddress,
                nameof(found.LocalAddress), conn, peerSide: true),
            Address(F, "PeerConfig.CloudAddress", found.RemoteAddress, expected.RemoteAddress,
                nameof(found.RemoteAddress), conn, peerSide: false),
            Identity(F, "PeerConfig.PeerId", found.LocalId, expected.LocalId, nameof(found.LocalId),
                file.LocalAddressIsWildcard),
            Identity(F, "PeerConfig.CloudId", found.RemoteId, expected.RemoteId, nameof(found.RemoteId), false),
            Selectors(F, "PeerConfig.PeerCidrs", found.LocalSubnets, expected.LocalSubnets,
                nameof(found.LocalSubnets), expected.IkeVersion),
            Selectors(F, "PeerConfig.LocalCidrs", found.RemoteSubnets, expected.RemoteSubnets,
                nameof(found.RemoteSubnets), expected.IkeVersion),
            ProposalCheck.Ike(F, file, expected, ike),
            Same(F, "PeerConfig.ChildProtocol", found.ChildProtocol, expected.ChildProtocol,
                $"Use the transform protocol of {esp}.",
                nameof(found.ChildProtocol)),
            ProposalCheck.Child(F, file, expected, esp),
            Same(F, "PeerConfig.Mode", found.Mode, expected.Mode, $"Use the encapsulation mode of {esp}.",
                nameof(found.Mode)),
            // Aggressive mode exists only in IKEv1 (RFC 7296 has none): with IKEv2 the setting is ignored on both
            // sides.
            expected.IkeVersion == 2
                ? F("PeerConfig.Aggressive", FindingSeverity.Ok, YesNo(found.Aggressive), YesNo(expected.Aggressive),
                    null, nameof(found.Aggressive))
                : Same(F, "PeerConfig.Aggressive", YesNo(found.Aggressive), YesNo(expected.Aggressive),
                    $"Use the phase-1 negotiation mode of {ike}.", nameof(found.Aggressive)),
            Lifetime(F, "PeerConfig.IkeLifetime", found.IkeLifetime, expected.IkeLifetime, nameof(found.IkeLifetime)),
            Lifetime(F, "PeerConfig.ChildLifetime", found.ChildLifetime, expected.ChildLifetime,
                nameof(found.ChildLifetime)),
            Dpd(F, found, expected),
            Start(F, found, expected, site),
            Psk(F, file, expected, site),
        };
        return list;
    }

    internal delegate ConnectionFinding Make(string check, FindingSeverity severity, string found, string? expected,
        string? action, string property);

    private static ConnectionFinding IkeVersion(Make f, PeerFileConnection file, string? found, string? expected,
        string ike)
    {
        var p = nameof(PeerSettings.IkeVersion);
        if (file.EitherIkeVersion)
        {
            // swanctl version = 0 / ipsec.conf keyexchange=ike: answers IKEv1 and IKEv2, starts IKEv2. The cloud's
            // templates
            // write keyexchange=ikev1 (strongSwan) or ikev2=never (Libreswan) for a v1 policy, so a tunnel the peer
            // starts fails.
            return expected == "2"
                ? f("PeerConfig.IkeVersion", FindingSeverity.Ok, "either (starts IKEv2)", expected, null, p)
                : f("PeerConfig.IkeVersion", FindingSeverity.Warning, "either (starts IKEv2)", expected,
                    $"The peer answers IKEv1 but starts IKEv2, which the cloud refuses ({ike} is v1): set the peer "
                        + $"to IKEv1 only.", p);
        }

        return Same(f, "PeerConfig.IkeVersion", found, expected, $"Set the IKE version of {ike}.", p);
    }

    private static ConnectionFinding Address(Make f, string check, string? found, string? expected, string p,
        string conn, bool peerSide)
    {
        var shown = found ?? "(none)";
        if (IPAddress.TryParse(found ?? "", out var a) && IPAddress.TryParse(expected ?? "", out var b) && a.Equals(b))
        {
            return f(check, FindingSeverity.Ok, shown, expected, null, p);
        }

        if (PeerFileConnection.IsWildcard(found))
        {
            // left=%defaultroute / local_addrs = %any: the peer uses its interface's address, normal behind NAT; the
            // cloud
            // (right=peer_address in both templates) accepts what reaches it from peer_address. right=%any: the peer
            // only
            // answers; the cloud starts (strongSwan driver: auto=route, on traffic; Libreswan driver: auto=start).
            return f(check, FindingSeverity.Info, shown, expected, peerSide
                ? $"The peer uses its own interface address; packets must reach the cloud from {expected} (its "
                    + $"NAT's address)."
                : "The peer only answers: the cloud must start the tunnel.", p);
        }

        if (!IPAddress.TryParse(found, out var foundIp))
        {
            return f(check, FindingSeverity.Info, shown, expected,
                $"A host name, resolved by the peer: it must resolve to {expected}.", p);
        }

        if (peerSide && IsPrivate(foundIp))
        {
            return f(check, FindingSeverity.Info, shown, expected,
                $"A private address: the peer is behind NAT, whose public address must be {expected} (peer_address "
                    + $"of {conn}).", p);
        }

        return f(check, FindingSeverity.Error, shown, expected, peerSide
            ? $"The peer must send from the address {conn} names as peer_address (or change peer_address)."
            : "Point the peer at the VPN service's external address.", p);
    }

    private static ConnectionFinding Identity(Make f, string check, string? found, string? expected, string p,
        bool wildcardAddress)
    {
        if (found == null && wildcardAddress)
        {
            return f(check, FindingSeverity.Info, "(its interface address)", expected,
                $"The peer sends its own address as id; the cloud accepts only {expected}: set the peer's id to it "
                    + $"if the peer is behind NAT.", p);
        }

        if (PeerIdentity.IsAny(found))
        {
            return f(check, FindingSeverity.Ok, found!, expected, null, p);
        }

        if (PeerIdentity.Same(found, expected))
        {
            return f(check, FindingSeverity.Ok, found!, expected, null, p);
        }

        var action = found != null && expected != null && PeerIdentity.SameText(found, expected)
            ? $"Same text, other id type on the wire: the peer's '{found}' is an {PeerIdentity.Wire(found).Type} "
                + $"id, the cloud's '{expected}' an "
              + $"{PeerIdentity.Wire(expected).Type} id (Neutron puts '@' on both ids when either is not an IP "
                  + $"address). Write it as '{expected}'."
            : $"Use the id the cloud's side expects: '{expected}'.";
        return f(check, FindingSeverity.Error, found ?? "(none)", expected, action, p);
    }

    private static ConnectionFinding Selectors(Make f, string check, IReadOnlyList<string> found,
        IReadOnlyList<string> expected, string p, int? ikeVersion)
    {
        var shown = found.Count == 0 ? "(none)" : string.Join(",", found);
        var want = string.Join(",", expected);
        var fs = new HashSet<string>(found.Select(Canonical));
        if (fs.SetEquals(expected.Select(Canonical)))
        {
            return f(check, FindingSeverity.Ok, shown, want, null, p);
        }

        // IKEv2 narrows traffic selectors (RFC 7296 2.9): a peer offering wider networks gets the cloud's.
        if (ikeVersion == 2 && found.Count > 0 && expected.All(e => found.Any(x => Covers(x, e))))
        {
            return f(check, FindingSeverity.Info, shown, want,
                "The peer offers wider networks; IKEv2 narrows them to the cloud's.", p);
        }

        return f(check, FindingSeverity.Error, shown, want,
            "The networks must be the same on both sides: the peer's local networks are the connection's peer CIDRs "
            + "(or peer endpoint group), its remote ones the cloud's subnet (or local endpoint group).", p);
    }

    private static ConnectionFinding Same(Make f, string check, string? found, string? expected, string action,
        string p) =>
        string.Equals(found, expected, StringComparison.OrdinalIgnoreCase)
            ? f(check, FindingSeverity.Ok, found ?? "(none)", expected, null, p)
            : f(check, FindingSeverity.Error, found ?? "(none)", expected, action, p);

    // Lifetimes are not negotiated in IKEv2 (RFC 7296 2.8: each side rekeys on its own timer) and an IKEv1 responder
    // takes the
    // initiator's shorter one: a difference changes who rekeys first, never whether the tunnel comes up.
    private static ConnectionFinding Lifetime(Make f, string check, int? found, int? expected, string p) =>
        found == expected
            ? f(check, FindingSeverity.Ok, $"{found}s", $"{expected}s", null, p)
            : f(check, FindingSeverity.Info, found == null ? "(the peer's default)" : $"{found}s", $"{expected}s",
                "Lifetimes differ: the side with the shorter one rekeys; the tunnel stays up.", p);

    // DPD needs nothing of the other side beyond answering (IKEv2 INFORMATIONAL; IKEv1 R_U_THERE, RFC 3706), which both
    // daemons always do: a difference only decides who notices a dead peer.
    private static ConnectionFinding Dpd(Make f, PeerSettings found, PeerSettings expected)
    {
        var fs = (found.DpdDelay ?? 0) == 0 ? "disabled" : $"{found.DpdAction} every {found.DpdDelay}s";
        var es = (expected.DpdDelay ?? 0) == 0 ? "disabled" : $"{expected.DpdAction} every {expected.DpdDelay}s";
        var same = ((found.DpdDelay ?? 0) == 0) == ((expected.DpdDelay ?? 0) == 0);
        return f("PeerConfig.DpdAction", same ? FindingSeverity.Ok : FindingSeverity.Info, fs, es,
            same ? null
                : "Only one side probes; the other answers. Enable DPD on both to notice a dead peer from both ends.",
            nameof(PeerSettings.DpdDelay));
    }

    private static ConnectionFinding Start(Make f, PeerSettings found, PeerSettings expected, PeerSite site)
    {
        var p = nameof(PeerSettings.StartAction);
        var peer = found.StartAction ?? "add";
        var responseOnly = site.Connection.Initiator == "response-only";
        // strongSwan template: "auto=route" whatever initiator says (the cloud starts on traffic from its side).
        // Libreswan template: auto={{initiator}} with DIALECT_MAP: bi-directional -> start, response-only -> add (never
        // starts).
        if (peer == "start" || (!responseOnly && peer != "ignore"))
        {
            return f("PeerConfig.StartAction", FindingSeverity.Ok, peer, expected.StartAction, null, p);
        }

        if (peer == "route")
        {
            return f("PeerConfig.StartAction", FindingSeverity.Info, peer, expected.StartAction,
                "The peer starts on traffic from its side; with the Libreswan driver a response-only cloud never "
                    + "starts.", p);
        }

        return f("PeerConfig.StartAction", FindingSeverity.Warning, peer, expected.StartAction,
            "Neither side starts at once: the connection is response-only (Libreswan driver: auto=add) and the peer "
                + "only "
            + "answers. Only traffic from the cloud side brings it up, and only with the strongSwan driver "
                + "(auto=route). "
            + "Set the peer to start (auto=start / start_action = start).", p);
    }

    private static ConnectionFinding Psk(Make f, PeerFileConnection file, PeerSettings expected, PeerSite site)
    {
        const string p = nameof(PeerSettings.Psk);
        var found = file.Settings;
        ConnectionFinding Make(FindingSeverity severity, string text, string? action)
        {
            var finding = f("PeerConfig.Psk", severity, text, null, action, p);
            finding.Source = file.PskSource ?? file.Where;
            return finding;
        }

        if (found.Psk == null)
        {
            return Make(FindingSeverity.Error, "no pre-shared key for these ids in the peer's files"
                + (file.Notes.Count > 0 ? " (" + string.Join("; ", file.Notes) + ")" : ""),
                "Add the connection's PSK to the peer's secrets (Export-IpsecPeerConfig -IncludeSecret writes it).");
        }

        if (found.PskIsPlaceholder)
        {
            return Make(FindingSeverity.Error,
                "the peer's file still holds the export's placeholder instead of the key",
                "Put the connection's PSK in place of the placeholder, or export with -IncludeSecret.");
        }

        if (expected.Psk == null)
        {
            return Make(FindingSeverity.Warning,
                "the cloud did not show this connection's PSK to this user, so it could not be compared",
                "Run as the connection's owner.");
        }

        return string.Equals(Secrets.ToPlain(found.Psk), Secrets.ToPlain(expected.Psk), StringComparison.Ordinal)
            ? Make(FindingSeverity.Ok, "the peer's pre-shared key is the connection's", null)
            : Make(FindingSeverity.Error, "the peer's pre-shared key differs from the connection's (neither is shown)",
                $"Give both sides the same PSK: Export-IpsecPeerConfig -IncludeSecret, or Set-IpsecSiteConnection "
                    + $"{site.Connection.Id} -Psk.");
    }

    private static string YesNo(bool? value) => value == true ? "aggressive" : "main";

    private static bool IsPrivate(IPAddress a)
    {
        var b = a.GetAddressBytes();
        return a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168) || (b[0] == 100
                && (b[1] & 0xC0) == 64)
            : (b[0] & 0xFE) == 0xFC;
    }

    private static bool Covers(string wide, string narrow) =>
        ConnectionDiagnosis.Overlaps(wide, narrow) && Prefix(wide) <= Prefix(narrow);

    private static int Prefix(string cidr) =>
        cidr.Split('/') is { Length: 2 } parts && int.TryParse(parts[1], NumberStyles.Integer,
            CultureInfo.InvariantCulture, out var n)
            ? n
            : cidr.IndexOf(':') >= 0 ? 128 : 32;

    private static string Canonical(string cidr)
    {
        var parts = cidr.Trim().Split('/');
        return IPAddress.TryParse(parts[0], out var a)
            ? a + "/" + (parts.Length > 1 ? parts[1]
                : (a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "128" : "32"))
            : cidr.Trim();
    }
}
