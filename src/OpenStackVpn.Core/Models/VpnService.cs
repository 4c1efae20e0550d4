using Newtonsoft.Json;

namespace OpenStackVpn;

/// <summary>A VPN service on a router (Neutron <c>vpnservice</c>).</summary>
public sealed class VpnService : NeutronResource
{
    /// <summary>The router the service runs on.</summary>
    [JsonProperty("router_id")]
    public string? RouterId { get; set; }

    /// <summary>The local subnet in legacy mode; null in endpoint-group mode.</summary>
    [JsonProperty("subnet_id")]
    public string? SubnetId { get; set; }

    /// <summary>ACTIVE, DOWN, ERROR or PENDING_*.</summary>
    [JsonProperty("status")]
    public string? Status { get; set; }

    /// <summary>Whether the service is administratively up.</summary>
    [JsonProperty("admin_state_up")]
    public bool? AdminStateUp { get; set; }

    /// <summary>The router's external IPv4 address, the address peers connect to.</summary>
    [JsonProperty("external_v4_ip")]
    public string? ExternalV4Ip { get; set; }

    /// <summary>The router's external IPv6 address.</summary>
    [JsonProperty("external_v6_ip")]
    public string? ExternalV6Ip { get; set; }

    /// <summary>The flavor (provider) of the service, where the cloud has flavors.</summary>
    [JsonProperty("flavor_id")]
    public string? FlavorId { get; set; }
}
