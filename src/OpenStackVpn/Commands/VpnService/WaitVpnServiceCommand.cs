using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Waits until VPN services reach a status (ACTIVE by default).</para>
/// <para type="description">Waits for every service from the pipeline at once: one list request every -PollIntervalSec
/// and one progress bar. Each service is written as soon as it has the status; PENDING_* and DOWN are transient; those
/// that went to ERROR, were deleted or timed out are reported one by one at the end, with their last status.</para>
/// </summary>
/// <example>
/// <code>
/// Get-VpnService vpnservice1 | Wait-VpnService -TimeoutSec 300</code>
/// <para>Waits up to five minutes for vpn1 to become ACTIVE.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Wait, "VpnService", DefaultParameterSetName = "Name")]
[OutputType(typeof(VpnService))]
public sealed class WaitVpnServiceCommand : WaitResourceCommand<VpnService>
{
}
