using System;
using System.Management.Automation;
using System.Security;
using OpenStackVpn.Completion;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Creates an IPsec site connection.</para>
/// <para type="description">References (-VpnService, -IkePolicy, -IpsecPolicy, endpoint groups) take an object, an id
/// or a unique name. Every rule that can be known before the call is checked first: CIDRs, MTU, DPD, and legacy mode
/// (the service has a subnet: -PeerCidr) versus endpoint-group mode (no subnet: -LocalEndpointGroup and
/// -PeerEndpointGroup). -Wait waits until the connection is ACTIVE.</para>
/// </summary>
/// <example>
/// <code>
/// $psk = ConvertTo-SecureString 'example-key-1' -AsPlainText -Force   # or: Read-Host -AsSecureString
/// New-IpsecSiteConnection -Name branch-1 -VpnService vpnservice1 -IkePolicy ikepolicy1 -IpsecPolicy ipsecpolicy1 `
///     -PeerAddress 203.0.113.10 -PeerCidr 10.61.0.0/24 -Psk $psk</code>
/// <para>Creates a legacy-mode connection to 172.24.4.226 for the peer network 10.1.0.0/24.</para>
/// </example>
/// <example>
/// <code>
/// $psk = ConvertTo-SecureString 'example-key-2' -AsPlainText -Force
/// $vpn = New-VpnService -Name example-vpn2 -Router router1
/// $locals = New-VpnEndpointGroup -Name example-locals -Type subnet -Endpoint private-subnet
/// $peers = New-VpnEndpointGroup -Name example-peers -Type cidr -Endpoint 10.62.0.0/24, 10.63.0.0/24
/// New-IpsecSiteConnection -Name branch-2 -VpnService $vpn -IkePolicy ikepolicy1 -IpsecPolicy ipsecpolicy1 `
///     -PeerAddress 203.0.113.20 -LocalEndpointGroup $locals -PeerEndpointGroup $peers -Psk $psk `
///     -Wait -WaitTimeoutSec 300</code>
/// <para>Creates an endpoint-group-mode connection and waits up to five minutes for it to become ACTIVE.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "IpsecSiteConnection", SupportsShouldProcess = true)]
[OutputType(typeof(IpsecSiteConnection))]
public sealed class NewIpsecSiteConnectionCommand : IpsecSiteConnectionCommand
{
    /// <summary><para type="description">The VPN service: an object, id or unique name.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    [Field("vpnservice_id")]
    [ReferenceCompletion]
    public object VpnService { get; set; } = null!;

    /// <summary><para type="description">The IKE policy: an object, id or unique name.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    [Field("ikepolicy_id")]
    [ReferenceCompletion]
    public object IkePolicy { get; set; } = null!;

    /// <summary><para type="description">The IPsec policy: an object, id or unique name.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    [Field("ipsecpolicy_id")]
    [ReferenceCompletion]
    public object IpsecPolicy { get; set; } = null!;

    /// <summary><para type="description">The peer gateway's public IP address or host name.</para></summary>
    /// <remarks>Required to create: PowerShell reads a parameter's attributes from its most derived declaration only,
    /// so this one states them all.</remarks>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [Field("peer_address")]
    public override string? PeerAddress { get => base.PeerAddress; set => base.PeerAddress = value; }

    /// <summary><para type="description">The pre-shared key.</para></summary>
    /// <remarks>Required to create; see <see cref="PeerAddress"/>.</remarks>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    [Field("psk")]
    public override SecureString? Psk { get => base.Psk; set => base.Psk = value; }

    /// <summary><para type="description">The availability zone, on clouds that have one for VPN connections (sent
    /// only when given).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Field("availability_zone")]
    public string? AvailabilityZone { get; set; }

    /// <summary><para type="description">Wait until the connection is ACTIVE before writing it.</para></summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary><para type="description">With -Wait: how long to wait, in seconds (default 600).</para></summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int WaitTimeoutSec { get; set; } = 600;

    /// <summary><para type="description">With -Wait: seconds between polls (default 5).</para></summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int PollIntervalSec { get; set; } = 5;

    /// <inheritdoc/>
    protected override void ProcessRecord() => Create(created =>
        Wait
            ? WaitResourceCommand<IpsecSiteConnection>.WaitFor(this, RequireSession(), Kind, created.Id, "ACTIVE",
            TimeSpan.FromSeconds(WaitTimeoutSec), TimeSpan.FromSeconds(PollIntervalSec)) : created);
}
