using Newtonsoft.Json;

namespace OpenStackVpn;

/// <summary>How long a security association lives.</summary>
public sealed class Lifetime
{
    /// <summary>Always seconds on current Neutron.</summary>
    [JsonProperty("units")]
    public string? Units { get; set; }

    /// <summary>The number of units, at least 60.</summary>
    [JsonProperty("value")]
    public int? Value { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Value} {Units}";
}
