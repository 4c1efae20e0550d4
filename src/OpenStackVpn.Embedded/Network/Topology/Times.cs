using System.Globalization;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network.Topology;

/// <summary>created_at, updated_at and revision_number, as Neutron's standard attributes write them.</summary>
internal static class Times
{
    public static string Text(NetworkState state) =>
        state.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static void Stamp(JObject data, NetworkState state, int revision)
    {
        var now = Text(state);
        data["created_at"] = now;
        data["updated_at"] = now;
        data["revision_number"] = revision;
    }

    /// <summary>A change: a new updated_at and the next revision.</summary>
    public static void Touch(JObject data, NetworkState state)
    {
        data["updated_at"] = Text(state);
        data["revision_number"] = (data.Value<int?>("revision_number") ?? 0) + 1;
    }
}
