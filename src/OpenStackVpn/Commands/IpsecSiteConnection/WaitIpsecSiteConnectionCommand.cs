using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Waits until an IPsec site connection reaches a status (ACTIVE by default).</para>
/// <para type="description">Polls every -PollIntervalSec; PENDING_* and DOWN are transient, ERROR fails, and a timeout reports the last status seen. Ctrl+C stops it at once.</para>
/// </summary>
/// <example>
/// <code>Get-IpsecSiteConnection vpnconnection1 | Wait-IpsecSiteConnection -TimeoutSec 300</code>
/// <para>Waits up to five minutes for the connection to become ACTIVE.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Wait, "IpsecSiteConnection", DefaultParameterSetName = "Id")]
[OutputType(typeof(IpsecSiteConnection))]
public sealed class WaitIpsecSiteConnectionCommand : WaitResourceCommand<IpsecSiteConnection>
{
    /// <summary><para type="description">Include the pre-shared key in the output, as a SecureString (read it with ConvertFrom-SecureString -AsPlainText). Without it, Psk is empty.</para></summary>
    [Parameter]
    public SwitchParameter IncludeSecret { get; set; }

    /// <inheritdoc/>
    protected override bool IncludesSecrets => IncludeSecret;
}
