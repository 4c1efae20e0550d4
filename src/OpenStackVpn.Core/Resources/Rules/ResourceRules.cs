using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Resources.Rules;

/// <summary>A resource's own rules, checked before a create or an update is sent.</summary>
public class ResourceRules
{
    /// <summary>Fields that can only be set when the object is created.</summary>
    public virtual IReadOnlyCollection<string> CreateOnly => new[] { "project_id", "tenant_id" };

    /// <summary>Checks a create body; may fill in what the server would otherwise refuse.</summary>
    public virtual void ValidateCreate(JObject body) => FieldRules.NameAndDescription(body);

    /// <summary>Checks an update; against the object as it is now when <paramref name="current"/> is known.</summary>
    public virtual void ValidateUpdate(JObject changes, JObject? current)
    {
        foreach (var field in CreateOnly)
        {
            if (changes[field] != null)
            {
                throw FieldRules.Invalid(field, "it can only be set when the object is created; create a new one instead.");
            }
        }

        FieldRules.NameAndDescription(changes);
    }
}
