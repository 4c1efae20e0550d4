using System.Management.Automation;
using OpenStackVpn.Completion;

namespace OpenStackVpn.Commands;

/// <summary>What the cmdlets that act on one object at a time share: the object by -Id, or the object itself from the pipeline.</summary>
public abstract class OneObjectCommand<T> : ResourceCommand<T> where T : NeutronResource
{
    /// <summary><para type="description">The id of the object.</para></summary>
    [Parameter(ParameterSetName = "Id", Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdCompletion]
    public string Id { get; set; } = null!;

    /// <summary><para type="description">The object, from the pipeline.</para></summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public T InputObject { get; set; } = null!;

    /// <summary>The id of the object the user named, by either parameter set.</summary>
    protected string TargetId => ParameterSetName == "Id" ? Id : InputObject.Id;
}
