using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Waits until a VPN service reaches a status (ACTIVE by default).</para>
/// <para type="description">Polls every -PollIntervalSec; PENDING_* and DOWN are transient, ERROR fails, and a timeout reports the last status seen.</para>
/// </summary>
/// <example>
/// <code>Get-VpnService vpn1 | Wait-VpnService -TimeoutSec 300</code>
/// <para>Waits up to five minutes for vpn1 to become ACTIVE.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Wait, "VpnService", DefaultParameterSetName = "Id")]
[OutputType(typeof(VpnService))]
public sealed class WaitVpnServiceCommand : WaitResourceCommand<VpnService>
{
}
