using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>A configuration written as "set a b c value" lines (Junos, PAN-OS, VyOS), split into words.</summary>
internal sealed class SetCommands
{
    private readonly List<List<string>> _lines;

    public SetCommands(string text, Func<string, List<string>> words)
    {
        _lines = text.Replace("\r", "").Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith("set ", StringComparison.Ordinal)).Select(l => words(l).Skip(1).ToList()).ToList();
    }

    /// <summary>The words after <paramref name="path"/> on every line that starts with it.</summary>
    public IEnumerable<List<string>> Under(params string[] path) =>
        _lines.Where(l => l.Count >= path.Length && path.Select((p, i) => l[i] == p).All(b => b)).Select(l =>
            l.Skip(path.Length).ToList());

    /// <summary>The value after <paramref name="path"/> (the rest of the first matching line), or null.</summary>
    public string? Value(params string[] path) =>
        Under(path).Where(r => r.Count > 0).Select(r => string.Join(" ", r)).FirstOrDefault();

    /// <summary>
    /// The names that follow <paramref name="path"/> (the next word of each matching line), distinct.
    /// </summary>
    public List<string> Names(params string[] path) => Under(path).Where(r => r.Count > 0).Select(r => r[0])
        .Distinct().ToList();
}
