using Newtonsoft.Json;

namespace OpenStackVpn;

/// <summary>A Neutron subnet, as far as VPN services and endpoint groups need one.</summary>
public sealed class Subnet : NeutronResource
{
    /// <summary>The subnet's CIDR.</summary>
    [JsonProperty("cidr")]
    public string? Cidr { get; set; }

    /// <summary>4 or 6.</summary>
    [JsonProperty("ip_version")]
    public int? IpVersion { get; set; }

    /// <summary>The network the subnet belongs to.</summary>
    [JsonProperty("network_id")]
    public string? NetworkId { get; set; }

    /// <summary>The gateway address (a router's interface on the subnet has it); null for a subnet without a
    /// gateway.</summary>
    [JsonProperty("gateway_ip")]
    public string? GatewayIp { get; set; }
}
