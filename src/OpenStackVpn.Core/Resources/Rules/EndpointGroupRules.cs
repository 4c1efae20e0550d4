using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Resources.Rules;

/// <summary>Endpoint groups: a type, and at least one endpoint, each once, of that type; only name and description change later.</summary>
public sealed class EndpointGroupRules : ResourceRules
{
    /// <summary>The endpoint types Neutron names; VPN connections use subnet (local) and cidr (peer).</summary>
    public static readonly IReadOnlyList<string> Types = new[] { "subnet", "cidr", "network", "router", "vlan" };

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> CreateOnly => new[] { "project_id", "tenant_id", "type", "endpoints" };

    /// <inheritdoc/>
    public override void ValidateCreate(JObject body)
    {
        base.ValidateCreate(body);
        var type = (string?)body["type"];
        if (type == null || !Types.Contains(type))
        {
            throw FieldRules.Invalid("type", $"the type must be one of {string.Join(", ", Types)}.");
        }

        if (body["endpoints"] is not JArray { Count: > 0 } endpoints)
        {
            throw FieldRules.Invalid("endpoints", "an endpoint group needs at least one endpoint.");
        }

        if (type == "cidr")
        {
            FieldRules.CidrList(body, "endpoints");
            return;
        }

        var seen = new HashSet<string>();
        foreach (var endpoint in endpoints.Select(e => e.ToString()))
        {
            if (!seen.Add(endpoint))
            {
                throw FieldRules.Invalid("endpoints", $"'{endpoint}' is given twice; each endpoint may appear once.");
            }

            if (type == "subnet" && !FieldRules.IsUuid(endpoint))
            {
                throw FieldRules.Invalid("endpoints", $"'{endpoint}' is not a subnet id; a subnet group lists subnet ids.");
            }
        }
    }
}
