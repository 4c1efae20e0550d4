using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Creates an IPsec policy.</para>
/// <para type="description">Fields left out take Neutron's defaults. Algorithm and group names complete with Tab; the
/// cloud decides which it accepts.</para>
/// </summary>
/// <example>
/// <code>
/// New-IpsecPolicy -Name example-ipsec -AuthAlgorithm sha256 -EncryptionAlgorithm aes-256 -Pfs group14 `
///     -Lifetime 28800</code>
/// <para>Creates a policy with modern algorithms and an eight-hour lifetime.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "IpsecPolicy", SupportsShouldProcess = true)]
[OutputType(typeof(IpsecPolicy))]
public sealed class NewIpsecPolicyCommand : IpsecPolicyCommand
{
    /// <inheritdoc/>
    protected override void ProcessRecord() => Create();
}
