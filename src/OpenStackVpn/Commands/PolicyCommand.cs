using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>The fields that IKE and IPsec policies share, for their New- and Set- cmdlets: the algorithms, the PFS
/// group and the lifetime.</summary>
// The allowed values are read from the IKE policy's description: both policies share these fields (PolicyFields).
public abstract class PolicyCommand<T> : WriteResourceCommand<T> where T : NeutronResource
{
    /// <summary><para type="description">The integrity algorithm, e.g. sha256.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [AllowedValues(typeof(IkePolicy), "auth_algorithm")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    [Field("auth_algorithm")]
    public string? AuthAlgorithm { get; set; }

    /// <summary><para type="description">The encryption algorithm, e.g. aes-256.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [AllowedValues(typeof(IkePolicy), "encryption_algorithm")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    [Field("encryption_algorithm")]
    public string? EncryptionAlgorithm { get; set; }

    /// <summary><para type="description">The Diffie-Hellman group, e.g. group14.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [AllowedValues(typeof(IkePolicy), "pfs")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    [Field("pfs")]
    public string? Pfs { get; set; }

    /// <summary><para type="description">The lifetime of the security association, in seconds
    /// (at least 60).</para></summary>
    [Parameter]
    [Field("lifetime.value")]
    public int Lifetime { get; set; }
}
