using System.Management.Automation;
using OpenStackVpn.Completion;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Changes a VPN service's name, description or admin state.</para>
/// <para type="description">Sends only what is named. The router and subnet cannot change: create a new service
/// instead. The object is named as Get names it: its exact name or its id, positionally or with -Name (a name several
/// objects share is refused with their ids), -Id, or the object from the pipeline; -NewName renames it.</para>
/// </summary>
/// <example>
/// <code>
/// Get-VpnService vpnservice1 | Set-VpnService -AdminStateUp $false</code>
/// <para>Takes the service administratively down.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "VpnService", SupportsShouldProcess = true, DefaultParameterSetName = "Name")]
[OutputType(typeof(VpnService))]
public sealed class SetVpnServiceCommand : VpnServiceCommand
{
    /// <summary><para type="description">The exact name of the service to change, or its id; a name that several share
    /// is refused with their ids. To rename, use -NewName.</para></summary>
    [Parameter(ParameterSetName = "Name", Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [NameCompletion]
    public override string? Name { get; set; }

    /// <summary><para type="description">The id of the service (from the pipeline by property name).</para></summary>
    [Parameter(ParameterSetName = "Id", Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdCompletion]
    public string Id { get; set; } = null!;

    /// <summary><para type="description">The service, from the pipeline.</para></summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public VpnService InputObject { get; set; } = null!;

    /// <summary><para type="description">A new name for the service: -NewName renames it (-Name selects it, as in
    /// Get).</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("name")]
    public string? NewName { get; set; }

    /// <summary><para type="description">Write the changed service to the pipeline.</para></summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Not a parameter here: the project is set when the service is created.</summary>
    public override string? ProjectId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() => Update(InputObject, Id, Name, PassThru);
}
