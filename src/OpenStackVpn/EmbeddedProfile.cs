namespace OpenStackVpn;

/// <summary>
/// Which cloud's VPNaaS dialect an embedded OpenStack speaks (-EmbeddedProfile, -Profile). Declared here rather than
/// taken from the embedded assembly, so that Connect-OpenStack's parameters name no embedded type and binding them
/// never loads that assembly.
/// </summary>
public enum EmbeddedProfile
{
    /// <summary>Upstream Neutron VPNaaS as the lab runs it: endpoint groups, no availability zones.</summary>
    Upstream,

    /// <summary>The origin cloud: availability_zone on VPN objects, subnet mode only, one peer CIDR,
    /// DPD hold or restart.</summary>
    Origin,

    /// <summary>Upstream Neutron VPNaaS as its newest release has it: AES CTR/CCM/GCM, AES-XCBC/CMAC,
    /// DH groups 2, 5, 14-31.</summary>
    Latest,
}
