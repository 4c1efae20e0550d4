using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network.Topology;

/// <summary>
/// Neutron's default policy for the admin-only attributes of the topology resources (Neutron's core ones), with
/// oslo.policy's wording.
/// </summary>
internal static class Policy
{
    /// <summary>
    /// Refuses a non-admin request that sets one of <paramref name="adminOnly"/>: on a create (whose request holds
    /// every default) only a value other than the default counts, as Neutron checks attributes "explicitly set"; on an
    /// update (whose request holds only what was sent) any value does.
    /// </summary>
    public static void AdminOnly(
        ResourceKind kind, string action, JObject request, NeutronContext context, params string[] adminOnly)
    {
        if (context.IsAdmin)
        {
            return;
        }

        var create = action.StartsWith("create", System.StringComparison.Ordinal);
        var set =
            adminOnly.FirstOrDefault(name => request.ContainsKey(name)
                && (!create || !JToken.DeepEquals(request[name], kind.Attribute(name)?.Default)));
        if (set != null)
        {
            throw Refused(action, set);
        }
    }

    public static NeutronError Refused(string action, string attribute) =>
        NeutronError.Typed(403, "PolicyNotAuthorized",
            $"(rule:{action} and rule:{action}:{attribute}) is disallowed by policy");
}
