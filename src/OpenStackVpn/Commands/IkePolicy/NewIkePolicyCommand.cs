using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Creates an IKE policy.</para>
/// <para type="description">Fields left out take Neutron's defaults. Algorithm and group names complete with Tab; the cloud decides which it accepts.</para>
/// </summary>
/// <example>
/// <code>New-IkePolicy -Name ike1 -IkeVersion v2 -AuthAlgorithm sha256 -EncryptionAlgorithm aes-256 -Pfs group14 -Lifetime 28800</code>
/// <para>Creates a policy with modern algorithms and an eight-hour lifetime.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "IkePolicy", SupportsShouldProcess = true)]
[OutputType(typeof(IkePolicy))]
public sealed class NewIkePolicyCommand : NewPolicyCommand<IkePolicy>
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
