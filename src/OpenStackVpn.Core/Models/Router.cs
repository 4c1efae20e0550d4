using System.Collections.Generic;
using System.Linq;
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

    /// <summary>The gateway's addresses on the external network (empty without a gateway, or when hidden).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> ExternalAddresses =>
        (ExternalGateway?["external_fixed_ips"] as JArray)?.OfType<JObject>()
            .Select(ip => ip.Value<string>("ip_address")).OfType<string>().ToList() ?? new List<string>();

    [JsonProperty("external_gateway_info")]
    private JObject? ExternalGateway { get; set; }
}
