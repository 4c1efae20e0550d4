using System;
using Newtonsoft.Json;

namespace OpenStackVpn;

/// <summary>A Neutron network, as far as VPNs need one: an external network gives routers the addresses peers
/// reach.</summary>
public sealed class Network : NeutronResource
{
    /// <summary>ACTIVE, DOWN or ERROR.</summary>
    [JsonProperty("status")]
    public string? Status { get; set; }

    /// <summary>False when an administrator took the network down.</summary>
    [JsonProperty("admin_state_up")]
    public bool? AdminStateUp { get; set; }

    /// <summary>True for an external network (router:external): a router's gateway is on one.</summary>
    [JsonProperty("router:external")]
    public bool External { get; set; }

    /// <summary>True when the network is shared with every project.</summary>
    [JsonProperty("shared")]
    public bool Shared { get; set; }

    /// <summary>The ids of its subnets.</summary>
    [JsonProperty("subnets")]
    public ValueList Subnets { get; set; } = new(Array.Empty<string>());

    /// <summary>The largest packet the network carries.</summary>
    [JsonProperty("mtu")]
    public int? Mtu { get; set; }
}
