using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using OpenStackVpn.Core.Resources.Rules;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// The checks of Test-IpsecSiteConnection: from the API alone (<see cref="ApiChecks"/>), and against a peer's actual
/// configuration (<see cref="PeerConfigChecks(PeerSite, PeerFileConnection, FindingSeverity)"/>). Every check is its
/// own finding, passed ones included.
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
        findings[1].Source = ConnectionFinding.Label("VPN service", s);

        var router = ConnectionFinding.Label("router", picture.Router, s.RouterId);
        var service = ConnectionFinding.Label("VPN service", s);
        findings.Add(picture.Router == null
            ? new ConnectionFinding(id, "RouterGateway", FindingSeverity.Warning, $"{router} could not be read",
                action: "Check the router exists and is visible to this project.", source: router)
            : picture.Router.ExternalNetworkId == null
                ? new ConnectionFinding(id, "RouterGateway", FindingSeverity.Error,
                    $"{router} has no external gateway", "an external gateway",
                        "Set the router's external gateway: the VPN service needs a public address.", router)
                : new ConnectionFinding(id, "RouterGateway", FindingSeverity.Ok,
                    $"{router} has a gateway on network {picture.Router.ExternalNetworkId}", source: router));

        findings.Add(string.IsNullOrEmpty(site.CloudAddress)
            ? new ConnectionFinding(id, "ServiceAddress", FindingSeverity.Error,
                $"{service} has no external IPv{(IsV6(c.PeerAddress) ? 6 : 4)} address for peer {c.PeerAddress}",
                    "an external address", "Give the router a gateway address of the peer's IP version.", service)
            : new ConnectionFinding(id, "ServiceAddress", FindingSeverity.Ok, $"peers connect to {site.CloudAddress}",
                source: service));

        if (s.SubnetId == null)
        {
            findings.Add(
                new ConnectionFinding(id, "ServiceSubnetOnRouter", FindingSeverity.Ok,
                "endpoint-group mode: the local subnets come from the local endpoint group"));
        }
        else if (picture.RouterSubnetIds == null)
        {
            findings.Add(
                new ConnectionFinding(id, "ServiceSubnetOnRouter", FindingSeverity.Info,
                "the cloud shows no ports, so the router's interfaces could not be listed",
                action: "Check with the cloud's own tools that the subnet is attached to the router."));
        }
        else
        {
            findings.Add(picture.RouterSubnetIds.Contains(s.SubnetId)
                ? new ConnectionFinding(id, "ServiceSubnetOnRouter", FindingSeverity.Ok,
                    $"subnet {s.SubnetId} ({string.Join(",", site.LocalCidrs)}) is on {router}", source: service)
                : new ConnectionFinding(id, "ServiceSubnetOnRouter", FindingSeverity.Error,
                    $"subnet {s.SubnetId} ({string.Join(",", site.LocalCidrs)}) is not on {router}",
                        $"an interface of {router}", "Attach the subnet to the router (add a router interface).",
                            service));
        }

        findings.Add(Mode(site));
        findings.Add(
            Overlap(id, "PeerCidrsOverlapLocal", site.PeerCidrs, site.LocalCidrs, "the local CIDRs",
            "Peer networks must not overlap the cloud's own; renumber one side or use NAT on the peer."));
        var clash =
            picture.Others.Select(o
            => (o.Connection,
            Common: o.PeerCidrs.Where(p => site.PeerCidrs.Any(q => Overlaps(p, q))).ToList())).FirstOrDefault(o
            => o.Common.Count > 0);
        findings.Add(clash.Connection == null
            ? new ConnectionFinding(id, "PeerCidrsOverlapOtherConnection", FindingSeverity.Ok,
                $"no other connection on {router} reaches these peer CIDRs")
            : new ConnectionFinding(id, "PeerCidrsOverlapOtherConnection", FindingSeverity.Error,
                $"{ConnectionFinding.Label("connection", clash.Connection)} on the same router also routes "
                    + "{string.Join(", ", clash.Common)}",
                        action: "Give each connection of a router distinct peer CIDRs: traffic matches only one of "
                            + "them."));
        var twin =
            picture.Others.FirstOrDefault(o => o.Connection.VpnServiceId == c.VpnServiceId && o.Connection.PeerAddress
            == c.PeerAddress).Connection;
        findings.Add(twin == null
            ? new ConnectionFinding(id, "DuplicatePeer", FindingSeverity.Ok,
                $"the only connection of its service to {c.PeerAddress}")
            : new ConnectionFinding(id, "DuplicatePeer", FindingSeverity.Error,
                $"{ConnectionFinding.Label("connection", twin)} of the same service also goes to {c.PeerAddress}",
                    action: "Use one connection per peer and service, with all the peer's CIDRs."));
        findings.Add(PeerIdentityCheck(site));
        findings.Add(Dpd(id, c.Dpd));
        findings.Add(Lifetimes(site));
        findings.Add(PskStrength(site));
        findings.Add(c.Mtu is { } mtu && mtu < 576
            ? new ConnectionFinding(id, "Mtu", FindingSeverity.Warning,
                $"MTU {mtu} is below 576, the smallest IPv4 datagram every host must accept", "576 or more",
                "Raise the MTU; fragments this small break many protocols.")
            : new ConnectionFinding(id, "Mtu", FindingSeverity.Ok, $"MTU {c.Mtu}"));
        findings.Add(Driver(site));
        findings.Add(PeerProfiles.CurrentPeersFinding(site));
        var connection = ConnectionFinding.Label("connection", c);
        foreach (var finding in findings)
        {
            finding.ConnectionName = c.Name;
            finding.Source ??= connection;
        }

        return findings;
    }

    /// <summary>Every difference between what the cloud expects of the peer and what the peer's settings say.</summary>
    public static IReadOnlyList<ConnectionFinding> PeerConfigChecks(PeerSite site, PeerSettings found,
        FindingSeverity statusSeverity = FindingSeverity.Ok) =>
        PeerConfigChecks(site, PeerFileConnection.Of(found), statusSeverity);

    /// <summary>
    /// Every difference between what the cloud expects of the peer and what the peer's file says, each with the
    /// file:line it
    /// was read from; the PSK is compared without being shown.
    /// </summary>
    public static IReadOnlyList<ConnectionFinding> PeerConfigChecks(PeerSite site, PeerFileConnection found,
        FindingSeverity statusSeverity = FindingSeverity.Ok)
    {
        var findings = PeerFileChecks.All(site, found);
        var expected = site.Expected();
        var id = site.Connection.Id;
        if (statusSeverity == FindingSeverity.Error && findings.All(f => f.Severity != FindingSeverity.Error))
        {
            findings.Add(new ConnectionFinding(id, "PeerAnswers", FindingSeverity.Error,
                $"the connection is {site.Connection.Status} although the peer's file matches what the cloud " +
                    $"expects: the peer does not answer",
                action: $"Check that the peer gateway at {expected.LocalAddress} runs with this configuration loaded, "
                    + $"and that UDP 500 and 4500 pass between it and {expected.RemoteAddress}.",
                source: found.Where));
        }

        foreach (var finding in findings)
        {
            finding.ConnectionName = site.Connection.Name;
        }

        return findings;
    }

    private static ConnectionFinding Status(string check, string id, string? status, bool? adminUp, string what)
    {
        if (adminUp == false)
        {
            return new ConnectionFinding(id, check, FindingSeverity.Error,
                $"the {what} is administratively down ({status})", "admin_state_up true",
                $"Set the {what} up (-AdminStateUp $true).");
        }

        return status switch
        {
            "ACTIVE" => new ConnectionFinding(id, check, FindingSeverity.Ok, $"the {what} is ACTIVE"),
            "DOWN"
                => new ConnectionFinding(id, check, FindingSeverity.Error,
                $"the {what} is DOWN: the cloud's VPN agent reports no established tunnel", "ACTIVE",
                "Compare the peer's configuration with -PeerConfig; check the peer runs and reaches the cloud's " +
                "address."),
            "ERROR"
                => new ConnectionFinding(id, check, FindingSeverity.Error,
                $"the {what} is in ERROR: the VPN agent could not build it", "ACTIVE",
                "Read the VPN agent's log on the network node, or recreate the object."),
            _ when status?.StartsWith("PENDING_", StringComparison.Ordinal) == true
                => new ConnectionFinding(id, check, FindingSeverity.Warning,
                $"the {what} is {status}: no VPN agent has reported on it yet", "ACTIVE",
                "Wait (Wait-IpsecSiteConnection); if it never changes, the cloud's VPN agent is not running for this " +
                "router."),
            _
                => new ConnectionFinding(id, check, FindingSeverity.Warning, $"the {what} is {status}", "ACTIVE",
                "Wait, then check again."),
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
            return new ConnectionFinding(c.Id, "Mode", FindingSeverity.Ok,
                "legacy mode: the service's subnet and the connection's peer CIDRs");
        }

        if (!legacy && !hasCidrs && c.LocalEndpointGroupId != null && c.PeerEndpointGroupId != null)
        {
            return new ConnectionFinding(c.Id, "Mode", FindingSeverity.Ok,
                "endpoint-group mode: a local and a peer endpoint group");
        }

        return new ConnectionFinding(c.Id, "Mode", FindingSeverity.Error,
            $"the service {(legacy ? "has a subnet (legacy mode)" : "has no subnet (endpoint-group mode)")} but the " +
                $"connection has {(hasCidrs ? "peer CIDRs" : "no peer CIDRs")} and " +
                $"{(hasGroups ? "endpoint groups" : "no endpoint groups")}",
            action: "Use a subnet on the service with peer CIDRs, or no subnet with both endpoint groups.");
    }

    private static ConnectionFinding Overlap(string id, string check, IReadOnlyList<string> mine,
        IReadOnlyList<string> theirs, string what, string action)
    {
        var common = mine.Where(m => theirs.Any(t => Overlaps(m, t))).ToList();
        return common.Count == 0
            ? new ConnectionFinding(id, check, FindingSeverity.Ok,
                $"peer CIDRs {string.Join(", ", mine)} do not overlap {what} {string.Join(", ", theirs)}")
            : new ConnectionFinding(id, check, FindingSeverity.Error,
                $"peer CIDRs {string.Join(", ", common)} overlap {what} {string.Join(", ", theirs)}", action: action);
    }

    private static ConnectionFinding Dpd(string id, DeadPeerDetection? dpd)
    {
        if (dpd == null || dpd.Action == "disabled")
        {
            return new ConnectionFinding(id, "Dpd", FindingSeverity.Info,
                "DPD is disabled: a dead peer is noticed only at rekeying", action: "Consider DPD (hold or restart).");
        }

        if (dpd.Interval is { } interval && dpd.Timeout is { } timeout && timeout < 2 * interval)
        {
            return new ConnectionFinding(id, "Dpd", FindingSeverity.Warning,
                $"DPD timeout {timeout}s is less than two intervals of {interval}s: one lost probe declares the peer " +
                $"dead", $"timeout of at least {2 * interval}s", "Raise the timeout to three or four intervals.");
        }

        return new ConnectionFinding(id, "Dpd", FindingSeverity.Ok,
            $"DPD {dpd.Action} every {dpd.Interval}s, dead after {dpd.Timeout}s");
    }

    // Neither template ties one lifetime to the other: strongSwan's writes "ikelifetime=Ns" and "lifetime=Ns" with
    // "rekeymargin=3m" in conn %default; Libreswan's "ikelifetime=Ns" and "lifetime=Ns". IPsec SAs outlive the IKE SA
    // that
    // made them (IKEv1) and are not rekeyed with it (IKEv2, RFC 7296 2.8), so equal lifetimes (Neutron's defaults, 3600
    // s
    // both) are fine. What does behave badly: a lifetime within strongSwan's 3-minute rekey margin, which rekeys at
    // once.
    private static ConnectionFinding Lifetimes(PeerSite site)
    {
        var ike = site.IkePolicy.Lifetime?.Value;
        var esp = site.IpsecPolicy.Lifetime?.Value;
        var shortest = new[] { (What: ConnectionFinding.Label("IKE policy", site.IkePolicy), Value: ike),
            (What: ConnectionFinding.Label("IPsec policy", site.IpsecPolicy), Value: esp) }
            .Where(l => l.Value is > 0 and <= 180).ToList();
        return shortest.Count > 0
            ? new ConnectionFinding(site.Connection.Id, "Lifetimes", FindingSeverity.Warning,
                $"lifetime {shortest[0].Value}s of {shortest[0].What} is within strongSwan's rekey margin of 180s",
                    "more than 180s",
                "Raise the lifetime: the strongSwan driver's template sets rekeymargin=3m, so the SA starts "
                    + "rekeying as soon as it is up.",
                shortest[0].What)
            : new ConnectionFinding(site.Connection.Id, "Lifetimes", FindingSeverity.Ok,
                $"phase 1 {ike}s, phase 2 {esp}s",
                source: ConnectionFinding.Label("IKE policy", site.IkePolicy) + ", "
                    + ConnectionFinding.Label("IPsec policy", site.IpsecPolicy));
    }

    // Neutron writes "@" on both ids when either is not an IP address (PeerSite.FqdnIdentities): an IP peer_id then
    // goes on
    // the wire as an FQDN id "@198.51.100.20", which a peer configured with its plain address (an IPv4 id) does not
    // send.
    private static ConnectionFinding PeerIdentityCheck(PeerSite site)
    {
        var c = site.Connection;
        var id = c.Id;
        if (PeerSite.IsIp(c.PeerId) && IPAddress.TryParse(c.PeerAddress ?? "", out var address)
            && !IPAddress.Parse(c.PeerId!).Equals(address))
        {
            return new ConnectionFinding(id, "PeerIdMatchesAddress", FindingSeverity.Warning,
                $"peer_id {c.PeerId} is an IP address other than peer_address {c.PeerAddress}", c.PeerAddress,
                "A peer identifies itself by its own address unless told otherwise: set peer_id to the peer's "
                    + "address, or the id the peer sends.");
        }

        if (PeerSite.IsIp(c.PeerId) && site.FqdnIdentities)
        {
            return new ConnectionFinding(id, "PeerIdMatchesAddress", FindingSeverity.Warning,
                $"peer_id {c.PeerId} is an IP address but local_id '{c.LocalId}' is a name, so the cloud expects "
                    + $"the FQDN id "
                + $"'{site.Identity(c.PeerId)}', not the IPv4/IPv6 address id a peer sends by default",
                site.Identity(c.PeerId),
                    $"Configure the peer's own id as '{site.Identity(c.PeerId)}' (leftid / local id), or make "
                        + $"local_id an IP address.");
        }

        return new ConnectionFinding(id, "PeerIdMatchesAddress", FindingSeverity.Ok,
            site.FqdnIdentities ? $"FQDN identities: the cloud expects the peer to send {site.Identity(c.PeerId)}"
                : $"peer_id {c.PeerId}");
    }

    private static ConnectionFinding PskStrength(PeerSite site)
    {
        var length = site.Connection.Psk?.ToSecureString().Length;
        return length == null
            ? new ConnectionFinding(site.Connection.Id, "PskStrength", FindingSeverity.Ok,
                "the PSK is not shown to this user; its length was not checked")
            : length < IpsecSiteConnectionRules.ShortPskLength
                ? new ConnectionFinding(site.Connection.Id, "PskStrength", FindingSeverity.Warning,
                    $"the PSK has {length} characters",
                    $"at least {IpsecSiteConnectionRules.ShortPskLength}",
                    "A short key falls to an offline dictionary attack (passive in IKEv1 aggressive mode, active "
                        + "otherwise): "
                    + "use 20 or more random characters (Set-IpsecSiteConnection -Psk, then the peer).")
                : new ConnectionFinding(site.Connection.Id, "PskStrength", FindingSeverity.Ok,
                    $"the PSK has {length} characters");
    }

    private static ConnectionFinding Driver(PeerSite site)
    {
        var id = site.Connection.Id;
        var ike = site.IkePolicy;
        var esp = site.IpsecPolicy;
        // strongSwan template: 'if transform_protocol == "ah"' writes ah=, anything else esp=, so ah-esp becomes plain
        // ESP.
        if (esp.TransformProtocol == "ah-esp")
        {
            return new ConnectionFinding(id, "DriverSupport", FindingSeverity.Error,
                "transform protocol ah-esp: the strongSwan driver renders it as plain ESP, which the peer will not " +
                "match", "esp or ah", "Use esp (or ah) in the IPsec policy.");
        }

        // Aggressive mode: both templates of neutron-vpnaas 21 (strongswan/ and openswan/ipsec.conf.template, the
        // latter
        // used by the Libreswan driver) write "aggressive=yes" for it; IKEv2 has no aggressive mode (RFC 7296) and
        // ignores it.
        if (ike.Phase1NegotiationMode == "aggressive" && ike.IkeVersion == "v2")
        {
            return new ConnectionFinding(id, "DriverSupport", FindingSeverity.Info,
                "aggressive mode with IKEv2: aggressive mode exists only in IKEv1; both sides ignore it", "main",
                "Nothing breaks; set main mode to say what happens.", ConnectionFinding.Label("IKE policy", ike));
        }

        foreach (var lifetime in new[] { ike.Lifetime, esp.Lifetime })
        {
            if (lifetime?.Units is { } units && units != "seconds")
            {
                // Both templates write "{{lifetime_value}}s": a value in kilobytes becomes that many seconds.
                return new ConnectionFinding(id, "DriverSupport", FindingSeverity.Warning,
                    $"a lifetime in {units}: the driver's templates write every lifetime value as seconds", "seconds",
                        "Give lifetimes in seconds.");
            }
        }

        if (ike.IkeVersion == "v1" && (site.LocalCidrs.Count > 1 || site.PeerCidrs.Count > 1))
        {
            // Seen in the tunnel lab: with two peer CIDRs and IKEv1, ping reaches the
            // first network and never the second.
            return new ConnectionFinding(id, "DriverSupport", FindingSeverity.Warning,
                $"IKEv1 with {site.LocalCidrs.Count} local and {site.PeerCidrs.Count} peer CIDRs: strongSwan's IKEv1 " +
                    $"negotiates only the first of each side " +
                    $"({(site.LocalCidrs.Count > 0 ? site.LocalCidrs[0] : "")} <-> " +
                    $"{(site.PeerCidrs.Count > 0 ? site.PeerCidrs[0] : "")}), so traffic of the others never enters " +
                    $"the tunnel",
                "IKEv2, or one CIDR on each side", "Use an IKEv2 policy, or one connection per pair of CIDRs.");
        }

        if (site.Refusal(PeerConfigFormat.Swanctl) is { } reason)
        {
            return new ConnectionFinding(id, "DriverSupport", FindingSeverity.Error, reason,
                action: "Use algorithms both sides know.");
        }

        return new ConnectionFinding(id, "DriverSupport", FindingSeverity.Ok,
            "the strongSwan driver can build these policies");
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
        prefix = parts.Length > 1
            && int.TryParse(parts[1], System.Globalization.NumberStyles.Integer,
            System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : bytes.Length * 8;
        return true;
    }

    private static bool IsV6(string? address) => IPAddress.TryParse(address ?? "", out var a) && a.AddressFamily
        == AddressFamily.InterNetworkV6;
}
