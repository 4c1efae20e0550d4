using System.Management.Automation;
using OpenStackVpn.Completion;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Gets subnets: the local side of a VPN, and what endpoint groups of type subnet hold.</para>
/// <para type="description">Shows subnets by id, or lists them by name (wildcards allowed), network, CIDR and IP
/// version. Read only: subnets are made with the openstack CLI or the dashboard.</para>
/// </summary>
/// <example>
/// <code>Get-OpenStackSubnet -Network private</code>
/// <para>Lists the subnets of the network named private, with their CIDRs and gateways.</para>
/// </example>
/// <example>
/// <code>Get-OpenStackSubnet -IpVersion 4 | Select-Object Name, Cidr, GatewayIp</code>
/// <para>Lists the IPv4 subnets.</para>
/// </example>
/// <example>
/// <code>
/// $subnet = Get-OpenStackSubnet -Name private-subnet
/// New-VpnEndpointGroup -Name example-local -Type subnet -Endpoint $subnet.Id</code>
/// <para>Makes a local endpoint group of a subnet found by name.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OpenStackSubnet", DefaultParameterSetName = "List")]
[OutputType(typeof(Subnet))]
public sealed class GetOpenStackSubnetCommand : GetResourceCommand<Subnet>
{
    /// <summary><para type="description">Only subnets of this network: a name, an id or a network
    /// object.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [ValidateNotNullOrEmpty]
    [ReferenceCompletion]
    [Field("network_id")]
    public object? Network { get; set; }

    /// <summary><para type="description">Only the subnet with this CIDR, e.g. 10.0.0.0/24.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [ValidateNotNullOrEmpty]
    [Field("cidr")]
    public string? Cidr { get; set; }

    /// <summary><para type="description">Only IPv4 (4) or IPv6 (6) subnets.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [ValidateSet("4", "6")]
    [Field("ip_version")]
    public int? IpVersion { get; set; }
}
