using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Peer;

namespace OpenStackVpn.Core.Pair;

/// <summary>
/// Two connections meant to be each other's peer, compared with the rules of Test-IpsecSiteConnection -PeerConfig: each
/// end is read from its own cloud and turned into the settings of a peer gateway, which the other end then checks as it
/// would check a peer's file. Every field both must agree on is compared, the key too, never shown.
/// </summary>
public static class PairComparison
{
    /// <summary>Reads both connections (with their keys, which their owners may read) and compares them both
    /// ways.</summary>
    public static async Task<IReadOnlyList<ConnectionFinding>> CompareAsync(OpenStackSession session,
        string connectionId,
        OpenStackSession peerSession, string peerConnectionId, ILogSink log, CancellationToken cancel)
    {
        var local = await PeerSiteReader.ReadAsync(session, connectionId, log, cancel).ConfigureAwait(false);
        var peer = await PeerSiteReader.ReadAsync(peerSession, peerConnectionId, log, cancel).ConfigureAwait(false);
        try
        {
            return Compare(local, peer);
        }
        finally
        {
            local.Connection.ForgetSecrets();
            peer.Connection.ForgetSecrets();
        }
    }

    /// <summary>
    /// The findings of each end checking the other as its peer gateway: first the local end's (its connection id), then
    /// the peer end's. A difference shows on both ends, each in its own terms (Found is the other end, Expected this
    /// one).
    /// </summary>
    public static IReadOnlyList<ConnectionFinding> Compare(PeerSite local, PeerSite peer) =>
        ConnectionDiagnosis.PeerConfigChecks(local, AsGateway(peer), Severity(local))
            .Concat(ConnectionDiagnosis.PeerConfigChecks(peer, AsGateway(local), Severity(peer)))
            .ToList();

    /// <summary>
    /// One end as the other sees it: a peer gateway whose own side is this cloud's (its service address, local id,
    /// networks) and whose remote side is this connection's peer. The mirror of <see cref="PeerSite.Expected"/>.
    /// </summary>
    public static PeerSettings AsGateway(PeerSite site)
    {
        var expected = site.Expected();
        return new PeerSettings
        {
            Name = expected.Name,
            IkeVersion = expected.IkeVersion,
            LocalAddress = expected.RemoteAddress,
            RemoteAddress = expected.LocalAddress,
            LocalId = expected.RemoteId,
            RemoteId = expected.LocalId,
            LocalSubnets = expected.RemoteSubnets,
            RemoteSubnets = expected.LocalSubnets,
            IkeProposal = expected.IkeProposal,
            ChildProtocol = expected.ChildProtocol,
            ChildProposal = expected.ChildProposal,
            IkeLifetime = expected.IkeLifetime,
            ChildLifetime = expected.ChildLifetime,
            Aggressive = expected.Aggressive,
            DpdDelay = expected.DpdDelay,
            DpdTimeout = expected.DpdTimeout,
            DpdAction = expected.DpdAction,
            Mode = expected.Mode,
            // A bi-directional end starts the tunnel itself; a response-only end only waits.
            StartAction = site.Connection.Initiator == "response-only" ? "route" : "start",
            Mtu = expected.Mtu,
            Psk = expected.Psk,
        };
    }

    // A connection that is not up, although the other end matches it, means the other end does not answer.
    private static FindingSeverity Severity(PeerSite site) =>
        site.Connection.Status is "DOWN" or "ERROR" ? FindingSeverity.Error : FindingSeverity.Ok;
}
