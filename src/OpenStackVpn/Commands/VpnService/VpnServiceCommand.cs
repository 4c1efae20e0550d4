using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>The fields of a VPN service that both New- and Set-VpnService take.</summary>
public abstract class VpnServiceCommand : WriteResourceCommand<VpnService>
{
    /// <summary><para type="description">Whether the service is administratively up (default true).</para></summary>
    [Parameter]
    [Field("admin_state_up")]
    public bool AdminStateUp { get; set; }
}
