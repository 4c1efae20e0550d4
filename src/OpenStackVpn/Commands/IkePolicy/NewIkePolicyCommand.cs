using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Creates an IKE policy.</para>
/// <para type="description">Fields left out take Neutron's defaults. Algorithm and group names complete with Tab; the
/// cloud decides which it accepts.</para>
/// </summary>
/// <example>
/// <code>
/// New-IkePolicy -Name example-ike -IkeVersion v2 -AuthAlgorithm sha256 -EncryptionAlgorithm aes-256 -Pfs group14 `
///     -Lifetime 28800</code>
/// <para>Creates a policy with modern algorithms and an eight-hour lifetime.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "IkePolicy", SupportsShouldProcess = true)]
[OutputType(typeof(IkePolicy))]
public sealed class NewIkePolicyCommand : IkePolicyCommand
{
    /// <inheritdoc/>
    protected override void ProcessRecord() => Create();
}
