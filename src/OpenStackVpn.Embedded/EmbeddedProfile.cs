namespace OpenStackVpn.Embedded;

/// <summary>Which cloud's VPNaaS dialect the embedded Neutron speaks.</summary>
public enum EmbeddedProfile
{
    /// <summary>Upstream Neutron VPNaaS as the lab runs it (neutron-vpnaas 21, Zed): endpoint groups,
    /// no availability zones.</summary>
    Upstream,

    /// <summary>
    /// The origin cloud (Fujitsu K5 / FJcloud-O v2 network API): <c>availability_zone</c> on VPN objects,
    /// subnet (legacy) mode only, exactly one peer CIDR, DPD action <c>hold</c> or <c>restart</c>.
    /// </summary>
    Origin,

    /// <summary>
    /// Upstream Neutron VPNaaS as its newest release has it (neutron-vpnaas master with neutron-lib's vpn,
    /// vpn-aes-ctr and vpn-aes-ccm-gcm definitions): AES CTR, CCM and GCM, AES-XCBC and AES-CMAC, DH groups 2, 5 and
    /// 14 to 31. Everything else as <see cref="Upstream"/>.
    /// </summary>
    Latest,
}
