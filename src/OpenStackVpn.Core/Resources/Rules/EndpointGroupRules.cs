using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Resources.Rules;

/// <summary>Endpoint groups: at least one endpoint, each once, of the group's type.</summary>
internal sealed class EndpointGroupRules : ResourceRules
{
    /// <inheritdoc/>
    public override void ValidateCreate(JObject body)
    {
        base.ValidateCreate(body);
        var type = (string?)body["type"];
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
                throw FieldRules.Invalid("endpoints",
                    $"'{endpoint}' is not a subnet id; a subnet group lists subnet ids.");
            }
        }
    }
}
