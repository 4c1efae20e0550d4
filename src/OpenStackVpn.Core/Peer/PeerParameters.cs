using System;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// Everything a peer gateway's administrator types into any device for one connection, as one flat object (every value
/// a scalar or a joined string, so that Export-Csv and ConvertTo-Json show it as it reads): addresses, ids with their
/// types, IKE version and mode, proposals as IANA transform names and as strongSwan's, lifetimes, PFS, DPD, who starts,
/// both sides' networks, MTU. "Peer" is the gateway being configured, "Cloud" the VPN service's side. No key in it.
/// </summary>
public sealed class PeerParameters
{
    private PeerParameters()
    {
    }

    /// <summary>The connection's id.</summary>
    public string ConnectionId { get; private set; } = "";

    /// <summary>The connection's name.</summary>
    public string? ConnectionName { get; private set; }

    /// <summary>The peer gateway's public address, as the cloud knows it (peer_address).</summary>
    public string? PeerAddress { get; private set; }

    /// <summary>The cloud's public address (the VPN service's external IP for the peer's IP version).</summary>
    public string? CloudAddress { get; private set; }

    /// <summary>The id the peer must send, in strongSwan's syntax (Neutron's "@" rule applied).</summary>
    public string? PeerId { get; private set; }

    /// <summary>Its IKE id type (ID_IPV4_ADDR, ID_FQDN, ID_USER_FQDN, ID_KEY_ID...).</summary>
    public string PeerIdType { get; private set; } = "";

    /// <summary>The id the cloud sends.</summary>
    public string? CloudId { get; private set; }

    /// <summary>Its IKE id type.</summary>
    public string CloudIdType { get; private set; } = "";

    /// <summary>1 or 2.</summary>
    public int IkeVersion { get; private set; }

    /// <summary>IKEv1's phase-1 mode (main, aggressive); IKEv2 has none.</summary>
    public string Phase1Mode { get; private set; } = "";

    /// <summary>IKE encryption, IANA's name (ENCR_AES_CBC (256)).</summary>
    public string? IkeEncryption { get; private set; }

    /// <summary>IKE integrity, IANA's name; "none (combined mode)" for GCM and CCM.</summary>
    public string? IkeIntegrity { get; private set; }

    /// <summary>IKE's pseudo-random function, IANA's name.</summary>
    public string? IkePrf { get; private set; }

    /// <summary>IKE's Diffie-Hellman group (2048-bit MODP (group 14)).</summary>
    public string? IkeDhGroup { get; private set; }

    /// <summary>The IKE proposal in strongSwan's words (aes256-sha256-modp2048).</summary>
    public string? IkeProposal { get; private set; }

    /// <summary>The IKE SA's lifetime in seconds (Neutron keeps lifetimes in seconds only).</summary>
    public int? IkeLifetimeSeconds { get; private set; }

    /// <summary>ESP or AH.</summary>
    public string ChildProtocol { get; private set; } = "";

    /// <summary>tunnel or transport.</summary>
    public string? EncapsulationMode { get; private set; }

    /// <summary>ESP encryption, IANA's name; none for AH.</summary>
    public string? ChildEncryption { get; private set; }

    /// <summary>ESP or AH integrity, IANA's name; "none (combined mode)" for GCM and CCM.</summary>
    public string? ChildIntegrity { get; private set; }

    /// <summary>The PFS group of the child SA.</summary>
    public string? PfsGroup { get; private set; }

    /// <summary>The child proposal in strongSwan's words (aes128-sha256-modp2048).</summary>
    public string? ChildProposal { get; private set; }

    /// <summary>The child SA's lifetime in seconds.</summary>
    public int? ChildLifetimeSeconds { get; private set; }

    /// <summary>Neutron's DPD action (hold, clear, restart, restart-by-peer, disabled).</summary>
    public string? DpdAction { get; private set; }

    /// <summary>Seconds between DPD probes.</summary>
    public int? DpdIntervalSeconds { get; private set; }

    /// <summary>Seconds before the peer is declared dead.</summary>
    public int? DpdTimeoutSeconds { get; private set; }

    /// <summary>Who starts the tunnel, and what the peer should do.</summary>
    public string Initiator { get; private set; } = "";

    /// <summary>The networks behind the peer, comma-separated.</summary>
    public string PeerNetworks { get; private set; } = "";

    /// <summary>The networks behind the cloud router, comma-separated.</summary>
    public string CloudNetworks { get; private set; } = "";

    /// <summary>The connection's MTU.</summary>
    public int? Mtu { get; private set; }

    /// <summary>Where the pre-shared key comes from (it is never in this object).</summary>
    public string PreSharedKey { get; private set; } = "";

    /// <summary>The sheet of a connection.</summary>
    public static PeerParameters From(PeerSite site)
    {
        if (site == null)
        {
            throw new ArgumentNullException(nameof(site));
        }

        var s = site.Expected();
        var ike = site.IkePolicy;
        var esp = site.IpsecPolicy;
        var ikeEnc = Algorithms.Find(Algorithms.Encryption, ike.EncryptionAlgorithm);
        var ikeAuth = Algorithms.Find(Algorithms.Integrity, ike.AuthAlgorithm);
        var ah = esp.TransformProtocol == "ah";
        var espEnc = ah ? null : Algorithms.Find(Algorithms.Encryption, esp.EncryptionAlgorithm);
        var espAuth = Algorithms.Find(Algorithms.Integrity, esp.AuthAlgorithm);
        return new PeerParameters
        {
            ConnectionId = site.Connection.Id,
            ConnectionName = site.Connection.Name,
            PeerAddress = site.Connection.PeerAddress,
            CloudAddress = site.CloudAddress,
            PeerId = s.LocalId,
            PeerIdType = PeerIdentity.TypeOf(s.LocalId),
            CloudId = s.RemoteId,
            CloudIdType = PeerIdentity.TypeOf(s.RemoteId),
            IkeVersion = s.IkeVersion ?? 2,
            Phase1Mode = s.IkeVersion == 1 ? (ike.Phase1NegotiationMode ?? "main") : "none (IKEv2)",
            IkeEncryption = Iana(ikeEnc, ike.EncryptionAlgorithm),
            IkeIntegrity = ikeEnc?.Aead == true ? "none (combined mode)" : Iana(ikeAuth, ike.AuthAlgorithm),
            IkePrf = ikeAuth?.IanaPrf ?? ike.AuthAlgorithm,
            IkeDhGroup = Iana(Algorithms.Find(Algorithms.Groups, ike.Pfs), ike.Pfs),
            IkeProposal = s.IkeProposal,
            IkeLifetimeSeconds = s.IkeLifetime,
            ChildProtocol = ah ? "AH" : "ESP",
            EncapsulationMode = s.Mode,
            ChildEncryption = ah ? "none (AH)" : Iana(espEnc, esp.EncryptionAlgorithm),
            ChildIntegrity = espEnc?.Aead == true ? "none (combined mode)" : Iana(espAuth, esp.AuthAlgorithm),
            PfsGroup = Iana(Algorithms.Find(Algorithms.Groups, esp.Pfs), esp.Pfs),
            ChildProposal = s.ChildProposal,
            ChildLifetimeSeconds = s.ChildLifetime,
            DpdAction = s.DpdAction,
            DpdIntervalSeconds = site.Connection.Dpd?.Interval,
            DpdTimeoutSeconds = s.DpdTimeout,
            Initiator = s.StartAction == "start"
                ? "peer: the cloud only answers (response-only), so the peer starts the tunnel"
                : "either: the cloud starts the tunnel (bi-directional); the peer may start it too",
            PeerNetworks = string.Join(", ", s.LocalSubnets),
            CloudNetworks = string.Join(", ", s.RemoteSubnets),
            Mtu = s.Mtu,
            PreSharedKey = "not shown: Get-IpsecSiteConnection -IncludeSecret",
        };
    }

    // IANA's name of a transform, or Neutron's value when this module has no entry for it.
    private static string? Iana(Transform? transform, string? neutron) => transform?.Iana ?? neutron;

    /// <inheritdoc/>
    public override string ToString() => $"{ConnectionName ?? ConnectionId}: {PeerAddress} <-> {CloudAddress}";
}
