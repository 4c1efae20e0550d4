using System.Management.Automation;
using OpenStackVpn.Completion;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Gets VPN services.</para>
/// <para type="description">Shows services by id, or lists them by name (wildcards allowed) and filters.</para>
/// </summary>
/// <example>
/// <code>Get-VpnService -Name 'branch-*'</code>
/// <para>Lists the services whose names start with branch-.</para>
/// </example>
/// <example>
/// <code>Get-VpnService -Router router1</code>
/// <para>Lists the services on the router named router1 (a name, an id or a router object).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "VpnService", DefaultParameterSetName = "List")]
[OutputType(typeof(VpnService))]
public sealed class GetVpnServiceCommand : GetResourceCommand<VpnService>
{
    /// <summary><para type="description">Only services on this router: an object, id or unique
    /// name.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [Alias("RouterId")]
    [ValidateNotNull]
    [Field("router_id")]
    [ReferenceCompletion]
    public object? Router { get; set; }

    /// <summary><para type="description">Only services with this local subnet: an object, id or unique
    /// name.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [Alias("SubnetId")]
    [ValidateNotNull]
    [Field("subnet_id")]
    [ReferenceCompletion]
    public object? Subnet { get; set; }

    /// <summary><para type="description">Only services in this status.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [AllowedValues(typeof(VpnService), "status")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    [Field("status")]
    public string? Status { get; set; }
}
