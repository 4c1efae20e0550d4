using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Pair;

/// <summary>One end of a site pair: the session it lives in and the objects made there.</summary>
public sealed class SitePairSide
{
    internal SitePairSide(string role, OpenStackSession session)
    {
        Role = role;
        Session = session;
    }

    /// <summary>"Local" (-Session) or "Peer" (-PeerSession).</summary>
    public string Role { get; }

    /// <summary>The session of this end's cloud or project.</summary>
    public OpenStackSession Session { get; }

    /// <summary>"project admin at http://keystone:5000/v3", as messages name this end.</summary>
    public string Where => SitePairPlan.Describe(Session);

    /// <summary>The IKE policy made for the pair.</summary>
    public IkePolicy? IkePolicy { get; internal set; }

    /// <summary>The IPsec policy made for the pair.</summary>
    public IpsecPolicy? IpsecPolicy { get; internal set; }

    /// <summary>The VPN service made for the pair.</summary>
    public VpnService? VpnService { get; internal set; }

    /// <summary>In endpoint-group mode, the peer endpoint group (the other end's CIDRs) made for the pair.</summary>
    public VpnEndpointGroup? PeerEndpointGroup { get; internal set; }

    /// <summary>The connection to the other end.</summary>
    public IpsecSiteConnection? Connection { get; internal set; }

    /// <summary>The connection's status.</summary>
    public string? Status => Connection?.Status;

    /// <summary>The address the other end connects to (the VPN service's external address).</summary>
    public string? Address => VpnService?.ExternalV4Ip ?? VpnService?.ExternalV6Ip;

    /// <summary>The objects made, in the order they were made.</summary>
    public IEnumerable<NeutronResource> Objects =>
        new NeutronResource?[] { IkePolicy, IpsecPolicy, VpnService, PeerEndpointGroup, Connection }
            .OfType<NeutronResource>();
}

/// <summary>Two IPsec site connections that are each other's peer, in two clouds, regions or projects.</summary>
public sealed class IpsecSitePair
{
    internal IpsecSitePair(string name, SitePairSide local, SitePairSide peer)
    {
        Name = name;
        Local = local;
        Peer = peer;
    }

    /// <summary>The pair's name; every object made for it is named after it.</summary>
    public string Name { get; }

    /// <summary>The end of -Session.</summary>
    public SitePairSide Local { get; }

    /// <summary>The end of -PeerSession.</summary>
    public SitePairSide Peer { get; }

    /// <summary>Both connections' statuses, e.g. "ACTIVE/ACTIVE".</summary>
    public string Status => $"{Local.Status}/{Peer.Status}";

    /// <summary>Both ends.</summary>
    public IReadOnlyList<SitePairSide> Sides => new[] { Local, Peer };

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Local.Address} <-> {Peer.Address})";
}
