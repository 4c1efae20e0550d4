using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>The fields of an IPsec policy that both New- and Set-IpsecPolicy take, beyond
/// those all policies have.</summary>
public abstract class IpsecPolicyCommand : PolicyCommand<IpsecPolicy>
{
    /// <summary><para type="description">esp, ah or ah-esp.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [AllowedValues(typeof(IpsecPolicy), "transform_protocol")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    [Field("transform_protocol")]
    public string? TransformProtocol { get; set; }

    /// <summary><para type="description">tunnel or transport.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [AllowedValues(typeof(IpsecPolicy), "encapsulation_mode")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    [Field("encapsulation_mode")]
    public string? EncapsulationMode { get; set; }
}
