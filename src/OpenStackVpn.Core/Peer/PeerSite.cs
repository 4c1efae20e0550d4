using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// A connection with everything it refers to (service, policies, the CIDRs of both sides), and what follows from it for
/// the peer gateway: its settings as the cloud side will check them, and what a format cannot express.
/// </summary>
public sealed class PeerSite
{
    /// <summary>Gathers the objects; <paramref name="localCidrs"/> and <paramref name="peerCidrs"/> are already
    /// resolved (subnet, or endpoint groups).</summary>
    public PeerSite(IpsecSiteConnection connection, VpnService service, IkePolicy ikePolicy, IpsecPolicy ipsecPolicy,
        IReadOnlyList<string> localCidrs, IReadOnlyList<string> peerCidrs)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        Service = service ?? throw new ArgumentNullException(nameof(service));
        IkePolicy = ikePolicy ?? throw new ArgumentNullException(nameof(ikePolicy));
        IpsecPolicy = ipsecPolicy ?? throw new ArgumentNullException(nameof(ipsecPolicy));
        LocalCidrs = localCidrs;
        PeerCidrs = peerCidrs;
    }

    /// <summary>The connection (with its PSK when it was read with one).</summary>
    public IpsecSiteConnection Connection { get; }

    /// <summary>Its VPN service.</summary>
    public VpnService Service { get; }

    /// <summary>Its IKE policy.</summary>
    public IkePolicy IkePolicy { get; }

    /// <summary>Its IPsec policy.</summary>
    public IpsecPolicy IpsecPolicy { get; }

    /// <summary>The cloud side's networks: the service's subnet, or the local endpoint group's subnets.</summary>
    public IReadOnlyList<string> LocalCidrs { get; }

    /// <summary>The peer's networks: the connection's peer CIDRs, or the peer endpoint group's.</summary>
    public IReadOnlyList<string> PeerCidrs { get; }

    /// <summary>True when Neutron marks both ids as FQDN identities: peer_id, or a non-empty local_id,
    /// is not an IP literal.</summary>
    public bool FqdnIdentities => !IsIp(Connection.PeerId)
        || (!string.IsNullOrEmpty(Connection.LocalId) && !IsIp(Connection.LocalId));

    /// <summary>The cloud's public address for this peer: the service's IPv4 or IPv6 external address, by
    /// the peer's IP version.</summary>
    public string? CloudAddress =>
        IPAddress.TryParse(Connection.PeerAddress ?? "", out var peer) && peer.AddressFamily
            == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? Service.ExternalV6Ip
            : Service.ExternalV4Ip;

    /// <summary>The peer gateway's settings, as the cloud side renders and checks them.</summary>
    public PeerSettings Expected()
    {
        var ike = IkePolicy;
        var esp = IpsecPolicy;
        var dpd = Connection.Dpd;
        return new PeerSettings
        {
            Name = "neutron-" + Connection.Id,
            IkeVersion = ike.IkeVersion == "v1" ? 1 : 2,
            LocalAddress = Connection.PeerAddress,
            RemoteAddress = CloudAddress,
            LocalId = Identity(Connection.PeerId),
            RemoteId = string.IsNullOrEmpty(Connection.LocalId) ? CloudAddress : Identity(Connection.LocalId),
            LocalSubnets = PeerCidrs,
            RemoteSubnets = LocalCidrs,
            IkeProposal = Proposal(ike.EncryptionAlgorithm, ike.AuthAlgorithm, ike.Pfs, ike: true),
            ChildProtocol = esp.TransformProtocol == "ah" ? "ah" : "esp",
            ChildProposal = esp.TransformProtocol == "ah"
                ? string.Join("-",
                    new[] { Algorithms.IntegrityName(esp.AuthAlgorithm),
                    Algorithms.GroupName(esp.Pfs) }.Where(p => p != null))
                : Proposal(esp.EncryptionAlgorithm, esp.AuthAlgorithm, esp.Pfs, ike: false),
            IkeLifetime = ike.Lifetime?.Value,
            ChildLifetime = esp.Lifetime?.Value,
            Aggressive = ike.Phase1NegotiationMode == "aggressive",
            DpdDelay = dpd?.Action == "disabled" ? 0 : dpd?.Interval,
            DpdTimeout = dpd?.Timeout,
            DpdAction = dpd?.Action,
            Mode = esp.EncapsulationMode ?? "tunnel",
            // bi-directional: the cloud initiates, the peer waits; response-only: the cloud
            // only answers, so the peer starts.
            StartAction = Connection.Initiator == "response-only" ? "start" : "route",
            Mtu = Connection.Mtu,
            Psk = Connection.Psk,
        };
    }

    /// <summary>Why <paramref name="format"/> cannot express this connection, or null when it can.</summary>
    public string? Refusal(PeerConfigFormat format)
    {
        var esp = IpsecPolicy;
        if (esp.TransformProtocol == "ah-esp")
        {
            return
                $"transform protocol ah-esp (AH and ESP bundled on one SA) cannot be written for {format}: neither " +
                $"strongSwan nor Libreswan builds AH+ESP bundles; use esp or ah.";
        }

        var ikeVersion = IkePolicy.IkeVersion == "v1" ? 1 : 2;
        foreach (var (what, value, table, ike) in new[]
        {
            ("IKE encryption algorithm", IkePolicy.EncryptionAlgorithm, Algorithms.Encryption, true),
            ("IKE auth algorithm", IkePolicy.AuthAlgorithm, Algorithms.Integrity, true),
            ("IKE PFS group", IkePolicy.Pfs, Algorithms.Groups, true),
            ("IPsec auth algorithm", esp.AuthAlgorithm, Algorithms.Integrity, false),
            ("IPsec PFS group", esp.Pfs, Algorithms.Groups, false),
            ("IPsec encryption algorithm", esp.TransformProtocol == "ah" ? null : esp.EncryptionAlgorithm,
                Algorithms.Encryption, false),
        })
        {
            if (value == null && what == "IPsec encryption algorithm")
            {
                continue;
            }

            var transform = Algorithms.Find(table, value);
            if (transform == null)
            {
                return $"the {what} '{value}' has no {format} equivalent known to this module.";
            }

            if (format == PeerConfigFormat.Libreswan
                && Algorithms.LibreswanRefusal(transform, ike, ikeVersion) is { } why)
            {
                return
                    $"the {what} '{value}' cannot be written for Libreswan: {why}; use another value or a strongSwan " +
                    $"format.";
            }
        }

        foreach (var (what, lifetime) in new[] { ("IKE", IkePolicy.Lifetime), ("IPsec", esp.Lifetime) })
        {
            if (lifetime?.Units != null && lifetime.Units != "seconds")
            {
                return
                    $"the {what} policy's lifetime is in {lifetime.Units}; {format} is written with lifetimes in " +
                    $"seconds only.";
            }
        }

        if (format == PeerConfigFormat.Libreswan && esp.TransformProtocol == "ah" && IkePolicy.IkeVersion == "v2")
        {
            return
                "AH with IKEv2 cannot be written for Libreswan: its IKEv2 code negotiates ESP only; use esp, or IKEv1.";
        }

        if (format == PeerConfigFormat.Libreswan && Expected() is var ids
            && new[] { ("peer_id", ids.LocalId),
                ("local_id", ids.RemoteId) }.FirstOrDefault(i => PeerIdentity.ToLibreswan(i.Item2) == null && i.Item2
                != null)
                is ({ } field, { } id))
        {
            return
                $"the {field} becomes the id '{id}' on the cloud side (Neutron's '@' rule on an id that starts with " +
                $"'@'), which strongSwan reads "
                + $"as the USER_FQDN '{id.Substring(2)}'; Libreswan writes a USER_FQDN only as user@domain. Give " +
                    $"the {field} without the leading '@', "
                + "or use a strongSwan format.";
        }

        if (string.IsNullOrEmpty(CloudAddress))
        {
            return
                $"the VPN service {Service.Id} has no external address for a peer at {Connection.PeerAddress} (is " +
                $"the router's gateway set?).";
        }

        return null;
    }

    /// <summary>
    /// An id as the cloud side writes it: Neutron's "@" rule (FQDN identities) applied exactly as neutron-vpnaas does,
    /// also to an id that already starts with "@" (strongSwan then reads "@@x" as the USER_FQDN x).
    /// </summary>
    public string? Identity(string? id) => id == null ? null : FqdnIdentities ? "@" + id : id;

    // IPAddress.TryParse also takes "10" or "10.1" (inet_aton forms), which Neutron's netaddr
    // does not: ask for a full literal.
    internal static bool IsIp(string? text) =>
        text != null && IPAddress.TryParse(text, out _) && (text.IndexOf(':') >= 0 || text.Count(c => c == '.') == 3);

    internal static string? Proposal(string? encryption, string? integrity, string? group, bool ike)
    {
        var enc = Algorithms.EncryptionName(encryption);
        var integ = Algorithms.IntegrityName(integrity);
        var dh = Algorithms.GroupName(group);
        if (enc == null)
        {
            return null;
        }

        // A combined-mode cipher carries its own integrity; IKE still needs a PRF, which strongSwan names prf<hash>.
        var parts = Algorithms.IsAead(enc)
            ? new[] { enc, ike && integ != null ? "prf" + integ : null, dh }
            : new[] { enc, integ, dh };
        return string.Join("-", parts.Where(p => p != null));
    }
}
