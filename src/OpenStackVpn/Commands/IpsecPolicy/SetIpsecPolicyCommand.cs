using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Changes an IPsec policy.</para>
/// <para type="description">Sends only what is named. Neutron refuses changes while a connection uses the policy (409): create a new policy and a new connection instead.</para>
/// </summary>
/// <example>
/// <code>Set-IpsecPolicy -Id $id -Lifetime 7200 -PassThru</code>
/// <para>Changes the lifetime and shows the result.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "IpsecPolicy", SupportsShouldProcess = true, DefaultParameterSetName = "Id")]
[OutputType(typeof(IpsecPolicy))]
public sealed class SetIpsecPolicyCommand : SetPolicyCommand<IpsecPolicy>
{
    /// <summary><para type="description">esp, ah or ah-esp.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TransformProtocolCompleter))]
    [Field("transform_protocol")]
    public string? TransformProtocol { get; set; }

    /// <summary><para type="description">tunnel or transport.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EncapsulationModeCompleter))]
    [Field("encapsulation_mode")]
    public string? EncapsulationMode { get; set; }

    /// <inheritdoc/>
    protected override ResourceKind<IpsecPolicy> Kind => VpnResources.IpsecPolicy;
}
