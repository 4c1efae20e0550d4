using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Waits until IPsec site connections reach a status (ACTIVE by default).</para>
/// <para type="description">Waits for every connection from the pipeline at once: one list request every
/// -PollIntervalSec, however many there are, and one progress bar. Each connection is written as soon as it has the
/// status; PENDING_* and DOWN are transient; those that went to ERROR, were deleted or were still not there after
/// -TimeoutSec are reported one by one at the end, with their last status. Ctrl+C stops it at once.</para>
/// </summary>
/// <example>
/// <code>Get-IpsecSiteConnection vpnconnection1 | Wait-IpsecSiteConnection -TimeoutSec 300</code>
/// <para>Waits up to five minutes for the connection to become ACTIVE.</para>
/// </example>
/// <example>
/// <code>
/// Get-IpsecSiteConnection -Name 'paging-conn-*' | Wait-IpsecSiteConnection -TimeoutSec 900 -PollIntervalSec 15</code>
/// <para>Waits for all the branch connections together, with one request every 15 seconds.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Wait, "IpsecSiteConnection", DefaultParameterSetName = "Name")]
[OutputType(typeof(IpsecSiteConnection))]
public sealed class WaitIpsecSiteConnectionCommand : WaitResourceCommand<IpsecSiteConnection>
{
    /// <summary><para type="description">Include the pre-shared key in the output, as a SecureString (read it with
    /// ConvertFrom-SecureString -AsPlainText). Without it, Psk is empty.</para></summary>
    [Parameter]
    public SwitchParameter IncludeSecret { get; set; }

    /// <inheritdoc/>
    protected override bool IncludesSecrets => IncludeSecret;
}
