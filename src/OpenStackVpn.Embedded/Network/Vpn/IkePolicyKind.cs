using System.Collections.Generic;

namespace OpenStackVpn.Embedded.Network.Vpn;

/// <summary>IKE policies (phase 1).</summary>
internal sealed class IkePolicyKind : PolicyKind
{
    public IkePolicyKind(bool origin, PolicyValues values)
        : base(Collections.IkePolicies, "ikepolicy", "ikepolicies", origin, AttributeMap(origin, values),
            "ikepolicy_id", "IKEPolicy", "auth_algorithm", "encryption_algorithm", "phase1_negotiation_mode",
                "lifetime", "ike_version", "pfs")
    {
    }

    public static NeutronError Missing(string id) =>
        NeutronError.Typed(404, "IKEPolicyNotFound", $"IKEPolicy {id} could not be found");

    private static IEnumerable<AttributeSpec> AttributeMap(bool origin, PolicyValues values)
    {
        foreach (var head in Attr.Head())
        {
            yield return head;
        }

        yield return Attr.Choice("auth_algorithm", "sha1", values.AuthAlgorithms);
        yield return Attr.Choice("encryption_algorithm", "aes-128", values.EncryptionAlgorithms);
        yield return Attr.Choice("phase1_negotiation_mode", "main", "main", "aggressive");
        yield return VpnValues.Lifetime();
        yield return Attr.Choice("ike_version", "v1", "v1", "v2");
        yield return Attr.Choice("pfs", "group5", values.PfsGroups);
        if (origin)
        {
            yield return VpnValues.AvailabilityZone();
        }
    }
}
