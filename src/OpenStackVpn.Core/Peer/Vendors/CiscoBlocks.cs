using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// A Cisco running configuration as blocks: a line at the left margin and the indented lines under it.
/// </summary>
internal sealed class CiscoBlocks
{
    private readonly List<(string Head, List<string> Body)> _blocks = new();

    public CiscoBlocks(string text)
    {
        foreach (var raw in text.Replace("\r", "").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith("!", StringComparison.Ordinal))
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]) || _blocks.Count == 0)
            {
                _blocks.Add((line.Trim(), new List<string>()));
            }
            else
            {
                _blocks[_blocks.Count - 1].Body.Add(line.Trim());
            }
        }
    }

    /// <summary>Every block whose first line starts with <paramref name="prefix"/>.</summary>
    public IEnumerable<(string Head, List<string> Body)> Starting(string prefix) =>
        _blocks.Where(b => b.Head.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The body of the block whose first line is exactly <paramref name="head"/>.</summary>
    public List<string> Body(string head) =>
        _blocks.FirstOrDefault(b => b.Head == head).Body ?? new List<string>();

    /// <summary>The rest of the first body line starting with <paramref name="keyword"/> and a space.</summary>
    public static string? Value(IEnumerable<string> body, string keyword) =>
        body.FirstOrDefault(l => l.StartsWith(keyword + " ", StringComparison.Ordinal))?.Substring(keyword.Length
            + 1).Trim();

    /// <summary>Every top-level line.</summary>
    public IEnumerable<string> Heads => _blocks.Select(b => b.Head);
}
