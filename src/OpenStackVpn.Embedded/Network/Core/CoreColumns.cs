using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Embedded.Network.Core;

/// <summary>The filter columns of the core resources: the common ones and each resource's own.</summary>
internal static class CoreColumns
{
    private static readonly string[] Common = { "id", "name", "description", "tenant_id", "project_id" };

    public static Dictionary<string, string> Filters(params string[] columns) =>
        Common.Concat(columns).ToDictionary(c => c, c => $"['{c}']");
}
