using System.Management.Automation;
using OpenStackVpn.Completion;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Changes a VPN endpoint group's name or description.</para>
/// <para type="description">The type and endpoints cannot change: they are not parameters here. Create a new group
/// instead. The object is named as Get names it: its exact name or its id, positionally or with -Name (a name several
/// objects share is refused with their ids), -Id, or the object from the pipeline; -NewName renames it.</para>
/// </summary>
/// <example>
/// <code>$null = New-VpnEndpointGroup -Name peers-draft -Type cidr -Endpoint 10.9.0.0/24
/// Set-VpnEndpointGroup peers-draft -NewName peers-eu -PassThru</code>
/// <para>Renames a group: the group is named as Get names it (its name or id, positionally), -NewName is the new
/// name.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "VpnEndpointGroup", SupportsShouldProcess = true, DefaultParameterSetName = "Name")]
[OutputType(typeof(VpnEndpointGroup))]
public sealed class SetVpnEndpointGroupCommand : WriteResourceCommand<VpnEndpointGroup>
{
    /// <summary><para type="description">The exact name of the group to change, or its id; a name that several share is
    /// refused with their ids. To rename, use -NewName.</para></summary>
    [Parameter(ParameterSetName = "Name", Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [NameCompletion]
    public override string? Name { get; set; }

    /// <summary><para type="description">The id of the group (from the pipeline by property name).</para></summary>
    [Parameter(ParameterSetName = "Id", Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdCompletion]
    public string Id { get; set; } = null!;

    /// <summary><para type="description">The group, from the pipeline.</para></summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public VpnEndpointGroup InputObject { get; set; } = null!;

    /// <summary><para type="description">A new name for the group: -NewName renames it (-Name selects it, as in
    /// Get).</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("name")]
    public string? NewName { get; set; }

    /// <summary><para type="description">Write the changed group to the pipeline.</para></summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Not a parameter here: the project is set when the group is created.</summary>
    public override string? ProjectId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() => Update(InputObject, Id, Name, PassThru);
}
