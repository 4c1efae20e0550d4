using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Creates an IPsec policy.</para>
/// <para type="description">Fields left out take Neutron's defaults. Algorithm and group names complete with Tab; the cloud decides which it accepts.</para>
/// </summary>
/// <example>
/// <code>New-IpsecPolicy -Name ipsec1 -AuthAlgorithm sha256 -EncryptionAlgorithm aes-256 -Pfs group14 -Lifetime 28800</code>
/// <para>Creates a policy with modern algorithms and an eight-hour lifetime.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "IpsecPolicy", SupportsShouldProcess = true)]
[OutputType(typeof(IpsecPolicy))]
public sealed class NewIpsecPolicyCommand : NewPolicyCommand<IpsecPolicy>
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
