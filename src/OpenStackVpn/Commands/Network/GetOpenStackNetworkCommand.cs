using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Gets networks, external or not: a router's gateway, and so a VPN's public address, is on an
/// external one.</para>
/// <para type="description">Shows networks by id, or lists them by name (wildcards allowed); -External lists only
/// external networks, -External:$false only the others. Read only: networks are made with the openstack CLI or the
/// dashboard.</para>
/// </summary>
/// <example>
/// <code>Get-OpenStackNetwork -External</code>
/// <para>Lists the external networks.</para>
/// </example>
/// <example>
/// <code>
/// Get-OpenStackNetwork -Name private |
///     Select-Object -ExpandProperty Subnets | ForEach-Object { Get-OpenStackSubnet -Id $_ }</code>
/// <para>Shows the subnets of the network named private.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OpenStackNetwork", DefaultParameterSetName = "List")]
[OutputType(typeof(Network))]
public sealed class GetOpenStackNetworkCommand : GetResourceCommand<Network>
{
    /// <summary><para type="description">Only external networks; -External:$false: only the others.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [Field("router:external")]
    public SwitchParameter External { get; set; }
}
