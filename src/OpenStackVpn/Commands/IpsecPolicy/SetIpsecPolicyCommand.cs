using System.Management.Automation;
using OpenStackVpn.Completion;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Changes an IPsec policy.</para>
/// <para type="description">Sends only what is named. Neutron refuses changes while a connection uses the policy (409):
/// create a new policy and a new connection instead. The object is named as Get names it: its exact name or its id,
/// positionally or with -Name (a name several objects share is refused with their ids), -Id, or the object from the
/// pipeline; -NewName renames it.</para>
/// </summary>
/// <example>
/// <code>
/// $id = (New-IpsecPolicy -Name example-ipsec).Id
/// Set-IpsecPolicy -Id $id -Lifetime 7200 -PassThru</code>
/// <para>Changes the lifetime and shows the result.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "IpsecPolicy", SupportsShouldProcess = true, DefaultParameterSetName = "Name")]
[OutputType(typeof(IpsecPolicy))]
public sealed class SetIpsecPolicyCommand : IpsecPolicyCommand
{
    /// <summary><para type="description">The exact name of the policy to change, or its id; a name that several share
    /// is refused with their ids. To rename, use -NewName.</para></summary>
    [Parameter(ParameterSetName = "Name", Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [NameCompletion]
    public override string? Name { get; set; }

    /// <summary><para type="description">The id of the policy (from the pipeline by property name).</para></summary>
    [Parameter(ParameterSetName = "Id", Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdCompletion]
    public string Id { get; set; } = null!;

    /// <summary><para type="description">The policy, from the pipeline.</para></summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public IpsecPolicy InputObject { get; set; } = null!;

    /// <summary><para type="description">A new name for the policy: -NewName renames it (-Name selects it, as in
    /// Get).</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("name")]
    public string? NewName { get; set; }

    /// <summary><para type="description">Write the changed policy to the pipeline.</para></summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Not a parameter here: the project is set when the policy is created.</summary>
    public override string? ProjectId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() => Update(InputObject, Id, Name, PassThru);
}
