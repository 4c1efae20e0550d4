using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Resources.Rules;

/// <summary>VPN services: a router is required; router and subnet cannot change.</summary>
public sealed class VpnServiceRules : ResourceRules
{
    /// <inheritdoc/>
    public override IReadOnlyCollection<string> CreateOnly => new[] { "project_id", "tenant_id", "router_id", "subnet_id", "flavor_id" };

    /// <inheritdoc/>
    public override void ValidateCreate(JObject body)
    {
        base.ValidateCreate(body);
        if (body["router_id"] == null)
        {
            throw FieldRules.Invalid("router_id", "a VPN service needs the router it runs on.");
        }
    }
}
