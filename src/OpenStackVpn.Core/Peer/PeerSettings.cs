using System.Collections.Generic;
using System.Security;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// One IPsec connection as the peer gateway sees it, in strongSwan's vocabulary whatever the file's format:
/// what the cloud side expects (<see cref="PeerSite.Expected"/>) or what a peer's file says (<see
/// cref="PeerConfigReader"/>). "Local" is the peer's own side, "Remote" the cloud's.
/// </summary>
public sealed class PeerSettings
{
    /// <summary>The name of the connection in the file.</summary>
    public string? Name { get; set; }

    /// <summary>1 or 2.</summary>
    public int? IkeVersion { get; set; }

    /// <summary>The peer gateway's own public address.</summary>
    public string? LocalAddress { get; set; }

    /// <summary>The cloud's public address (the VPN service's external IP).</summary>
    public string? RemoteAddress { get; set; }

    /// <summary>The peer's identity, as the cloud will check it (Neutron's "@" rule applied).</summary>
    public string? LocalId { get; set; }

    /// <summary>The cloud's identity.</summary>
    public string? RemoteId { get; set; }

    /// <summary>The networks behind the peer.</summary>
    public IReadOnlyList<string> LocalSubnets { get; set; } = System.Array.Empty<string>();

    /// <summary>The networks behind the cloud router.</summary>
    public IReadOnlyList<string> RemoteSubnets { get; set; } = System.Array.Empty<string>();

    /// <summary>The phase-1 proposal, e.g. aes256-sha256-modp2048.</summary>
    public string? IkeProposal { get; set; }

    /// <summary>esp or ah.</summary>
    public string? ChildProtocol { get; set; }

    /// <summary>The phase-2 proposal, e.g. aes128-sha256-modp2048 (the group is PFS).</summary>
    public string? ChildProposal { get; set; }

    /// <summary>Phase-1 lifetime in seconds.</summary>
    public int? IkeLifetime { get; set; }

    /// <summary>Phase-2 lifetime in seconds.</summary>
    public int? ChildLifetime { get; set; }

    /// <summary>IKEv1 aggressive mode.</summary>
    public bool? Aggressive { get; set; }

    /// <summary>Seconds between DPD probes; 0 is off.</summary>
    public int? DpdDelay { get; set; }

    /// <summary>Seconds before a silent peer is declared dead.</summary>
    public int? DpdTimeout { get; set; }

    /// <summary>Neutron's DPD action (hold, clear, restart, restart-by-peer, disabled).</summary>
    public string? DpdAction { get; set; }

    /// <summary>tunnel or transport.</summary>
    public string? Mode { get; set; }

    /// <summary>start (the peer initiates) or route (it waits for traffic or the cloud).</summary>
    public string? StartAction { get; set; }

    /// <summary>The MTU, where a format has one.</summary>
    public int? Mtu { get; set; }

    /// <summary>The pre-shared key; never printed.</summary>
    public SecureString? Psk { get; set; }

    /// <summary>True when the file holds the export's placeholder instead of a key.</summary>
    public bool PskIsPlaceholder { get; set; }
}
