using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Changes a VPN service's name, description or admin state.</para>
/// <para type="description">Sends only what is named. The router and subnet cannot change: create a new service instead.</para>
/// </summary>
/// <example>
/// <code>Get-VpnService vpn1 | Set-VpnService -AdminStateUp $false</code>
/// <para>Takes the service administratively down.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "VpnService", SupportsShouldProcess = true, DefaultParameterSetName = "Id")]
[OutputType(typeof(VpnService))]
public sealed class SetVpnServiceCommand : SetResourceCommand<VpnService>
{
    /// <summary><para type="description">Whether the service is administratively up.</para></summary>
    [Parameter]
    [Field("admin_state_up")]
    public bool AdminStateUp { get; set; }

    /// <summary><para type="description">Cannot change; given, it is refused with the reason.</para></summary>
    [Parameter]
    [Field("router_id")]
    public object? Router { get; set; }

    /// <summary><para type="description">Cannot change; given, it is refused with the reason.</para></summary>
    [Parameter]
    [Field("subnet_id")]
    public object? Subnet { get; set; }

    /// <inheritdoc/>
    protected override ResourceKind<VpnService> Kind => VpnResources.VpnService;
}
