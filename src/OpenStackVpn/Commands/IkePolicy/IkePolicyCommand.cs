using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>The fields of an IKE policy that both New- and Set-IkePolicy take, beyond
/// those all policies have.</summary>
public abstract class IkePolicyCommand : PolicyCommand<IkePolicy>
{
    /// <summary><para type="description">main or aggressive.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [AllowedValues(typeof(IkePolicy), "phase1_negotiation_mode")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    [Field("phase1_negotiation_mode")]
    public string? Phase1NegotiationMode { get; set; }

    /// <summary><para type="description">v1 or v2.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [AllowedValues(typeof(IkePolicy), "ike_version")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    [Field("ike_version")]
    public string? IkeVersion { get; set; }
}
