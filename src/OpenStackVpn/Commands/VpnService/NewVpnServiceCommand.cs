using System.Management.Automation;
using OpenStackVpn.Completion;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Creates a VPN service on a router.</para>
/// <para type="description">With -Subnet the service is in legacy mode (its connections name peer CIDRs); without,
/// connections use endpoint groups. The router must have an external gateway.</para>
/// </summary>
/// <example>
/// <code>
/// New-VpnService -Name example-vpn -Router router1 -Subnet private-subnet</code>
/// <para>Creates a legacy-mode service for the subnet private-subnet on router1.</para>
/// </example>
/// <example>
/// <code>
/// New-VpnService -Name example-vpn2 -Router router1</code>
/// <para>Creates an endpoint-group-mode service.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "VpnService", SupportsShouldProcess = true)]
[OutputType(typeof(VpnService))]
public sealed class NewVpnServiceCommand : VpnServiceCommand
{
    /// <summary><para type="description">The router: an object, id or unique name.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    [Field("router_id")]
    [ReferenceCompletion]
    public object Router { get; set; } = null!;

    /// <summary><para type="description">The local subnet (legacy mode): an object, id or unique name.</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("subnet_id")]
    [ReferenceCompletion]
    public object? Subnet { get; set; }

    /// <summary><para type="description">The flavor (provider) to use, on clouds with VPN flavors.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Field("flavor_id")]
    public string? FlavorId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() => Create();
}
