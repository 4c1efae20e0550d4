using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn;

/// <summary>A Neutron router, as far as VPN services need one.</summary>
public sealed class Router : NeutronResource
{
    /// <summary>ACTIVE, DOWN or ERROR.</summary>
    [JsonProperty("status")]
    public string? Status { get; set; }

    /// <summary>The external network of the gateway, if the router has one.</summary>
    [JsonIgnore]
    public string? ExternalNetworkId => ExternalGateway?.Value<string>("network_id");

    [JsonProperty("external_gateway_info")]
    private JObject? ExternalGateway { get; set; }
}
