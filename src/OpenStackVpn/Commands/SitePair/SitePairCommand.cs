using System.Collections.Generic;
using System.Management.Automation;
using OpenStackVpn.Core.Pair;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>What the cmdlets that take an existing site pair share: the pair object, or its two connections.</summary>
public abstract class SitePairCommand : OpenStackCmdlet
{
    /// <summary><para type="description">A pair from New-IpsecSitePair; each end is read in its own
    /// session.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "InputObject")]
    [ValidateNotNull]
    public IpsecSitePair? InputObject { get; set; }

    /// <summary><para type="description">This end's connection, in -Session: an object, id or unique
    /// name.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Connection")]
    [ValidateNotNull]
    public object Connection { get; set; } = null!;

    /// <summary><para type="description">The other end's connection, in -PeerSession: an object, id or unique
    /// name.</para></summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = "Connection")]
    [ValidateNotNull]
    public object PeerConnection { get; set; } = null!;

    /// <summary><para type="description">The session of the other end; by default the same as
    /// -Session.</para></summary>
    [Parameter(ParameterSetName = "Connection")]
    [ValidateNotNull]
    public OpenStackSession? PeerSession { get; set; }

    /// <summary>Both ends: the session and the connection's id, this end first.</summary>
    protected IReadOnlyList<(OpenStackSession Session, string ConnectionId)> Ends()
    {
        if (InputObject != null)
        {
            return new[]
            {
                (InputObject.Local.Session, InputObject.Local.Connection!.Id),
                (InputObject.Peer.Session, InputObject.Peer.Connection!.Id),
            };
        }

        var session = RequireSession();
        var peerSession = PeerSession ?? session;
        var kind = VpnResources.IpsecSiteConnection;
        return new[]
        {
            (session, Resolve(session, kind, Connection, nameof(Connection)).Id),
            (peerSession, Resolve(peerSession, kind, PeerConnection, nameof(PeerConnection)).Id),
        };
    }
}
