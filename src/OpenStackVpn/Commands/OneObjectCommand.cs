using System.Management.Automation;
using OpenStackVpn.Completion;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// What the cmdlets that act on one existing object at a time share: the object named as Get names it (positionally
/// or with -Name: its exact name, or its id), by -Id, or the object itself from the pipeline.
/// </summary>
public abstract class OneObjectCommand<T> : ResourceCommand<T> where T : NeutronResource
{
    /// <summary><para type="description">The exact name of the object, or its id; a name that several objects share is
    /// refused with their ids (pipe them instead).</para></summary>
    [Parameter(ParameterSetName = "Name", Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [NameCompletion]
    public string Name { get; set; } = null!;

    /// <summary><para type="description">The id of the object (from the pipeline by property name).</para></summary>
    [Parameter(ParameterSetName = "Id", Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdCompletion]
    public string Id { get; set; } = null!;

    /// <summary><para type="description">The object, from the pipeline.</para></summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public T InputObject { get; set; } = null!;

    /// <summary>The object the user named, by any parameter set: its id, and the object when it was read.</summary>
    protected (string Id, T? Found) TargetOf(OpenStackSession session) => ParameterSetName switch
    {
        "InputObject" => Pick(session, Kind, InputObject, null, null),
        "Id" => Pick<T>(session, Kind, null, Id, null),
        _ => Pick<T>(session, Kind, null, null, Name),
    };
}
