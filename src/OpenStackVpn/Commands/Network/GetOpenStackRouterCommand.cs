using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Gets routers: the router a VPN service runs on, and its addresses on the external
/// network.</para>
/// <para type="description">Shows routers by id, or lists them by name (wildcards allowed) and status. ExternalFixedIps
/// are the router's addresses on its external network (ExternalNetworkId): the address a peer connects to, and the left
/// side of its configuration. Read only: routers are made with the openstack CLI or the dashboard.</para>
/// </summary>
/// <example>
/// <code>Get-OpenStackRouter</code>
/// <para>Lists every router the session can see, with its external network and addresses.</para>
/// </example>
/// <example>
/// <code>Get-OpenStackRouter -Name 'router*' | Select-Object Name, ExternalFixedIps</code>
/// <para>Shows the addresses peers connect to, for the routers whose names start with router.</para>
/// </example>
/// <example>
/// <code>New-VpnService -Name example-vpn -Router (Get-OpenStackRouter -Name router1) -Subnet private-subnet</code>
/// <para>Picks a router by name and gives it to a new VPN service.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OpenStackRouter", DefaultParameterSetName = "List")]
[OutputType(typeof(Router))]
public sealed class GetOpenStackRouterCommand : GetResourceCommand<Router>
{
    /// <summary><para type="description">Only routers in this status (ACTIVE, DOWN, ERROR).</para></summary>
    [Parameter(ParameterSetName = "List")]
    [ValidateNotNullOrEmpty]
    [Field("status")]
    public string? Status { get; set; }
}
