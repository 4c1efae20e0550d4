using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Embedded.Network.Core;

/// <summary>The attribute maps and filter columns of the seeded core resources (a simple subset: they are read-only here).</summary>
internal static class CoreColumns
{
    public static IEnumerable<AttributeSpec> Attributes(params string[] more) =>
        Attr.Head().Concat(more.Select(name => name == "admin_state_up" ? Attr.AdminStateUp() : new AttributeSpec(name)));

    private static readonly string[] Common = { "id", "name", "description", "tenant_id", "project_id" };

    public static Dictionary<string, string> Filters(params string[] columns) =>
        Common.Concat(columns).ToDictionary(c => c, c => $"['{c}']");
}
