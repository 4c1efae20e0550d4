using System.Security;
using Newtonsoft.Json;
using OpenStackVpn.Core;

namespace OpenStackVpn;

/// <summary>An IPsec site-to-site connection (Neutron <c>ipsec_site_connection</c>).</summary>
public sealed class IpsecSiteConnection : NeutronResource
{
    private SecureString? _psk;

    /// <summary>ACTIVE, DOWN, BUILD, ERROR or PENDING_*.</summary>
    [JsonProperty("status")]
    public string? Status { get; set; }

    /// <summary>The peer gateway's public address (the server stores an FQDN as the address it resolves to).</summary>
    [JsonProperty("peer_address")]
    public string? PeerAddress { get; set; }

    /// <summary>The peer's identity for authentication.</summary>
    [JsonProperty("peer_id")]
    public string? PeerId { get; set; }

    /// <summary>This side's identity; empty means the router's external IP.</summary>
    [JsonProperty("local_id")]
    public string? LocalId { get; set; }

    /// <summary>The peer's private CIDRs (legacy mode).</summary>
    [JsonProperty("peer_cidrs")]
    public ValueList? PeerCidrs { get; set; }

    /// <summary>The local endpoint group (endpoint-group mode).</summary>
    [JsonProperty("local_ep_group_id")]
    public string? LocalEndpointGroupId { get; set; }

    /// <summary>The peer endpoint group (endpoint-group mode).</summary>
    [JsonProperty("peer_ep_group_id")]
    public string? PeerEndpointGroupId { get; set; }

    /// <summary>The maximum transmission unit.</summary>
    [JsonProperty("mtu")]
    public int? Mtu { get; set; }

    /// <summary>bi-directional or response-only.</summary>
    [JsonProperty("initiator")]
    public string? Initiator { get; set; }

    /// <summary>Always psk.</summary>
    [JsonProperty("auth_mode")]
    public string? AuthMode { get; set; }

    /// <summary>Always static.</summary>
    [JsonProperty("route_mode")]
    public string? RouteMode { get; set; }

    /// <summary>Dead Peer Detection.</summary>
    [JsonProperty("dpd")]
    public DeadPeerDetection? Dpd { get; set; }

    /// <summary>Whether the connection is administratively up.</summary>
    [JsonProperty("admin_state_up")]
    public bool? AdminStateUp { get; set; }

    /// <summary>The VPN service the connection belongs to.</summary>
    [JsonProperty("vpnservice_id")]
    public string? VpnServiceId { get; set; }

    /// <summary>The IKE policy.</summary>
    [JsonProperty("ikepolicy_id")]
    public string? IkePolicyId { get; set; }

    /// <summary>The IPsec policy.</summary>
    [JsonProperty("ipsecpolicy_id")]
    public string? IpsecPolicyId { get; set; }

    /// <summary>The availability zone, on clouds that have one for VPN objects (upstream Neutron does not).</summary>
    [JsonProperty("availability_zone")]
    public string? AvailabilityZone { get; set; }

    /// <summary>
    /// The pre-shared key, only when asked for with -IncludeSecret, and then as a <see cref="Secret"/> that never
    /// shows in output, JSON or logs. Read it on purpose:
    /// <c>$connection.Psk | ConvertFrom-SecureString -AsPlainText</c>.
    /// </summary>
    [JsonIgnore]
    public Secret? Psk => _psk == null ? null : new Secret(_psk);

    /// <inheritdoc/>
    public override void ForgetSecrets()
    {
        _psk?.Dispose();
        _psk = null;
    }

    [JsonProperty("psk")]
    private string? PskText
    {
        get => Secrets.ToPlain(_psk);
        set => _psk = Secrets.ToSecure(value);
    }
}
