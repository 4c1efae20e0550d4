using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Sets the status of a connection or VPN service in an embedded OpenStack, as a
/// VPN agent would report it.</para>
/// <para type="description">For testing waiting logic: e.g. move a connection to ACTIVE, DOWN or ERROR.</para>
/// </summary>
/// <example>
/// <code>
/// $c = Get-IpsecSiteConnection -Name vpnconnection1
/// Set-EmbeddedOpenStackStatus -Kind IpsecSiteConnection -Id $c.Id -Status ERROR</code>
/// <para>Makes the connection fail, as an agent reporting an error would.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "EmbeddedOpenStackStatus")]
public sealed class SetEmbeddedOpenStackStatusCommand : EmbeddedCmdlet
{
    /// <summary><para type="description">IpsecSiteConnection or VpnService.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateSet("IpsecSiteConnection", "VpnService")]
    public string Kind { get; set; } = null!;

    /// <summary><para type="description">The object's id (Tab completes the ids of the live objects of
    /// -Kind).</para></summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Completion.IdCompletion]
    public string Id { get; set; } = null!;

    /// <summary><para type="description">The status to set.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateSet("ACTIVE", "DOWN", "ERROR", "PENDING_CREATE", "PENDING_UPDATE", "PENDING_DELETE")]
    public string Status { get; set; } = null!;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var cloud = RequireCloud();
        try
        {
            cloud.SetStatus(Kind == "VpnService" ? "vpnservices" : "ipsec-site-connections", Id, Status);
        }
        catch (System.ArgumentException e)
        {
            WriteError(new ErrorRecord(e, "ObjectNotFound", ErrorCategory.ObjectNotFound, Id));
        }
    }
}
