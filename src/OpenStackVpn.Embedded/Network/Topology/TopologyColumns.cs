using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Embedded.Network.Topology;

/// <summary>
/// The filter columns of the topology resources (networks, subnets, ports, routers): the common ones and each one's.
/// </summary>
internal static class TopologyColumns
{
    private static readonly string[] Common = { "id", "name", "description", "tenant_id", "project_id" };

    public static Dictionary<string, string> Filters(params string[] columns) =>
        Common.Concat(columns).ToDictionary(c => c, c => $"['{c}']");
}
