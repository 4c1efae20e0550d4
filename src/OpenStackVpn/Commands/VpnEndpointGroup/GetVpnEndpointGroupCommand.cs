using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Gets VPN endpoint groups.</para>
/// <para type="description">Shows groups by id, or lists them by name (wildcards allowed) and type. The type is sent as
/// Neutron's endpoint_type column, the filter Neutron honours.</para>
/// </summary>
/// <example>
/// <code>Get-VpnEndpointGroup -Type cidr</code>
/// <para>Lists the peer-side (CIDR) groups.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "VpnEndpointGroup", DefaultParameterSetName = "List")]
[OutputType(typeof(VpnEndpointGroup))]
public sealed class GetVpnEndpointGroupCommand : GetResourceCommand<VpnEndpointGroup>
{
    /// <summary><para type="description">Only groups of this type.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [AllowedValues(typeof(VpnEndpointGroup), "type")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    [Field("type")]
    public string? Type { get; set; }
}
