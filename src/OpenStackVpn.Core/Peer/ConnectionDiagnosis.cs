using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// The checks of Test-IpsecSiteConnection: from the API alone (<see cref="ApiChecks"/>), and against a peer's actual
/// configuration (<see cref="PeerConfigChecks"/>). Every check is its own finding, passed ones included.
/// </summary>
public static class ConnectionDiagnosis
{
    /// <summary>What the API alone tells about the connection.</summary>
    public static IReadOnlyList<ConnectionFinding> ApiChecks(ConnectionPicture picture)
    {
        var site = picture.Site;
        var c = site.Connection;
        var s = site.Service;
        var id = c.Id;
        var findings = new List<ConnectionFinding>
        {
            Status("ConnectionStatus", id, c.Status, c.AdminStateUp, "connection"),
            Status("ServiceStatus", id, s.Status, s.AdminStateUp, "VPN service"),
        };

        findings.Add(picture.Router == null
            ? new ConnectionFinding(id, "RouterGateway", FindingSeverity.Warning, $"router {s.RouterId} could not be read", action: "Check the router exists and is visible to this project.")
            : picture.Router.ExternalNetworkId == null
                ? new ConnectionFinding(id, "RouterGateway", FindingSeverity.Error, $"router {picture.Router.Id} has no external gateway", action: "Set the router's external gateway: the VPN service needs a public address.")
                : new ConnectionFinding(id, "RouterGateway", FindingSeverity.Ok, $"router {picture.Router.Id} has a gateway on network {picture.Router.ExternalNetworkId}"));

        findings.Add(string.IsNullOrEmpty(site.CloudAddress)
            ? new ConnectionFinding(id, "ServiceAddress", FindingSeverity.Error, $"the VPN service has no external IPv{(IsV6(c.PeerAddress) ? 6 : 4)} address for peer {c.PeerAddress}", action: "Give the router a gateway address of the peer's IP version.")
            : new ConnectionFinding(id, "ServiceAddress", FindingSeverity.Ok, $"peers connect to {site.CloudAddress}"));

        if (s.SubnetId == null)
        {
            findings.Add(new ConnectionFinding(id, "ServiceSubnetOnRouter", FindingSeverity.Ok, "endpoint-group mode: the local subnets come from the local endpoint group"));
        }
        else if (picture.RouterSubnetIds == null)
        {
            findings.Add(new ConnectionFinding(id, "ServiceSubnetOnRouter", FindingSeverity.Info, "the cloud shows no ports, so the router's interfaces could not be listed", action: "Check with the cloud's own tools that the subnet is attached to the router."));
        }
        else
        {
            findings.Add(picture.RouterSubnetIds.Contains(s.SubnetId)
                ? new ConnectionFinding(id, "ServiceSubnetOnRouter", FindingSeverity.Ok, $"subnet {s.SubnetId} is on router {s.RouterId}")
                : new ConnectionFinding(id, "ServiceSubnetOnRouter", FindingSeverity.Error, $"subnet {s.SubnetId} is not on router {s.RouterId}", action: "Attach the subnet to the router (add a router interface)."));
        }

        findings.Add(Mode(site));
        findings.Add(Overlap(id, "PeerCidrsOverlapLocal", site.PeerCidrs, site.LocalCidrs, "the local CIDRs", "Peer networks must not overlap the cloud's own; renumber one side or use NAT on the peer."));
        var clash = picture.Others.Select(o => (o.Connection, Common: o.PeerCidrs.Where(p => site.PeerCidrs.Any(q => Overlaps(p, q))).ToList())).FirstOrDefault(o => o.Common.Count > 0);
        findings.Add(clash.Connection == null
            ? new ConnectionFinding(id, "PeerCidrsOverlapOtherConnection", FindingSeverity.Ok, $"no other connection on router {s.RouterId} reaches these peer CIDRs")
            : new ConnectionFinding(id, "PeerCidrsOverlapOtherConnection", FindingSeverity.Error, $"connection {clash.Connection.Id} on the same router also routes {string.Join(", ", clash.Common)}", action: "Give each connection of a router distinct peer CIDRs: traffic matches only one of them."));
        var twin = picture.Others.FirstOrDefault(o => o.Connection.VpnServiceId == c.VpnServiceId && o.Connection.PeerAddress == c.PeerAddress).Connection;
        findings.Add(twin == null
            ? new ConnectionFinding(id, "DuplicatePeer", FindingSeverity.Ok, $"the only connection of its service to {c.PeerAddress}")
            : new ConnectionFinding(id, "DuplicatePeer", FindingSeverity.Error, $"connection {twin.Id} of the same service also goes to {c.PeerAddress}", action: "Use one connection per peer and service, with all the peer's CIDRs."));
        findings.Add(PeerSite.IsIp(c.PeerId) && IPAddress.TryParse(c.PeerAddress ?? "", out var address) && !IPAddress.Parse(c.PeerId!).Equals(address)
            ? new ConnectionFinding(id, "PeerIdMatchesAddress", FindingSeverity.Warning, $"peer_id {c.PeerId} is an IP address other than peer_address {c.PeerAddress}", c.PeerAddress, "A peer identifies itself by its own address unless told otherwise: set peer_id to the peer's address, or the id the peer sends.")
            : new ConnectionFinding(id, "PeerIdMatchesAddress", FindingSeverity.Ok, site.FqdnIdentities ? $"FQDN identities: the cloud expects the peer to send {site.Identity(c.PeerId)}" : $"peer_id {c.PeerId}"));
        findings.Add(Dpd(id, c.Dpd));
        findings.Add(Lifetimes(site));
        findings.Add(c.Mtu is { } mtu && mtu < 576
            ? new ConnectionFinding(id, "Mtu", FindingSeverity.Warning, $"MTU {mtu} is below 576, the smallest IPv4 datagram every host must accept", "576 or more", "Raise the MTU; fragments this small break many protocols.")
            : new ConnectionFinding(id, "Mtu", FindingSeverity.Ok, $"MTU {c.Mtu}"));
        findings.Add(Driver(site));
        return findings;
    }

    /// <summary>Every difference between what the cloud expects of the peer and what the peer's file says; the PSK is compared without being shown.</summary>
    public static IReadOnlyList<ConnectionFinding> PeerConfigChecks(PeerSite site, PeerSettings found, FindingSeverity statusSeverity = FindingSeverity.Ok)
    {
        var expected = site.Expected();
        var id = site.Connection.Id;
        var findings = new List<ConnectionFinding>
        {
            Same(id, "PeerConfig.IkeVersion", found.IkeVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture), expected.IkeVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture), "Set the IKE version the cloud's IKE policy has."),
            SameAddress(id, "PeerConfig.PeerAddress", found.LocalAddress, expected.LocalAddress, "The peer must use the address the connection names as peer_address (or change peer_address)."),
            SameAddress(id, "PeerConfig.CloudAddress", found.RemoteAddress, expected.RemoteAddress, "Point the peer at the VPN service's external address."),
            Same(id, "PeerConfig.PeerId", found.LocalId, expected.LocalId, "The peer must send the id the cloud expects (Neutron puts '@' on both ids when either is not an IP address)."),
            Same(id, "PeerConfig.CloudId", found.RemoteId, expected.RemoteId, "The peer must expect the cloud's local_id (or its address when local_id is empty)."),
            SameSet(id, "PeerConfig.PeerCidrs", found.LocalSubnets, expected.LocalSubnets, "The peer's local networks must be the connection's peer CIDRs (or peer endpoint group)."),
            SameSet(id, "PeerConfig.LocalCidrs", found.RemoteSubnets, expected.RemoteSubnets, "The peer's remote networks must be the cloud's subnet (or local endpoint group)."),
            Offered(id, "PeerConfig.IkeProposal", found.IkeProposal, expected.IkeProposal, "Offer the IKE policy's encryption, auth algorithm and group; the cloud accepts no other."),
            Same(id, "PeerConfig.ChildProtocol", found.ChildProtocol, expected.ChildProtocol, "Use the IPsec policy's transform protocol."),
            Offered(id, "PeerConfig.ChildProposal", found.ChildProposal, expected.ChildProposal, "Offer the IPsec policy's encryption, auth algorithm and PFS group."),
            Same(id, "PeerConfig.Mode", found.Mode, expected.Mode, "Use the IPsec policy's encapsulation mode."),
            Same(id, "PeerConfig.Aggressive", found.Aggressive?.ToString(), expected.Aggressive?.ToString(), "Use the IKE policy's phase-1 negotiation mode."),
            Lifetime(id, "PeerConfig.IkeLifetime", found.IkeLifetime, expected.IkeLifetime),
            Lifetime(id, "PeerConfig.ChildLifetime", found.ChildLifetime, expected.ChildLifetime),
            Same(id, "PeerConfig.DpdAction", (found.DpdDelay ?? 0) == 0 ? "disabled" : "enabled", (expected.DpdDelay ?? 0) == 0 ? "disabled" : "enabled", "Enable DPD on both sides or on neither.", FindingSeverity.Warning),
            Same(id, "PeerConfig.StartAction", found.StartAction, expected.StartAction,
                expected.StartAction == "start" ? "The connection is response-only: the cloud never initiates, so the peer must (auto=start / start_action=start)." : "Either side may start; route (trap) waits for the cloud or for traffic.",
                expected.StartAction == "start" ? FindingSeverity.Error : FindingSeverity.Info),
            Psk(id, found, expected),
        };

        if (statusSeverity == FindingSeverity.Error && findings.All(f => f.Severity != FindingSeverity.Error))
        {
            findings.Add(new ConnectionFinding(id, "PeerAnswers", FindingSeverity.Error,
                $"the connection is {site.Connection.Status} although the peer's file matches what the cloud expects: the peer does not answer",
                action: $"Check that the peer gateway at {expected.LocalAddress} runs with this configuration loaded, and that UDP 500 and 4500 pass between it and {expected.RemoteAddress}."));
        }

        return findings;
    }

    private static ConnectionFinding Status(string check, string id, string? status, bool? adminUp, string what)
    {
        if (adminUp == false)
        {
            return new ConnectionFinding(id, check, FindingSeverity.Error, $"the {what} is administratively down ({status})", "admin_state_up true", $"Set the {what} up (-AdminStateUp $true).");
        }

        return status switch
        {
            "ACTIVE" => new ConnectionFinding(id, check, FindingSeverity.Ok, $"the {what} is ACTIVE"),
            "DOWN" => new ConnectionFinding(id, check, FindingSeverity.Error, $"the {what} is DOWN: the cloud's VPN agent reports no established tunnel", "ACTIVE", "Compare the peer's configuration with -PeerConfig; check the peer runs and reaches the cloud's address."),
            "ERROR" => new ConnectionFinding(id, check, FindingSeverity.Error, $"the {what} is in ERROR: the VPN agent could not build it", "ACTIVE", "Read the VPN agent's log on the network node, or recreate the object."),
            _ when status?.StartsWith("PENDING_", StringComparison.Ordinal) == true => new ConnectionFinding(id, check, FindingSeverity.Warning, $"the {what} is {status}: no VPN agent has reported on it yet", "ACTIVE", "Wait (Wait-IpsecSiteConnection); if it never changes, the cloud's VPN agent is not running for this router."),
            _ => new ConnectionFinding(id, check, FindingSeverity.Warning, $"the {what} is {status}", "ACTIVE", "Wait, then check again."),
        };
    }

    private static ConnectionFinding Mode(PeerSite site)
    {
        var c = site.Connection;
        var legacy = site.Service.SubnetId != null;
        var hasCidrs = c.PeerCidrs is { Length: > 0 };
        var hasGroups = c.LocalEndpointGroupId != null || c.PeerEndpointGroupId != null;
        if (legacy && hasCidrs && !hasGroups)
        {
            return new ConnectionFinding(c.Id, "Mode", FindingSeverity.Ok, "legacy mode: the service's subnet and the connection's peer CIDRs");
        }

        if (!legacy && !hasCidrs && c.LocalEndpointGroupId != null && c.PeerEndpointGroupId != null)
        {
            return new ConnectionFinding(c.Id, "Mode", FindingSeverity.Ok, "endpoint-group mode: a local and a peer endpoint group");
        }

        return new ConnectionFinding(c.Id, "Mode", FindingSeverity.Error,
            $"the service {(legacy ? "has a subnet (legacy mode)" : "has no subnet (endpoint-group mode)")} but the connection has {(hasCidrs ? "peer CIDRs" : "no peer CIDRs")} and {(hasGroups ? "endpoint groups" : "no endpoint groups")}",
            action: "Use a subnet on the service with peer CIDRs, or no subnet with both endpoint groups.");
    }

    private static ConnectionFinding Overlap(string id, string check, IReadOnlyList<string> mine, IReadOnlyList<string> theirs, string what, string action)
    {
        var common = mine.Where(m => theirs.Any(t => Overlaps(m, t))).ToList();
        return common.Count == 0
            ? new ConnectionFinding(id, check, FindingSeverity.Ok, $"peer CIDRs {string.Join(", ", mine)} do not overlap {what} {string.Join(", ", theirs)}")
            : new ConnectionFinding(id, check, FindingSeverity.Error, $"peer CIDRs {string.Join(", ", common)} overlap {what} {string.Join(", ", theirs)}", action: action);
    }

    private static ConnectionFinding Dpd(string id, DeadPeerDetection? dpd)
    {
        if (dpd == null || dpd.Action == "disabled")
        {
            return new ConnectionFinding(id, "Dpd", FindingSeverity.Info, "DPD is disabled: a dead peer is noticed only at rekeying", action: "Consider DPD (hold or restart).");
        }

        if (dpd.Interval is { } interval && dpd.Timeout is { } timeout && timeout < 2 * interval)
        {
            return new ConnectionFinding(id, "Dpd", FindingSeverity.Warning, $"DPD timeout {timeout}s is less than two intervals of {interval}s: one lost probe declares the peer dead", $"timeout of at least {2 * interval}s", "Raise the timeout to three or four intervals.");
        }

        return new ConnectionFinding(id, "Dpd", FindingSeverity.Ok, $"DPD {dpd.Action} every {dpd.Interval}s, dead after {dpd.Timeout}s");
    }

    private static ConnectionFinding Lifetimes(PeerSite site)
    {
        var ike = site.IkePolicy.Lifetime?.Value;
        var esp = site.IpsecPolicy.Lifetime?.Value;
        return ike != null && esp != null && esp >= ike
            ? new ConnectionFinding(site.Connection.Id, "Lifetimes", FindingSeverity.Warning, $"the phase-2 lifetime ({esp}s) is not shorter than the phase-1 lifetime ({ike}s): IPsec SAs rekey no earlier than the IKE SA they hang on", $"phase 2 shorter than {ike}s", "Make the IPsec policy's lifetime shorter than the IKE policy's (e.g. 3600 s against 28800 s).")
            : new ConnectionFinding(site.Connection.Id, "Lifetimes", FindingSeverity.Ok, $"phase 1 {ike}s, phase 2 {esp}s");
    }

    private static ConnectionFinding Driver(PeerSite site)
    {
        var id = site.Connection.Id;
        var ike = site.IkePolicy;
        var esp = site.IpsecPolicy;
        if (esp.TransformProtocol == "ah-esp")
        {
            return new ConnectionFinding(id, "DriverSupport", FindingSeverity.Error, "transform protocol ah-esp: the strongSwan driver renders it as plain ESP, which the peer will not match", "esp or ah", "Use esp (or ah) in the IPsec policy.");
        }

        if (ike.Phase1NegotiationMode == "aggressive" && ike.IkeVersion == "v2")
        {
            return new ConnectionFinding(id, "DriverSupport", FindingSeverity.Warning, "aggressive mode with IKEv2: aggressive mode exists only in IKEv1 and is ignored", "main", "Use main mode, or IKEv1.");
        }

        foreach (var lifetime in new[] { ike.Lifetime, esp.Lifetime })
        {
            if (lifetime?.Units is { } units && units != "seconds")
            {
                return new ConnectionFinding(id, "DriverSupport", FindingSeverity.Error, $"a lifetime in {units}: the driver's templates write every lifetime as seconds", "seconds", "Give lifetimes in seconds.");
            }
        }

        if (ike.IkeVersion == "v1" && (site.LocalCidrs.Count > 1 || site.PeerCidrs.Count > 1))
        {
            // Seen in the tunnel lab: with two peer CIDRs and IKEv1, ping reaches the first network and never the second.
            return new ConnectionFinding(id, "DriverSupport", FindingSeverity.Warning,
                $"IKEv1 with {site.LocalCidrs.Count} local and {site.PeerCidrs.Count} peer CIDRs: strongSwan's IKEv1 negotiates only the first of each side ({(site.LocalCidrs.Count > 0 ? site.LocalCidrs[0] : "")} <-> {(site.PeerCidrs.Count > 0 ? site.PeerCidrs[0] : "")}), so traffic of the others never enters the tunnel",
                "IKEv2, or one CIDR on each side", "Use an IKEv2 policy, or one connection per pair of CIDRs.");
        }

        if (site.Refusal(PeerConfigFormat.Swanctl) is { } reason)
        {
            return new ConnectionFinding(id, "DriverSupport", FindingSeverity.Error, reason, action: "Use algorithms both sides know.");
        }

        return new ConnectionFinding(id, "DriverSupport", FindingSeverity.Ok, "the strongSwan driver can build these policies");
    }

    private static ConnectionFinding Same(string id, string check, string? found, string? expected, string action, FindingSeverity severity = FindingSeverity.Error) =>
        string.Equals(found, expected, StringComparison.OrdinalIgnoreCase)
            ? new ConnectionFinding(id, check, FindingSeverity.Ok, found ?? "(none)", expected)
            : new ConnectionFinding(id, check, severity, found ?? "(none)", expected, action);

    private static ConnectionFinding SameAddress(string id, string check, string? found, string? expected, string action) =>
        IPAddress.TryParse(found ?? "", out var a) && IPAddress.TryParse(expected ?? "", out var b) && a.Equals(b)
            ? new ConnectionFinding(id, check, FindingSeverity.Ok, found!, expected)
            : Same(id, check, found, expected, action);

    private static ConnectionFinding SameSet(string id, string check, IReadOnlyList<string> found, IReadOnlyList<string> expected, string action)
    {
        var f = new HashSet<string>(found.Select(Canonical));
        var e = new HashSet<string>(expected.Select(Canonical));
        return f.SetEquals(e)
            ? new ConnectionFinding(id, check, FindingSeverity.Ok, string.Join(",", found), string.Join(",", expected))
            : new ConnectionFinding(id, check, FindingSeverity.Error, found.Count == 0 ? "(none)" : string.Join(",", found), string.Join(",", expected), action);
    }

    private static ConnectionFinding Offered(string id, string check, string? found, string? expected, string action)
    {
        var offered = (found ?? "").Split(',').Select(p => p.Trim().TrimEnd('!').ToLowerInvariant()).Where(p => p.Length > 0).ToList();
        return expected != null && offered.Contains(expected.ToLowerInvariant())
            ? new ConnectionFinding(id, check, FindingSeverity.Ok, found!, expected)
            : new ConnectionFinding(id, check, FindingSeverity.Error, found ?? "(none)", expected, action);
    }

    private static ConnectionFinding Lifetime(string id, string check, int? found, int? expected) =>
        found == expected
            ? new ConnectionFinding(id, check, FindingSeverity.Ok, $"{found}s", $"{expected}s")
            : new ConnectionFinding(id, check, FindingSeverity.Warning, found == null ? "(default)" : $"{found}s", $"{expected}s", "Use the policy's lifetime; different lifetimes make the sides rekey at different times.");

    private static ConnectionFinding Psk(string id, PeerSettings found, PeerSettings expected)
    {
        if (found.Psk == null)
        {
            return new ConnectionFinding(id, "PeerConfig.Psk", FindingSeverity.Error, "no pre-shared key for these ids in the peer's files", action: "Add the connection's PSK to the peer's secrets (Export-IpsecPeerConfig -IncludeSecret writes it).");
        }

        if (found.PskIsPlaceholder)
        {
            return new ConnectionFinding(id, "PeerConfig.Psk", FindingSeverity.Error, "the peer's file still holds the export's placeholder instead of the key", action: "Put the connection's PSK in place of the placeholder, or export with -IncludeSecret.");
        }

        if (expected.Psk == null)
        {
            return new ConnectionFinding(id, "PeerConfig.Psk", FindingSeverity.Warning, "the cloud did not show this connection's PSK to this user, so it could not be compared", action: "Run as the connection's owner.");
        }

        var same = string.Equals(Secrets.ToPlain(found.Psk), Secrets.ToPlain(expected.Psk), StringComparison.Ordinal);
        return same
            ? new ConnectionFinding(id, "PeerConfig.Psk", FindingSeverity.Ok, "the peer's pre-shared key is the connection's")
            : new ConnectionFinding(id, "PeerConfig.Psk", FindingSeverity.Error, "the peer's pre-shared key differs from the connection's (neither is shown)", action: "Give both sides the same PSK: Export-IpsecPeerConfig -IncludeSecret, or Set-IpsecSiteConnection -Psk.");
    }

    internal static bool Overlaps(string a, string b)
    {
        if (!TryCidr(a, out var na, out var pa) || !TryCidr(b, out var nb, out var pb) || na.Length != nb.Length)
        {
            return false;
        }

        var prefix = Math.Min(pa, pb);
        for (var bit = 0; bit < prefix; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            if ((na[bit / 8] & mask) != (nb[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryCidr(string text, out byte[] bytes, out int prefix)
    {
        bytes = Array.Empty<byte>();
        prefix = 0;
        var parts = text.Trim().Split('/');
        if (!IPAddress.TryParse(parts[0], out var address))
        {
            return false;
        }

        bytes = address.GetAddressBytes();
        prefix = parts.Length > 1 && int.TryParse(parts[1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : bytes.Length * 8;
        return true;
    }

    private static string Canonical(string cidr) => TryCidr(cidr, out var bytes, out var prefix) ? new IPAddress(bytes) + "/" + prefix.ToString(System.Globalization.CultureInfo.InvariantCulture) : cidr.Trim();

    private static bool IsV6(string? address) => IPAddress.TryParse(address ?? "", out var a) && a.AddressFamily == AddressFamily.InterNetworkV6;
}
