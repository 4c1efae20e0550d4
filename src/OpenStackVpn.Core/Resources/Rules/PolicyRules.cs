using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Resources.Rules;

/// <summary>IKE and IPsec policies: name, description and lifetime; algorithms are left to the server,
/// whose release decides.</summary>
internal sealed class PolicyRules : ResourceRules
{
    /// <inheritdoc/>
    public override void ValidateCreate(JObject body)
    {
        base.ValidateCreate(body);
        FieldRules.Lifetime(body);
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JObject changes)
    {
        base.ValidateUpdate(changes);
        FieldRules.Lifetime(changes);
    }
}
