using Newtonsoft.Json;

namespace OpenStackVpn;

/// <summary>A VPN endpoint group: local subnets or peer CIDRs (Neutron <c>endpoint_group</c>).</summary>
public sealed class VpnEndpointGroup : NeutronResource
{
    /// <summary>subnet (local side) or cidr (peer side); Neutron also names network, router and vlan.</summary>
    [JsonProperty("type")]
    public string? Type { get; set; }

    /// <summary>Subnet ids or CIDRs, as the type says.</summary>
    [JsonProperty("endpoints")]
    public ValueList? Endpoints { get; set; }
}
