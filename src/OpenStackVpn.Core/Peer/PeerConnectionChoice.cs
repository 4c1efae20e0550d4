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
        var found = $"{best.Connection.Format} connection '{best.Connection.Name}', {how}{side}"
            + (notes.Count > 0 ? " (" + string.Join("; ", notes) + ")" : "");
        if (IkeTwin(file, best.Connection) is { } twin)
        {
            // The cloud's strongSwan (starter) merges conns of one router whose IKE settings are equal and asks for
            // the second CHILD_SA inside the first one's IKE SA; charon answers from the children of that IKE SA's
            // own connection only (seen in the tunnel lab: TS_UNACCEPTABLE for the second).
            return (best.Connection, new ConnectionFinding(id, "PeerConfig.Connection", FindingSeverity.Warning,
                $"{found}; '{IkeName(twin)}' is another swanctl connection with the same addresses, ids and IKE "
                    + "settings",
                "one swanctl connection with a child for each cloud connection",
                "The cloud negotiates both inside one IKE SA, and charon looks for the second one among the first "
                    + "one's children only: make them children of one connection (Export-IpsecPeerConfig -Path "
                    + "with both connections writes it so).", best.Connection.Where));
        }

        return (best.Connection, new ConnectionFinding(id, "PeerConfig.Connection", FindingSeverity.Ok, found,
            source: best.Connection.Where));
    }

    // Another swanctl connection (not a child of the same one) that the cloud would negotiate in the same IKE SA.
    private static PeerFileConnection? IkeTwin(PeerFile file, PeerFileConnection chosen)
    {
        if (chosen.Format != nameof(PeerConfigFormat.Swanctl))
        {
            return null;
        }

        var key = PeerConfigWriter.IkeSaKey(chosen.Settings);
        return file.Connections.FirstOrDefault(c => IkeName(c) != IkeName(chosen)
            && PeerConfigWriter.IkeSaKey(c.Settings) == key);
    }

    private static string IkeName(PeerFileConnection c) => c.Name.Split('/')[0];

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
