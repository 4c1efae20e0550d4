using System.Management.Automation;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Gets VPN services.</para>
/// <para type="description">Shows services by id, or lists them by name (wildcards allowed) and filters.</para>
/// </summary>
/// <example>
/// <code>Get-VpnService -Name 'branch-*'</code>
/// <para>Lists the services whose names start with branch-.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "VpnService", DefaultParameterSetName = "List")]
[OutputType(typeof(VpnService))]
public sealed class GetVpnServiceCommand : GetResourceCommand<VpnService>
{
    /// <summary><para type="description">Only services on this router (id).</para></summary>
    [Parameter(ParameterSetName = "List")]
    [ValidateNotNullOrEmpty]
    [Field("router_id")]
    public string? RouterId { get; set; }

    /// <summary><para type="description">Only services with this local subnet (id).</para></summary>
    [Parameter(ParameterSetName = "List")]
    [ValidateNotNullOrEmpty]
    [Field("subnet_id")]
    public string? SubnetId { get; set; }

    /// <summary><para type="description">Only services in this status.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [AllowedValues(typeof(VpnService), "status")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    [Field("status")]
    public string? Status { get; set; }
}
