using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Core.Peer;

/// <summary>A router's port, as far as telling which subnets the router is attached to needs one.</summary>
public sealed class RouterPort : NeutronResource
{
    /// <summary>The router (or other device) the port belongs to.</summary>
    [JsonProperty("device_id")]
    public string? DeviceId { get; set; }

    /// <summary>network:router_interface for a router's inside interface.</summary>
    [JsonProperty("device_owner")]
    public string? DeviceOwner { get; set; }

    /// <summary>The subnets of the port's addresses.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> SubnetIds
        => FixedIps?.OfType<JObject>().Select(ip => ip.Value<string>("subnet_id")).OfType<string>().ToList()
        ?? new List<string>();

    [JsonProperty("fixed_ips")]
    private JArray? FixedIps { get; set; }

    /// <summary>Ports (read only; the peer checks use them to see a router's interfaces).</summary>
    internal static readonly ResourceKind<RouterPort> Kind = new(
        "port", "v2.0/ports", "port", "ports", "PortNotFound",
        new[]
        {
            ResourceField.ReadOnly("id").Filter().Sort(), ResourceField.ReadOnly("name").Filter().Sort(),
            ResourceField.ReadOnly("device_id").Filter(), ResourceField.ReadOnly("device_owner").Filter(),
        });
}
