using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network.Vpn;

/// <summary>The algorithm and group values a policy accepts, in the order Neutron lists them in its errors.</summary>
internal sealed record PolicyValues(string[] AuthAlgorithms, string[] EncryptionAlgorithms, string[] PfsGroups)
{
    /// <summary>What the lab's neutron-vpnaas (21, Zed; neutron-lib 3.1) accepts.</summary>
    public static readonly PolicyValues Zed = new(
        new[] { "sha1", "sha256", "sha384", "sha512" },
        new[] { "3des", "aes-128", "aes-192", "aes-256" },
        new[] { "group2", "group5", "group14" });

    /// <summary>
    /// What neutron-vpnaas master accepts: neutron-lib's VPN_SUPPORTED_* lists (CCM and GCM after the CBC ciphers,
    /// by mode, ICV length and key size), then vpn-aes-ctr's three CTR ciphers appended.
    /// </summary>
    public static readonly PolicyValues Master = new(
        new[] { "sha1", "sha256", "sha384", "sha512", "aes-xcbc", "aes-cmac" },
        new[] { "3des", "aes-128", "aes-192", "aes-256" }
            .Concat(
                from mode in new[] { "ccm", "gcm" } from icv in new[] { 8, 12, 16 } from bits in new[] { 128, 192, 256 }
                    select $"aes-{bits}-{mode}-{icv}")
            .Concat(new[] { "aes-128-ctr", "aes-192-ctr", "aes-256-ctr" }).ToArray(),
        new[] { "group2", "group5" }.Concat(Enumerable.Range(14, 18).Select(g => $"group{g}")).ToArray());

    /// <summary>The values of a profile's cloud.</summary>
    public static PolicyValues For(EmbeddedProfile profile) => profile == EmbeddedProfile.Latest ? Master : Zed;
}

/// <summary>The value sets the VPN resources share, and the shared lifetime attribute.</summary>
internal static class VpnValues
{
    public static readonly string[] DpdActions = { "clear", "disabled", "hold", "restart", "restart-by-peer" };
    public static readonly string[] OriginDpdActions = { "hold", "restart" };
    public static readonly string[] EndpointGroupTypes = { "cidr", "network", "router", "subnet", "vlan" };

    public const string DefaultAvailabilityZone = "AZ1";

    private static readonly string[] Common = { "id", "name", "description", "tenant_id", "project_id" };

    /// <summary>
    /// The database columns a VPN resource filters on; <c>column=path</c> names a column kept inside a nested field
    /// (dpd_action is dpd.action).
    /// </summary>
    public static Dictionary<string, string> Filters(params string[] columns) =>
        Common.Concat(columns)
            .Select(c => c.Split('='))
            .ToDictionary(c => c[0], c => c.Length > 1 ? c[1] : c[0]);

    /// <summary>
    /// <c>lifetime</c>: a dictionary of <c>units</c> (seconds only) and <c>value</c> (at least 60), each optional.
    /// </summary>
    public static AttributeSpec Lifetime() => new("lifetime")
    {
        Default = new JObject(),
        Convert = Converters.NoneToEmptyDict,
        Validate = FieldRules.Dict(("units", FieldRules.Values("seconds")), ("value", FieldRules.AtLeast(60))),
    };

    /// <summary>The lifetime the policy ends up with: the given keys over the previous (or default) ones.</summary>
    public static JObject MergeLifetime(JToken? given, JToken? previous)
    {
        var lifetime = previous is JObject old ? (JObject)old.DeepClone()
            : new JObject { ["units"] = "seconds", ["value"] = 3600 };
        if (given is JObject update)
        {
            if (update["units"] is { } units)
            {
                lifetime["units"] = units.DeepClone();
            }

            if (update["value"] is { } value)
            {
                lifetime["value"] = Converters.ToInt(value);
            }
        }

        return lifetime;
    }

    /// <summary>
    /// Puts back, in the answer to a write, the nested values exactly as the request gave them (see
    /// <see cref="ResourceKind.WriteAnswer"/>).
    /// </summary>
    public static JObject EchoGiven(JObject view, JObject request, string field)
    {
        if (request[field] is JObject given && view[field] is JObject shown)
        {
            foreach (var value in given.Properties())
            {
                shown[value.Name] = value.Value.DeepClone();
            }
        }

        return view;
    }

    /// <summary>The origin cloud's <c>availability_zone</c>: set at creation only.</summary>
    public static AttributeSpec AvailabilityZone() => new("availability_zone")
    {
        AllowPut = false,
        Default = DefaultAvailabilityZone,
        Validate = FieldRules.String(Attr.NameSize),
    };

    /// <summary>Policies are frozen while any connection uses them: 409 on update and delete.</summary>
    public static void RefuseIfUsed(NetworkState state, string column, StoredObject policy, string type, string name)
    {
        if (state.Store.All(Collections.Connections).Any(c => c.Text(column) == policy.Id))
        {
            throw NeutronError.Typed(409, type,
                $"{name} {policy.Id} is in use by existing IPsecSiteConnection and can't be updated or deleted");
        }
    }
}
