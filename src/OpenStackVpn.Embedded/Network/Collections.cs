namespace OpenStackVpn.Embedded.Network;

/// <summary>The store keys (URL segments) of the resources the rules look each other up by.</summary>
internal static class Collections
{
    public const string Networks = "networks";
    public const string Subnets = "subnets";
    public const string Routers = "routers";
    public const string Ports = "ports";
    public const string VpnServices = "vpnservices";
    public const string IkePolicies = "ikepolicies";
    public const string IpsecPolicies = "ipsecpolicies";
    public const string Connections = "ipsec-site-connections";
    public const string EndpointGroups = "endpoint-groups";
}
