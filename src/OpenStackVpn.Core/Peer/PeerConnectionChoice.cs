using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// Picks, among the connections of a peer file, the one that configures this cloud connection: by the addresses, the
/// ids and
/// the traffic selectors (in either orientation where the format's sides are interchangeable), and says which it
/// compared.
/// </summary>
public static class PeerConnectionChoice
{
    /// <summary>The least score that counts as "this is ours" when a file holds several connections.</summary>
    private const int Enough = 4;

    /// <summary>The connection to compare (null when none of several fits) and the finding that says which one and
    /// why.</summary>
    public static (PeerFileConnection? Chosen, ConnectionFinding Finding) Choose(PeerFile file, PeerSite site)
    {
        var expected = site.Expected();
        var id = site.Connection.Id;
        var scored = new List<(PeerFileConnection Connection, int Score, bool Swap)>();
        foreach (var c in file.Connections)
        {
            var straight = Score(c.Settings, expected);
            var swapped = c.SidesInterchangeable ? Score(Swapped(c.Settings), expected) : -1;
            scored.Add((c, System.Math.Max(straight, swapped), swapped > straight));
        }

        var best = scored.OrderByDescending(s => s.Score).First();
        var names = string.Join(", ", file.Connections.Select(c => $"'{c.Name}' ({c.Where})"));
        if (file.Connections.Count > 1 && best.Score < Enough)
        {
            return (null, new ConnectionFinding(id, "PeerConfig.Connection", FindingSeverity.Error,
                $"none of the {file.Connections.Count} connections of the file is this one: {names}",
                $"a connection between {expected.LocalAddress} and {expected.RemoteAddress}, or for " +
                    $"{string.Join(",", expected.LocalSubnets)}",
                "Point -PeerConfig at the peer's file for this connection, or check its addresses, ids and subnets.",
                    file.Path));
        }

        if (best.Swap)
        {
            best.Connection.Swap();
        }

        var others = file.Connections.Count - 1;
        var how = file.Connections.Count == 1
            ? "the file's only connection"
            : $"chosen by its addresses, ids and subnets among {others} other{(others == 1 ? "" : "s")}";
        var side = best.Swap ? "; the file's 'right' side is the peer" : "";
        var notes = best.Connection.Notes.Concat(file.Notes).ToList();
        return (best.Connection, new ConnectionFinding(id, "PeerConfig.Connection", FindingSeverity.Ok,
            $"{best.Connection.Format} connection '{best.Connection.Name}', {how}{side}"
            + (notes.Count > 0 ? " (" + string.Join("; ", notes) + ")" : ""),
            source: best.Connection.Where));
    }

    private static int Score(PeerSettings found, PeerSettings expected)
    {
        var score = 0;
        score += Address(found.LocalAddress, expected.LocalAddress, 4);
        score += Address(found.RemoteAddress, expected.RemoteAddress, 4);
        score += PeerIdentity.SameText(found.LocalId, expected.LocalId) ? 2 : 0;
        score += PeerIdentity.SameText(found.RemoteId, expected.RemoteId) ? 2 : 0;
        score += found.LocalSubnets.Any(f => expected.LocalSubnets.Any(e => ConnectionDiagnosis.Overlaps(f, e))) ? 2
            : 0;
        score += found.RemoteSubnets.Any(f => expected.RemoteSubnets.Any(e => ConnectionDiagnosis.Overlaps(f, e))) ? 2
            : 0;
        return score;
    }

    private static int Address(string? found, string? expected, int weight) =>
        IPAddress.TryParse(found ?? "", out var a) && IPAddress.TryParse(expected ?? "", out var b)
            ? (a.Equals(b) ? weight : 0)
            : 0;

    private static PeerSettings Swapped(PeerSettings s) => new()
    {
        LocalAddress = s.RemoteAddress,
        RemoteAddress = s.LocalAddress,
        LocalId = s.RemoteId,
        RemoteId = s.LocalId,
        LocalSubnets = s.RemoteSubnets,
        RemoteSubnets = s.LocalSubnets,
    };
}
