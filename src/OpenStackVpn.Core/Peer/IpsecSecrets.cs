using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// Pre-shared keys as ipsec.secrets(5) writes them ("[selectors] : PSK key", strongSwan and Libreswan alike), looked up
/// where
/// gateways keep them: NAME.secrets beside each conn file (Libreswan's ipsec.d), ipsec.secrets beside the file and one
/// folder up
/// (/etc/ipsec.secrets for /etc/ipsec.d/x.conf), ipsec.d/*.secrets, and every file those include.
/// </summary>
internal sealed class IpsecSecrets
{
    private readonly List<(string[] Ids, string Key, string Where)> _entries = new();

    /// <summary>The secrets files of <paramref name="files"/> (the conn files read from <paramref
    /// name="path"/>).</summary>
    public static IpsecSecrets Load(PeerFileText conf, string path, IEnumerable<string> files)
    {
        var candidates = new List<string>();
        if (conf.Root.Length == 0)
        {
            return new IpsecSecrets();
        }

        foreach (var file in files.Where(f => File.Exists(f)))
        {
            var dir = Path.GetDirectoryName(file) ?? ".";
            candidates.Add(Path.Combine(dir, Path.GetFileNameWithoutExtension(file) + ".secrets"));
        }

        var root = conf.Root;
        candidates.Add(Path.Combine(root, "ipsec.secrets"));
        candidates.AddRange(conf.Expand("ipsec.d/*.secrets", Path.Combine(root, "x")));
        if (Path.GetDirectoryName(root) is { } parent)
        {
            candidates.Add(Path.Combine(parent, "ipsec.secrets"));
        }

        var secrets = new IpsecSecrets();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates.Where(File.Exists).Select(Path.GetFullPath).Where(seen.Add))
        {
            var text = PeerFileText.Load(candidate);
            secrets.Parse(text.Lines);
        }

        return secrets;
    }

    /// <summary>Secrets given as text (one file), named <paramref name="name"/>.</summary>
    public static IpsecSecrets FromString(string content, string name)
    {
        var secrets = new IpsecSecrets();
        secrets.Parse(PeerFileText.FromString(content, name).Lines);
        return secrets;
    }

    /// <summary>Gives <paramref name="connection"/> the key of the entry that fits its ids and addresses
    /// best.</summary>
    public void Apply(PeerFileConnection connection)
    {
        var s = connection.Settings;
        var best = _entries.Select(e => (Entry: e, Score: Score(e.Ids, s)))
            .Where(e => e.Score > 0).OrderByDescending(e => e.Score).FirstOrDefault();
        if (best.Score > 0)
        {
            PeerConfigReader.SetPsk(s, PeerConfigFile.UnquoteSecret(best.Entry.Key));
            connection.PskSource = best.Entry.Where;
        }
    }

    /// <summary>
    /// How well an entry's selectors fit: none is the default entry (1); one selector fits either side; two or more
    /// must name
    /// both sides (or %any for one), as strongSwan's and pluto's lookups do.
    /// </summary>
    internal static int Score(IReadOnlyList<string> ids, PeerSettings s)
    {
        if (ids.Count == 0)
        {
            return 1;
        }

        bool Fits(string id, string? a, string? b) => Same(id, a) || Same(id, b);
        var local = ids.Any(i => Fits(i, s.LocalId, s.LocalAddress));
        var remote = ids.Any(i => Fits(i, s.RemoteId, s.RemoteAddress));
        var any = ids.Any(i => i.StartsWith("%any", StringComparison.OrdinalIgnoreCase));
        if (ids.Count == 1)
        {
            return local || remote ? 3 : any ? 1 : 0;
        }

        return (local || any) && (remote || any) ? 2 + (local ? 2 : 0) + (remote ? 2 : 0) : 0;
    }

    private static bool Same(string selector, string? id) =>
        id != null && string.Equals(selector.TrimStart('@'), id.TrimStart('@'), StringComparison.OrdinalIgnoreCase);

    private void Parse(IEnumerable<PeerFileLine> lines)
    {
        // An entry may go on over indented lines: join them before reading.
        var joined = new List<(string Text, PeerFileLine Line)>();
        foreach (var line in lines)
        {
            if (char.IsWhiteSpace(line.Text[0]) && joined.Count > 0)
            {
                joined[joined.Count - 1] = (joined[joined.Count - 1].Text + " " + line.Text.Trim(),
                    joined[joined.Count - 1].Line);
            }
            else
            {
                joined.Add((line.Text.Trim(), line));
            }
        }

        foreach (var (text, line) in joined)
        {
            var match = Regex.Match(text, @"^(?<ids>[^""]*?)\s*:\s*PSK\s+(?<key>.+)$", RegexOptions.CultureInvariant);
            if (match.Success)
            {
                var ids = match.Groups["ids"].Value.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                _entries.Add((ids, match.Groups["key"].Value.Trim(), line.Where));
            }
        }
    }
}
