using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>What Neutron's rules consult: the store, the clock, and the cloud's options (dialect, activation
/// delay, known peer names).</summary>
internal sealed class NetworkState
{
    private readonly Func<DateTimeOffset> _clock;

    public NetworkState(Func<DateTimeOffset> clock, EmbeddedCloudOptions options)
    {
        _clock = clock;
        IsOrigin = options.Profile == EmbeddedProfile.Origin;
        ActivationDelay = options.ActivationDelay;
        PeerHosts = new Dictionary<string, string>(options.PeerHosts, StringComparer.OrdinalIgnoreCase);
    }

    public ResourceStore Store { get; } = new();

    public DateTimeOffset Now => _clock();

    public bool IsOrigin { get; }

    public TimeSpan? ActivationDelay { get; }

    public IReadOnlyDictionary<string, string> PeerHosts { get; }

    /// <summary>An object the caller may see, or the resource's own 404.</summary>
    public StoredObject Visible(string collection, string? id, NeutronContext context,
        Func<string, NeutronError> notFound)
    {
        var row = Store.Find(collection, id);
        return row != null && context.CanSee(row) ? row : throw notFound(id ?? "None");
    }

    public static bool IsUp(StoredObject? row) => row?.Data["admin_state_up"]?.Type == JTokenType.Boolean
        && (bool)row.Data["admin_state_up"]!;
}
