using System;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn;

/// <summary>A Neutron router, as far as VPN services need one: its gateway on the external network is where peers
/// connect.</summary>
public sealed class Router : NeutronResource
{
    /// <summary>ACTIVE, DOWN or ERROR.</summary>
    [JsonProperty("status")]
    public string? Status { get; set; }

    /// <summary>False when an administrator took the router down.</summary>
    [JsonProperty("admin_state_up")]
    public bool? AdminStateUp { get; set; }

    /// <summary>The external network of the gateway, if the router has one.</summary>
    [JsonIgnore]
    public string? ExternalNetworkId => ExternalGateway?.Value<string>("network_id");

    /// <summary>The router's addresses on the external network: the addresses peers connect to.</summary>
    [JsonIgnore]
    public ValueList ExternalFixedIps => new(
        (ExternalGateway?["external_fixed_ips"] as JArray)?.OfType<JObject>()
            .Select(ip => ip.Value<string>("ip_address"))
            .Where(ip => !string.IsNullOrEmpty(ip))
            .Select(ip => ip!)
            .ToArray()
        ?? Array.Empty<string>());

    [JsonProperty("external_gateway_info")]
    private JObject? ExternalGateway { get; set; }
}
