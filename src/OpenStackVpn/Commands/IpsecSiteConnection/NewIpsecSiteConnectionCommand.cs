using System;
using System.Management.Automation;
using OpenStackVpn.Completion;
using System.Security;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Resources;
using OpenStackVpn.Core.Resources.Rules;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Creates an IPsec site connection.</para>
/// <para type="description">References (-VpnService, -IkePolicy, -IpsecPolicy, endpoint groups) take an object, an id or a unique name. Every rule that can be known before the call is checked first: CIDRs, MTU, DPD, and legacy mode (the service has a subnet: -PeerCidr) versus endpoint-group mode (no subnet: -LocalEndpointGroup and -PeerEndpointGroup). -Wait waits until the connection is ACTIVE.</para>
/// </summary>
/// <example>
/// <code>New-IpsecSiteConnection -Name vpnconnection1 -VpnService vpn1 -IkePolicy ike1 -IpsecPolicy ipsec1 -PeerAddress 172.24.4.226 -PeerCidr 10.1.0.0/24 -Psk (Read-Host -AsSecureString)</code>
/// <para>Creates a legacy-mode connection to 172.24.4.226 for the peer network 10.1.0.0/24.</para>
/// </example>
/// <example>
/// <code>New-IpsecSiteConnection -Name c2 -VpnService vpn2 -IkePolicy ike1 -IpsecPolicy ipsec1 -PeerAddress 172.24.4.227 -LocalEndpointGroup locals -PeerEndpointGroup peers -Psk $psk -Wait -WaitTimeoutSec 300</code>
/// <para>Creates an endpoint-group-mode connection and waits up to five minutes for it to become ACTIVE.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "IpsecSiteConnection", SupportsShouldProcess = true)]
[OutputType(typeof(IpsecSiteConnection))]
public sealed class NewIpsecSiteConnectionCommand : NewResourceCommand<IpsecSiteConnection>
{
    /// <summary><para type="description">The VPN service: an object, id or unique name.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    [Field("vpnservice_id")]
    [VpnServiceCompletion]
    public object VpnService { get; set; } = null!;

    /// <summary><para type="description">The IKE policy: an object, id or unique name.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    [Field("ikepolicy_id")]
    [IkePolicyCompletion]
    public object IkePolicy { get; set; } = null!;

    /// <summary><para type="description">The IPsec policy: an object, id or unique name.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    [Field("ipsecpolicy_id")]
    [IpsecPolicyCompletion]
    public object IpsecPolicy { get; set; } = null!;

    /// <summary><para type="description">The peer gateway's public IP address or host name.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [Field("peer_address")]
    public string PeerAddress { get; set; } = null!;

    /// <summary><para type="description">The peer's identity (default: the peer address).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Field("peer_id")]
    public string? PeerId { get; set; }

    /// <summary><para type="description">This side's identity; empty means the router's external IP.</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("local_id")]
    public string? LocalId { get; set; }

    /// <summary><para type="description">The peer's private CIDRs (legacy mode: the VPN service has a subnet).</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("peer_cidrs")]
    public string[]? PeerCidr { get; set; }

    /// <summary><para type="description">The local endpoint group, of type subnet (endpoint-group mode): an object, id or unique name.</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("local_ep_group_id")]
    [LocalEndpointGroupCompletion]
    public object? LocalEndpointGroup { get; set; }

    /// <summary><para type="description">The peer endpoint group, of type cidr (endpoint-group mode): an object, id or unique name.</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("peer_ep_group_id")]
    [PeerEndpointGroupCompletion]
    public object? PeerEndpointGroup { get; set; }

    /// <summary><para type="description">The pre-shared key.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    [Field("psk")]
    public SecureString Psk { get; set; } = null!;

    /// <summary><para type="description">The MTU: at least 68 for IPv4 peers, 1280 for IPv6 (default 1500).</para></summary>
    [Parameter]
    [Field("mtu")]
    public int Mtu { get; set; }

    /// <summary><para type="description">bi-directional (default) or response-only.</para></summary>
    [Parameter]
    [ValidateSet("bi-directional", "response-only")]
    [Field("initiator")]
    public string? Initiator { get; set; }

    /// <summary><para type="description">What to do when the peer is dead: hold (default), clear, disabled, restart or restart-by-peer.</para></summary>
    [Parameter]
    [ValidateSet("clear", "disabled", "hold", "restart", "restart-by-peer")]
    [Field("dpd.action")]
    public string? DpdAction { get; set; }

    /// <summary><para type="description">Seconds between dead-peer probes (default 30).</para></summary>
    [Parameter]
    [Field("dpd.interval")]
    public int DpdInterval { get; set; }

    /// <summary><para type="description">Seconds without an answer before the peer is dead (default 120); greater than the interval.</para></summary>
    [Parameter]
    [Field("dpd.timeout")]
    public int DpdTimeout { get; set; }

    /// <summary><para type="description">Whether the connection is administratively up (default true).</para></summary>
    [Parameter]
    [Field("admin_state_up")]
    public bool AdminStateUp { get; set; } = true;


    /// <summary><para type="description">The availability zone, on clouds that have one for VPN connections (sent only when given).</para></summary>
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

    /// <summary><para type="description">Include the pre-shared key in the output, as a SecureString (read it with ConvertFrom-SecureString -AsPlainText). Without it, Psk is empty.</para></summary>
    [Parameter]
    public SwitchParameter IncludeSecret { get; set; }

    /// <inheritdoc/>
    protected override bool IncludesSecrets => IncludeSecret;

    /// <inheritdoc/>
    protected override ResourceKind<IpsecSiteConnection> Kind => VpnResources.IpsecSiteConnection;

    /// <inheritdoc/>
    protected override void ResolveReferences(OpenStackSession session, JObject body)
    {
        var service = Resolve(session, VpnResources.VpnService, VpnService, nameof(VpnService));
        body["vpnservice_id"] = service.Id;
        body["ikepolicy_id"] = Resolve(session, VpnResources.IkePolicy, IkePolicy, nameof(IkePolicy)).Id;
        body["ipsecpolicy_id"] = Resolve(session, VpnResources.IpsecPolicy, IpsecPolicy, nameof(IpsecPolicy)).Id;
        IpsecSiteConnectionRules.CheckMode(body, service);
        var local = LocalEndpointGroup == null ? null : Resolve(session, VpnResources.VpnEndpointGroup, LocalEndpointGroup, nameof(LocalEndpointGroup));
        var peer = PeerEndpointGroup == null ? null : Resolve(session, VpnResources.VpnEndpointGroup, PeerEndpointGroup, nameof(PeerEndpointGroup));
        IpsecSiteConnectionRules.CheckEndpointGroups(local, peer);
        if (local != null)
        {
            body["local_ep_group_id"] = local.Id;
        }

        if (peer != null)
        {
            body["peer_ep_group_id"] = peer.Id;
        }
    }

    /// <inheritdoc/>
    protected override IpsecSiteConnection AfterCreate(OpenStackSession session, IpsecSiteConnection created) =>
        Wait ? WaitResourceCommand<IpsecSiteConnection>.WaitFor(this, session, Kind, created.Id, "ACTIVE", TimeSpan.FromSeconds(WaitTimeoutSec), TimeSpan.FromSeconds(PollIntervalSec)) : created;
}
