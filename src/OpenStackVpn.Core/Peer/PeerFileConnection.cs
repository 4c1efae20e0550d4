using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// What a peer's file says about one connection: the <see cref="PeerSettings"/> (in strongSwan's vocabulary, the peer's
/// side "local"), where each value was written (file:line), and what a format's words mean beyond the settings
/// (proposals by meaning, "either IKE version", wildcards). Every reader produces these; the comparison consumes them.
/// </summary>
public sealed class PeerFileConnection
{
    private readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);

    /// <summary>A connection named <paramref name="name"/>, declared at <paramref name="where"/> (file:line).</summary>
    public PeerFileConnection(string name, string where)
    {
        Name = name;
        Where = where;
        Settings.Name = name;
    }

    /// <summary>What <paramref name="settings"/> say, with no file behind them (proposals read in strongSwan's
    /// words).</summary>
    public static PeerFileConnection Of(PeerSettings settings)
    {
        var c = new PeerFileConnection(settings?.Name ?? "", "(settings)", settings!);
        c.IkeProposals = ProposalMeaning.ParseList(settings!.IkeProposal, ike: true, libreswan: false);
        c.ChildProposals = ProposalMeaning.ParseList(settings.ChildProposal, ike: false, libreswan: false);
        return c;
    }

    private PeerFileConnection(string name, string where, PeerSettings settings)
    {
        Name = name;
        Where = where;
        Settings = settings;
    }

    /// <summary>The connection's name in the file.</summary>
    public string Name { get; }

    /// <summary>file:line of its declaration.</summary>
    public string Where { get; }

    /// <summary>The values, in strongSwan's words; unset ones are the format's defaults.</summary>
    public PeerSettings Settings { get; } = new();

    /// <summary>The reader that produced it (swanctl, ipsec.conf, Libreswan, or a vendor's).</summary>
    public string Format { get; set; } = "";

    /// <summary>True when the peer accepts both IKE versions (swanctl version = 0, ipsec.conf
    /// keyexchange=ike).</summary>
    public bool EitherIkeVersion { get; set; }

    /// <summary>Phase-1 proposals by meaning (what the peer would accept).</summary>
    public IReadOnlyList<ProposalMeaning> IkeProposals { get; set; } = Array.Empty<ProposalMeaning>();

    /// <summary>Phase-2 proposals by meaning.</summary>
    public IReadOnlyList<ProposalMeaning> ChildProposals { get; set; } = Array.Empty<ProposalMeaning>();

    /// <summary>True when phase 2 uses the phase-1 group for PFS when its proposal names none (Libreswan's
    /// pfs=yes).</summary>
    public bool PfsFromIkeGroup { get; set; }

    /// <summary>True when the peer's own address is a wildcard (%any, %defaultroute): it uses its interface's
    /// address.</summary>
    public bool LocalAddressIsWildcard => IsWildcard(Settings.LocalAddress);

    /// <summary>True when the remote address is a wildcard: the peer can only answer.</summary>
    public bool RemoteAddressIsWildcard => IsWildcard(Settings.RemoteAddress);

    /// <summary>
    /// True when the file's sides are not fixed (ipsec.conf's left and right: the gateway takes as its own the side
    /// whose
    /// address it has), so the file's "right" may be the peer.
    /// </summary>
    public bool SidesInterchangeable { get; set; }

    /// <summary>Where the pre-shared key was found (file:line), when it was.</summary>
    public string? PskSource { get; set; }

    /// <summary>Other things worth saying about how the connection was read.</summary>
    public List<string> Notes { get; } = new();

    /// <summary>Where the value of a <see cref="PeerSettings"/> property was written, or the connection's
    /// declaration.</summary>
    public string SourceOf(string property) => _sources.TryGetValue(property, out var where) ? where : Where
        + " (default)";

    /// <summary>Records where a property's value was written.</summary>
    public void SetSource(string property, string? where)
    {
        if (where != null)
        {
            _sources[property] = where;
        }
    }

    /// <summary>The same connection seen from the other side: local and remote exchanged, with their sources.</summary>
    public void Swap()
    {
        var s = Settings;
        (s.LocalAddress, s.RemoteAddress) = (s.RemoteAddress, s.LocalAddress);
        (s.LocalId, s.RemoteId) = (s.RemoteId, s.LocalId);
        (s.LocalSubnets, s.RemoteSubnets) = (s.RemoteSubnets, s.LocalSubnets);
        foreach (var (a, b) in new[]
        {
            (nameof(s.LocalAddress), nameof(s.RemoteAddress)), (nameof(s.LocalId), nameof(s.RemoteId)),
            (nameof(s.LocalSubnets), nameof(s.RemoteSubnets)),
        })
        {
            var hasA = _sources.TryGetValue(a, out var sa);
            var hasB = _sources.TryGetValue(b, out var sb);
            _sources.Remove(a);
            _sources.Remove(b);
            if (hasA)
            {
                _sources[b] = sa!;
            }

            if (hasB)
            {
                _sources[a] = sb!;
            }
        }
    }

    /// <summary>%any, %any4, %any6, %defaultroute, 0.0.0.0, ::, or nothing.</summary>
    public static bool IsWildcard(string? address) =>
        string.IsNullOrEmpty(address) || address!.StartsWith("%any", StringComparison.OrdinalIgnoreCase)
        || address.Equals("%defaultroute", StringComparison.OrdinalIgnoreCase)
        || address.Equals("%default", StringComparison.OrdinalIgnoreCase) || address == "0.0.0.0" || address == "::";

    /// <inheritdoc/>
    public override string ToString() => $"{Format} connection '{Name}' ({Where})";
}

/// <summary>A peer file read: every connection it holds, and what was noticed while reading.</summary>
public sealed class PeerFile
{
    internal PeerFile(string path, string format, IReadOnlyList<PeerFileConnection> connections,
        IReadOnlyList<string> notes)
    {
        Path = path;
        Format = format;
        Connections = connections;
        Notes = notes;
    }

    /// <summary>The file given.</summary>
    public string Path { get; }

    /// <summary>The reader that understood it.</summary>
    public string Format { get; }

    /// <summary>The connections, in file order (templates and %default excluded).</summary>
    public IReadOnlyList<PeerFileConnection> Connections { get; }

    /// <summary>Includes that matched nothing, limits reached, keys not understood.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Format} file {Path}: {string.Join(", ", Connections.Select(c => c.Name))}";
}
