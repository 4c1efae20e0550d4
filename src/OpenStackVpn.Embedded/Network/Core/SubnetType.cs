namespace OpenStackVpn.Embedded.Network.Core;

/// <summary>Subnets: a project sees its own (an external network's subnet is not shared, so members do not see it).</summary>
internal sealed class SubnetType : ReadOnlyResourceType
{
    public SubnetType()
        : base(Collections.Subnets, "subnet", "subnets",
            CoreColumns.Attributes("network_id", "ip_version", "cidr", "gateway_ip", "enable_dhcp"),
            CoreColumns.Filters("network_id", "ip_version", "cidr", "gateway_ip", "enable_dhcp"))
    {
    }

    public override bool CompactJson => true;

    public override NeutronError NotFound(string id) => NeutronError.Typed(404, "SubnetNotFound", $"Subnet {id} could not be found.");
}
