using System.Management.Automation;
using OpenStackVpn.Completion;
using System.Security;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Resources;
using OpenStackVpn.Core.Resources.Rules;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Changes an IPsec site connection: peer, CIDRs, PSK, DPD, MTU, admin state, name.</para>
/// <para type="description">Sends only what is named (a partial DPD change keeps the rest). -Psk rotates the pre-shared key; -LocalId '' and -Description '' clear them. The service and policies cannot change, and a connection cannot switch between peer CIDRs and endpoint groups. Neutron refuses changes while the connection is PENDING_*.</para>
/// </summary>
/// <example>
/// <code>Get-IpsecSiteConnection vpnconnection1 | Set-IpsecSiteConnection -Psk (Read-Host -AsSecureString 'New PSK')</code>
/// <para>Rotates the pre-shared key.</para>
/// </example>
/// <example>
/// <code>Set-IpsecSiteConnection -Id $id -DpdTimeout 240 -PassThru</code>
/// <para>Raises the DPD timeout and shows the result.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "IpsecSiteConnection", SupportsShouldProcess = true, DefaultParameterSetName = "Id")]
[OutputType(typeof(IpsecSiteConnection))]
public sealed class SetIpsecSiteConnectionCommand : SetResourceCommand<IpsecSiteConnection>
{
    /// <summary><para type="description">The peer gateway's public IP address or host name.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Field("peer_address")]
    public string? PeerAddress { get; set; }

    /// <summary><para type="description">The peer's identity.</para></summary>
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

    /// <summary><para type="description">The new pre-shared key (rotates it).</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("psk")]
    public SecureString? Psk { get; set; }

    /// <summary><para type="description">The MTU: at least 68 for IPv4 peers, 1280 for IPv6.</para></summary>
    [Parameter]
    [Field("mtu")]
    public int Mtu { get; set; }

    /// <summary><para type="description">bi-directional (default) or response-only.</para></summary>
    [Parameter]
    [ValidateSet("bi-directional", "response-only")]
    [Field("initiator")]
    public string? Initiator { get; set; }

    /// <summary><para type="description">What to do when the peer is dead: hold, clear, disabled, restart or restart-by-peer.</para></summary>
    [Parameter]
    [ValidateSet("clear", "disabled", "hold", "restart", "restart-by-peer")]
    [Field("dpd.action")]
    public string? DpdAction { get; set; }

    /// <summary><para type="description">Seconds between dead-peer probes.</para></summary>
    [Parameter]
    [Field("dpd.interval")]
    public int DpdInterval { get; set; }

    /// <summary><para type="description">Seconds without an answer before the peer is dead; greater than the interval.</para></summary>
    [Parameter]
    [Field("dpd.timeout")]
    public int DpdTimeout { get; set; }

    /// <summary><para type="description">Whether the connection is administratively up.</para></summary>
    [Parameter]
    [Field("admin_state_up")]
    public bool AdminStateUp { get; set; }


    /// <summary><para type="description">Cannot change; given, it is refused with the reason.</para></summary>
    [Parameter]
    [Field("vpnservice_id")]
    public object? VpnService { get; set; }

    /// <summary><para type="description">Cannot change; given, it is refused with the reason.</para></summary>
    [Parameter]
    [Field("ikepolicy_id")]
    public object? IkePolicy { get; set; }

    /// <summary><para type="description">Cannot change; given, it is refused with the reason.</para></summary>
    [Parameter]
    [Field("ipsecpolicy_id")]
    public object? IpsecPolicy { get; set; }

    /// <summary><para type="description">Include the pre-shared key in the output, as a SecureString (read it with ConvertFrom-SecureString -AsPlainText). Without it, Psk is empty.</para></summary>
    [Parameter]
    public SwitchParameter IncludeSecret { get; set; }

    /// <inheritdoc/>
    protected override bool IncludesSecrets => IncludeSecret;

    /// <inheritdoc/>
    protected override ResourceKind<IpsecSiteConnection> Kind => VpnResources.IpsecSiteConnection;

    /// <inheritdoc/>
    protected override void ResolveReferences(OpenStackSession session, JObject changes, IpsecSiteConnection current)
    {
        var local = LocalEndpointGroup == null ? null : Resolve(session, VpnResources.VpnEndpointGroup, LocalEndpointGroup, nameof(LocalEndpointGroup));
        var peer = PeerEndpointGroup == null ? null : Resolve(session, VpnResources.VpnEndpointGroup, PeerEndpointGroup, nameof(PeerEndpointGroup));
        IpsecSiteConnectionRules.CheckEndpointGroups(local, peer);
        if (local != null)
        {
            changes["local_ep_group_id"] = local.Id;
        }

        if (peer != null)
        {
            changes["peer_ep_group_id"] = peer.Id;
        }
    }
}
