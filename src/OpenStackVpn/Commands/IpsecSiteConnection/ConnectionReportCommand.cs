using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>What Export-IpsecPeerConfig and Test-IpsecSiteConnection share: the connection from the pipeline, by -Id, or by -Name.</summary>
public abstract class ConnectionReportCommand : OpenStackCmdlet
{
    /// <summary><para type="description">The id of the connection.</para></summary>
    [Parameter(ParameterSetName = "Id", Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Id { get; set; } = null!;

    /// <summary><para type="description">The exact name of the connection (it must name one connection only).</para></summary>
    [Parameter(ParameterSetName = "Name", Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    /// <summary><para type="description">The connection, from the pipeline (Get-IpsecSiteConnection).</para></summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public IpsecSiteConnection InputObject { get; set; } = null!;

    /// <summary>The id of the connection the user named, by any parameter set (a name is resolved with one list request).</summary>
    protected string ConnectionId(OpenStackSession session) => ParameterSetName switch
    {
        "Id" => Id,
        "Name" => Resolve(session, VpnResources.IpsecSiteConnection, Name, nameof(Name)).Id,
        _ => InputObject.Id,
    };
}
