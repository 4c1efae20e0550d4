using System.Management.Automation;
using OpenStackVpn.Completion;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Changes a VPN endpoint group's name or description.</para>
/// <para type="description">The type and endpoints cannot change: they are not parameters here. Create a new group instead.</para>
/// </summary>
/// <example>
/// <code>
/// $id = (New-VpnEndpointGroup -Name example-peers -Type cidr -Endpoint 10.62.0.0/24).Id
/// Set-VpnEndpointGroup -Id $id -Name example-peers-eu</code>
/// <para>Renames a group.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "VpnEndpointGroup", SupportsShouldProcess = true, DefaultParameterSetName = "Id")]
[OutputType(typeof(VpnEndpointGroup))]
public sealed class SetVpnEndpointGroupCommand : WriteResourceCommand<VpnEndpointGroup>
{
    /// <summary><para type="description">The id of the group.</para></summary>
    [Parameter(ParameterSetName = "Id", Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdCompletion]
    public string Id { get; set; } = null!;

    /// <summary><para type="description">The group, from the pipeline.</para></summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public VpnEndpointGroup InputObject { get; set; } = null!;

    /// <summary><para type="description">Write the changed group to the pipeline.</para></summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Not a parameter here: the project is set when the group is created.</summary>
    public override string? ProjectId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() => Update(ParameterSetName == "Id" ? Id : InputObject.Id, PassThru);
}
