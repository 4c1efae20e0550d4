using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Embedded.Network.Vpn;

/// <summary>IPsec policies (phase 2).</summary>
internal sealed class IpsecPolicyType : ResourceType
{
    public IpsecPolicyType(bool origin)
        : base(Collections.IpsecPolicies, "ipsecpolicy", "ipsecpolicies", true, AttributeMap(origin),
            VpnValues.Filters("transform_protocol", "auth_algorithm", "encryption_algorithm", "encapsulation_mode", "pfs", "lifetime_units=lifetime.units", "lifetime_value=lifetime.value"))
    {
        Origin = origin;
    }

    private bool Origin { get; }

    public override NeutronError NotFound(string id) => NeutronError.Typed(404, "IPsecPolicyNotFound", $"IPsecPolicy {id} could not be found");

    public override JObject NewRow(string id, JObject request, NetworkState state, NeutronContext context)
    {
        var row = new JObject
        {
            ["id"] = id,
            ["tenant_id"] = request["tenant_id"],
            ["name"] = request["name"],
            ["description"] = request["description"],
            ["transform_protocol"] = request["transform_protocol"],
            ["auth_algorithm"] = request["auth_algorithm"],
            ["encryption_algorithm"] = request["encryption_algorithm"],
            ["encapsulation_mode"] = request["encapsulation_mode"],
            ["lifetime"] = VpnValues.MergeLifetime(request["lifetime"], null),
            ["pfs"] = request["pfs"],
            ["project_id"] = request["project_id"],
        };
        if (Origin)
        {
            row["availability_zone"] = request["availability_zone"];
        }

        return row;
    }

    public override JObject WriteAnswer(StoredObject row, JObject request, NetworkState state, NeutronContext context) =>
        VpnValues.EchoGiven(base.WriteAnswer(row, request, state, context), request, "lifetime");

    public override void Update(StoredObject row, JObject changes, NetworkState state, NeutronContext context)
    {
        VpnValues.RefuseIfUsed(state, "ipsecpolicy_id", row, "IPsecPolicyInUse", "IPsecPolicy");
        var lifetime = VpnValues.MergeLifetime(changes["lifetime"], row.Data["lifetime"]);
        Assign(row.Data, changes);
        row.Data["lifetime"] = lifetime;
    }

    public override void CheckDelete(StoredObject row, NetworkState state) =>
        VpnValues.RefuseIfUsed(state, "ipsecpolicy_id", row, "IPsecPolicyInUse", "IPsecPolicy");

    private static IEnumerable<AttributeSpec> AttributeMap(bool origin)
    {
        foreach (var head in Attr.Head())
        {
            yield return head;
        }

        yield return Attr.Choice("transform_protocol", "esp", "esp", "ah", "ah-esp");
        yield return Attr.Choice("auth_algorithm", "sha1", VpnValues.AuthAlgorithms);
        yield return Attr.Choice("encryption_algorithm", "aes-128", VpnValues.EncryptionAlgorithms);
        yield return Attr.Choice("encapsulation_mode", "tunnel", "tunnel", "transport");
        yield return VpnValues.Lifetime();
        yield return Attr.Choice("pfs", "group5", VpnValues.PfsGroups);
        if (origin)
        {
            yield return VpnValues.AvailabilityZone();
        }
    }
}
