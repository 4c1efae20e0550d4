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
public sealed class NewIkePolicyCommand : NewResourceCommand<IkePolicy>
{
    /// <summary><para type="description">The integrity algorithm, e.g. sha256.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AuthAlgorithmCompleter))]
    [Field("auth_algorithm")]
    public string? AuthAlgorithm { get; set; }

    /// <summary><para type="description">The encryption algorithm, e.g. aes-256.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EncryptionAlgorithmCompleter))]
    [Field("encryption_algorithm")]
    public string? EncryptionAlgorithm { get; set; }

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

    /// <summary><para type="description">The Diffie-Hellman group, e.g. group14.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PfsCompleter))]
    [Field("pfs")]
    public string? Pfs { get; set; }

    /// <summary><para type="description">The lifetime of the security association, in seconds (at least 60).</para></summary>
    [Parameter]
    [Field("lifetime.value")]
    public int Lifetime { get; set; }

    /// <inheritdoc/>
    protected override ResourceKind<IkePolicy> Kind => VpnResources.IkePolicy;
}
