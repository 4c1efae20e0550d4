using Newtonsoft.Json;

namespace OpenStackVpn;

/// <summary>Dead Peer Detection settings of a connection.</summary>
public sealed class DeadPeerDetection
{
    /// <summary>clear, disabled, hold, restart or restart-by-peer.</summary>
    [JsonProperty("action")]
    public string? Action { get; set; }

    /// <summary>Seconds between probes.</summary>
    [JsonProperty("interval")]
    public int? Interval { get; set; }

    /// <summary>Seconds without an answer before the peer is declared dead; greater than the interval.</summary>
    [JsonProperty("timeout")]
    public int? Timeout { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Action}/{Interval}/{Timeout}";
}
