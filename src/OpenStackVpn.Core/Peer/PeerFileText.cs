using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OpenStackVpn.Core.Peer;

/// <summary>One line of a peer's configuration, with the file and line number it came from.</summary>
public sealed class PeerFileLine
{
    internal PeerFileLine(string file, int number, string text)
    {
        File = file;
        Number = number;
        Text = text;
    }

    /// <summary>The file's path.</summary>
    public string File { get; }

    /// <summary>The line number, from 1.</summary>
    public int Number { get; }

    /// <summary>The text, comments removed, the indent kept.</summary>
    public string Text { get; }

    /// <summary>file:line.</summary>
    public string Where => $"{File}:{Number}";

    /// <inheritdoc/>
    public override string ToString() => Where;
}

/// <summary>
/// The text of a peer file with its includes expanded in place ("include PATTERN", relative to the including file; an
/// absolute
/// pattern that matches nothing is tried again below the first file's folder, so a gateway's /etc copied elsewhere
/// reads whole).
/// Bounded: includes nest at most <see cref="MaxDepth"/> deep, a file is read once, at most <see cref="MaxLines"/>
/// lines.
/// </summary>
public sealed class PeerFileText
{
    /// <summary>The deepest include nesting followed.</summary>
    public const int MaxDepth = 8;

    /// <summary>The most lines read from one file set.</summary>
    public const int MaxLines = 200_000;

    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private PeerFileText(string root) => Root = root;

    /// <summary>The folder of the first file: where absolute includes and secrets are also looked for ("" for text in
    /// memory).</summary>
    public string Root { get; }

    /// <summary>Every line, includes expanded.</summary>
    public List<PeerFileLine> Lines { get; } = new();

    /// <summary>What was noticed while reading (an include that matched nothing, a loop, a limit).</summary>
    public List<string> Notes { get; } = new();

    /// <summary>The files read, in order.</summary>
    public IReadOnlyCollection<string> Files => _read;

    /// <summary>Reads <paramref name="path"/> and its includes.</summary>
    public static PeerFileText Load(string path)
    {
        var full = Path.GetFullPath(path);
        var text = new PeerFileText(Path.GetDirectoryName(full) ?? ".");
        text.Add(full, 0);
        return text;
    }

    /// <summary>Text given in memory (no includes are followed), named <paramref name="name"/> in findings.</summary>
    public static PeerFileText FromString(string content, string name)
    {
        var text = new PeerFileText("");
        text.AddLines(name, content, -1);
        return text;
    }

    /// <summary>Adds a further file (a secrets file) and its includes.</summary>
    public void Add(string path, int depth)
    {
        if (!_read.Add(path))
        {
            Notes.Add($"{path} is included more than once; read once.");
            return;
        }

        AddLines(path, File.ReadAllText(path), depth);
    }

    /// <summary>The files a pattern names, relative to <paramref name="from"/>'s folder, or rebased below <see
    /// cref="Root"/>.</summary>
    public IReadOnlyList<string> Expand(string pattern, string from)
    {
        var baseDir = Path.GetDirectoryName(from) ?? Root;
        var found = Glob(Path.IsPathRooted(pattern) ? pattern : Path.Combine(baseDir, pattern));
        if (found.Count > 0 || !Path.IsPathRooted(pattern))
        {
            return found;
        }

        // /etc/ipsec.d/*.conf on a copied tree: try ipsec.d/*.conf, then *.conf, below the first file's folder.
        var parts = pattern.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries);
        for (var skip = 1; skip < parts.Length; skip++)
        {
            found = Glob(Path.Combine(Root, string.Join(Path.DirectorySeparatorChar.ToString(), parts.Skip(skip))));
            if (found.Count > 0)
            {
                return found;
            }
        }

        return found;
    }

    private void AddLines(string path, string content, int depth)
    {
        var number = 0;
        foreach (var raw in content.Split('\n'))
        {
            number++;
            if (Lines.Count >= MaxLines)
            {
                Notes.Add($"stopped after {MaxLines} lines.");
                return;
            }

            var line = StripComment(raw);
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (depth >= 0 && trimmed.StartsWith("include ", StringComparison.Ordinal))
            {
                Include(trimmed.Substring(8).Trim().Trim('"'), path, number, depth);
                continue;
            }

            Lines.Add(new PeerFileLine(path, number, line));
        }
    }

    private void Include(string pattern, string from, int number, int depth)
    {
        if (depth + 1 > MaxDepth)
        {
            Notes.Add($"{from}:{number}: includes nest deeper than {MaxDepth}; '{pattern}' not read.");
            return;
        }

        var files = Expand(pattern, from);
        if (files.Count == 0)
        {
            Notes.Add($"{from}:{number}: include '{pattern}' matches no file.");
        }

        foreach (var file in files)
        {
            Add(file, depth + 1);
        }
    }

    private static List<string> Glob(string pattern)
    {
        var dir = Path.GetDirectoryName(pattern) ?? ".";
        var name = Path.GetFileName(pattern);
        if (!Directory.Exists(dir) || name.Length == 0)
        {
            return new List<string>();
        }

        return Directory.GetFiles(dir, name).Select(Path.GetFullPath).OrderBy(f => f, StringComparer.Ordinal).ToList();
    }

    /// <summary>A line without its comment ('#' outside double quotes) and without a trailing CR.</summary>
    internal static string StripComment(string line)
    {
        var inQuote = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                inQuote = !inQuote;
            }
            else if (line[i] == '#' && !inQuote)
            {
                return line.Substring(0, i).TrimEnd();
            }
        }

        return line.TrimEnd('\r', ' ', '\t');
    }
}
