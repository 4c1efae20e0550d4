using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Embedded.Network.Vpn;

/// <summary>IKE policies (phase 1).</summary>
internal sealed class IkePolicyType : ResourceType
{
    public IkePolicyType(bool origin)
        : base(Collections.IkePolicies, "ikepolicy", "ikepolicies", true, AttributeMap(origin),
            VpnValues.Filters("auth_algorithm", "encryption_algorithm", "phase1_negotiation_mode", "ike_version", "pfs", "lifetime_units=lifetime.units", "lifetime_value=lifetime.value"))
    {
        Origin = origin;
    }

    private bool Origin { get; }

    public static NeutronError Missing(string id) => NeutronError.Typed(404, "IKEPolicyNotFound", $"IKEPolicy {id} could not be found");

    public override NeutronError NotFound(string id) => Missing(id);

    public override JObject NewRow(string id, JObject request, NetworkState state, NeutronContext context)
    {
        var row = new JObject
        {
            ["id"] = id,
            ["tenant_id"] = request["tenant_id"],
            ["name"] = request["name"],
            ["description"] = request["description"],
            ["auth_algorithm"] = request["auth_algorithm"],
            ["encryption_algorithm"] = request["encryption_algorithm"],
            ["phase1_negotiation_mode"] = request["phase1_negotiation_mode"],
            ["lifetime"] = VpnValues.MergeLifetime(request["lifetime"], null),
            ["ike_version"] = request["ike_version"],
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
        VpnValues.RefuseIfUsed(state, "ikepolicy_id", row, "IKEPolicyInUse", "IKEPolicy");
        var lifetime = VpnValues.MergeLifetime(changes["lifetime"], row.Data["lifetime"]);
        Assign(row.Data, changes);
        row.Data["lifetime"] = lifetime;
    }

    public override void CheckDelete(StoredObject row, NetworkState state) =>
        VpnValues.RefuseIfUsed(state, "ikepolicy_id", row, "IKEPolicyInUse", "IKEPolicy");

    private static IEnumerable<AttributeSpec> AttributeMap(bool origin)
    {
        foreach (var head in Attr.Head())
        {
            yield return head;
        }

        yield return Attr.Choice("auth_algorithm", "sha1", VpnValues.AuthAlgorithms);
        yield return Attr.Choice("encryption_algorithm", "aes-128", VpnValues.EncryptionAlgorithms);
        yield return Attr.Choice("phase1_negotiation_mode", "main", "main", "aggressive");
        yield return VpnValues.Lifetime();
        yield return Attr.Choice("ike_version", "v1", "v1", "v2");
        yield return Attr.Choice("pfs", "group5", VpnValues.PfsGroups);
        if (origin)
        {
            yield return VpnValues.AvailabilityZone();
        }
    }
}
