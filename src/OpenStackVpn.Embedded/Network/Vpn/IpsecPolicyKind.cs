using System.Collections.Generic;

namespace OpenStackVpn.Embedded.Network.Vpn;

/// <summary>IPsec policies (phase 2).</summary>
internal sealed class IpsecPolicyKind : PolicyKind
{
    public IpsecPolicyKind(bool origin, PolicyValues values)
        : base(Collections.IpsecPolicies, "ipsecpolicy", "ipsecpolicies", origin, AttributeMap(origin, values),
            "ipsecpolicy_id", "IPsecPolicy", "transform_protocol", "auth_algorithm", "encryption_algorithm",
                "encapsulation_mode", "lifetime", "pfs")
    {
    }

    private static IEnumerable<AttributeSpec> AttributeMap(bool origin, PolicyValues values)
    {
        foreach (var head in Attr.Head())
        {
            yield return head;
        }

        yield return Attr.Choice("transform_protocol", "esp", "esp", "ah", "ah-esp");
        yield return Attr.Choice("auth_algorithm", "sha1", values.AuthAlgorithms);
        yield return Attr.Choice("encryption_algorithm", "aes-128", values.EncryptionAlgorithms);
        yield return Attr.Choice("encapsulation_mode", "tunnel", "tunnel", "transport");
        yield return VpnValues.Lifetime();
        yield return Attr.Choice("pfs", "group5", values.PfsGroups);
        if (origin)
        {
            yield return VpnValues.AvailabilityZone();
        }
    }
}
