using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Resources.Rules;

/// <summary>
/// A resource's own rules, beyond what its description says (access, allowed values, lengths, required fields):
/// the rules that join several fields, or need the object as it is now, or the objects it refers to.
/// </summary>
internal class ResourceRules
{
    /// <summary>Checks a create body; may fill in what the server would otherwise refuse.</summary>
    public virtual void ValidateCreate(JObject body) => FieldRules.NameAndDescription(body);

    /// <summary>Checks an update on its own, before anything is read (where a rule needs the object,
    /// Neutron's defaults stand in).</summary>
    public virtual void ValidateUpdate(JObject changes) => FieldRules.NameAndDescription(changes);

    /// <summary>Checks an update against the object as it is now, for the rules whose outcome depends on it.</summary>
    public virtual void ValidateAgainst(JObject changes, NeutronResource current)
    {
    }

    /// <summary>Checks a secret field's value (without ever showing it), before any request; may warn through <paramref
    /// name="log"/>.</summary>
    public virtual void CheckSecret(string field, System.Security.SecureString secret, bool create,
        OpenStackVpn.Core.Http.ILogSink log)
    {
    }

    /// <summary>Checks the object that <paramref name="field"/> of the body refers to, as soon as it is resolved
    /// (before the next is looked up).</summary>
    public virtual void CheckReference(JObject body, string field, NeutronResource found, bool create)
    {
    }
}
