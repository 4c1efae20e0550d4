using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Changes an IKE policy.</para>
/// <para type="description">Sends only what is named. Neutron refuses changes while a connection uses the policy (409): create a new policy and a new connection instead.</para>
/// </summary>
/// <example>
/// <code>Set-IkePolicy -Id $id -Lifetime 7200 -PassThru</code>
/// <para>Changes the lifetime and shows the result.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "IkePolicy", SupportsShouldProcess = true, DefaultParameterSetName = "Id")]
[OutputType(typeof(IkePolicy))]
public sealed class SetIkePolicyCommand : SetPolicyCommand<IkePolicy>
{
    /// <summary><para type="description">main or aggressive.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Phase1ModeCompleter))]
    [Field("phase1_negotiation_mode")]
    public string? Phase1NegotiationMode { get; set; }

    /// <summary><para type="description">v1 or v2.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(IkeVersionCompleter))]
    [Field("ike_version")]
    public string? IkeVersion { get; set; }

    /// <inheritdoc/>
    protected override ResourceKind<IkePolicy> Kind => VpnResources.IkePolicy;
}
