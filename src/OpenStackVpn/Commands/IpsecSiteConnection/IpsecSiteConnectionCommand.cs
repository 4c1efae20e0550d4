using System.Management.Automation;
using System.Security;
using OpenStackVpn.Completion;

namespace OpenStackVpn.Commands;

/// <summary>The fields of an IPsec site connection that both New- and Set-IpsecSiteConnection take.</summary>
public abstract class IpsecSiteConnectionCommand : WriteResourceCommand<IpsecSiteConnection>
{
    /// <summary><para type="description">The peer gateway's public IP address or host name.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Field("peer_address")]
    public virtual string? PeerAddress { get; set; }

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

    /// <summary><para type="description">The peer's private CIDRs (legacy mode: the VPN service
    /// has a subnet).</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("peer_cidrs")]
    public string[]? PeerCidr { get; set; }

    /// <summary><para type="description">The local endpoint group, of type subnet (endpoint-group mode): an object, id
    /// or unique name.</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("local_ep_group_id")]
    [ReferenceCompletion]
    public object? LocalEndpointGroup { get; set; }

    /// <summary><para type="description">The peer endpoint group, of type cidr (endpoint-group mode): an object, id
    /// or unique name.</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("peer_ep_group_id")]
    [ReferenceCompletion]
    public object? PeerEndpointGroup { get; set; }

    /// <summary><para type="description">The pre-shared key; in Set, a new one rotates it.</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("psk")]
    public virtual SecureString? Psk { get; set; }

    /// <summary><para type="description">The MTU: at least 68 for IPv4 peers, 1280 for IPv6
    /// (default 1500).</para></summary>
    [Parameter]
    [Field("mtu")]
    public int Mtu { get; set; }

    /// <summary><para type="description">bi-directional (default) or response-only.</para></summary>
    [Parameter]
    [AllowedValues(typeof(IpsecSiteConnection), "initiator")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    [Field("initiator")]
    public string? Initiator { get; set; }

    /// <summary><para type="description">What to do when the peer is dead: hold (default), clear, disabled, restart or
    /// restart-by-peer.</para></summary>
    [Parameter]
    [AllowedValues(typeof(IpsecSiteConnection), "dpd.action")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    [Field("dpd.action")]
    public string? DpdAction { get; set; }

    /// <summary><para type="description">Seconds between dead-peer probes (default 30).</para></summary>
    [Parameter]
    [Field("dpd.interval")]
    public int DpdInterval { get; set; }

    /// <summary><para type="description">Seconds without an answer before the peer is dead (default 120); greater than
    /// the interval.</para></summary>
    [Parameter]
    [Field("dpd.timeout")]
    public int DpdTimeout { get; set; }

    /// <summary><para type="description">Whether the connection is administratively up (default true).</para></summary>
    [Parameter]
    [Field("admin_state_up")]
    public bool AdminStateUp { get; set; }

    /// <summary><para type="description">Include the pre-shared key in the output, as a SecureString (read it with
    /// ConvertFrom-SecureString -AsPlainText). Without it, Psk is empty.</para></summary>
    [Parameter]
    public SwitchParameter IncludeSecret { get; set; }

    /// <inheritdoc/>
    protected override bool IncludesSecrets => IncludeSecret;
}
