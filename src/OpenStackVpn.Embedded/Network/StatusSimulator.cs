using System.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>
/// The VPN agent the embedded cloud does not have: once <see cref="EmbeddedCloudOptions.ActivationDelay"/> has passed
/// since a connection was created, it reads ACTIVE when it and its service are administratively up, DOWN otherwise. A
/// service reads ACTIVE while its strongSwan process would run (it is up and has a connection that is up), whatever its
/// connections' own status: the tunnel lab (tests/lab/tunnel) showed the service staying ACTIVE while a failed peer
/// took its connection DOWN. Without matured connections it stays PENDING_CREATE. Computed on read; <see
/// cref="EmbeddedCloud.SetStatus"/> overrides it.
/// </summary>
internal static class StatusSimulator
{
    public const string Active = "ACTIVE";
    public const string Down = "DOWN";

    public static string Connection(StoredObject connection, NetworkState state)
    {
        var stored = connection.Text("status") ?? "";
        if (!Matured(connection, state))
        {
            return stored;
        }

        if (connection.StatusForced)
        {
            return stored;
        }

        var service = state.Store.Find(Collections.VpnServices, connection.Text("vpnservice_id"));
        return NetworkState.IsUp(connection) && NetworkState.IsUp(service) ? Active : Down;
    }

    public static string Service(StoredObject service, NetworkState state)
    {
        var stored = service.Text("status") ?? "";
        if (service.StatusForced || state.ActivationDelay == null)
        {
            return stored;
        }

        var connections = state.Store.Referring(Collections.Connections, "vpnservice_id", service.Id)
            .Where(c => Matured(c, state))
            .ToList();
        if (connections.Count == 0)
        {
            return stored;
        }

        // neutron-vpnaas's process update(): enabled while the service and any of its
        // connections are administratively up.
        return NetworkState.IsUp(service) && connections.Any(NetworkState.IsUp) ? Active : Down;
    }

    public static bool IsPending(string status) => status.StartsWith("PENDING_", System.StringComparison.Ordinal);

    private static bool Matured(StoredObject connection, NetworkState state) =>
        connection.StatusForced || (state.ActivationDelay is { } delay && state.Now - connection.CreatedAt >= delay);
}
