using System.Management.Automation;
using OpenStackVpn.Completion;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Changes an IPsec policy.</para>
/// <para type="description">Sends only what is named. Neutron refuses changes while a connection uses the policy (409): create a new policy and a new connection instead.</para>
/// </summary>
/// <example>
/// <code>
/// $id = (New-IpsecPolicy -Name example-ipsec).Id
/// Set-IpsecPolicy -Id $id -Lifetime 7200 -PassThru</code>
/// <para>Changes the lifetime and shows the result.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "IpsecPolicy", SupportsShouldProcess = true, DefaultParameterSetName = "Id")]
[OutputType(typeof(IpsecPolicy))]
public sealed class SetIpsecPolicyCommand : IpsecPolicyCommand
{
    /// <summary><para type="description">The id of the policy.</para></summary>
    [Parameter(ParameterSetName = "Id", Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdCompletion]
    public string Id { get; set; } = null!;

    /// <summary><para type="description">The policy, from the pipeline.</para></summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public IpsecPolicy InputObject { get; set; } = null!;

    /// <summary><para type="description">Write the changed policy to the pipeline.</para></summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Not a parameter here: the project is set when the policy is created.</summary>
    public override string? ProjectId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() => Update(ParameterSetName == "Id" ? Id : InputObject.Id, PassThru);
}
