using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// A reader of one kind of peer file: it says how sure it is that a text is its format, and reads every connection the
/// text
/// holds into <see cref="PeerFileConnection"/>s, with file:line for each value and the pre-shared key where the gateway
/// keeps
/// it. A refusal is an <see cref="OpenStackException"/> of the PeerConfig parameter with the reason.
/// </summary>
public interface IPeerFileReader
{
    /// <summary>The format's name, as findings and -PeerConfigFormat show it.</summary>
    string Format { get; }

    /// <summary>0 when the text is not this format; higher is surer.</summary>
    int Recognise(PeerFileText text);

    /// <summary>The connections of <paramref name="text"/>, read from <paramref name="path"/> (secrets are looked up
    /// beside it).</summary>
    IReadOnlyList<PeerFileConnection> Read(PeerFileText text, string path);
}

/// <summary>The readers Test-IpsecSiteConnection knows. A new format is one reader class and one line here.</summary>
public static class PeerFileReaders
{
    /// <summary>Every reader, most specific first.</summary>
    public static IReadOnlyList<IPeerFileReader> All { get; } = new IPeerFileReader[]
    {
        new SwanctlFileReader(),
        new ConnFileReader(libreswan: false),
        new ConnFileReader(libreswan: true),
    };

    /// <summary>The reader of a format name (case-insensitive), or null.</summary>
    public static IPeerFileReader? Named(string format) =>
        All.FirstOrDefault(r => string.Equals(r.Format, format, System.StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a peer file with the named reader, or the one surest of the text; refuses with the
    /// reason.</summary>
    public static PeerFile Read(string path, string? format = null, PeerSite? site = null)
    {
        if (!File.Exists(path))
        {
            throw OpenStackException.Argument("PeerConfig", $"no file at '{path}'.");
        }

        return Vendor(path, format, site) ?? Read(PeerFileText.Load(path), path, format);
    }

    // A vendor's running configuration: its reader picks our tunnel among the others (the site's name, address).
    private static PeerFile? Vendor(string path, string? format, PeerSite? site)
    {
        var raw = File.ReadAllText(path);
        var vendor = format != null
            ? System.Enum.TryParse<PeerConfigFormat>(format, true, out var named) ? named : (PeerConfigFormat?)null
            : Vendors.VendorDialects.Recognise(raw);
        if (vendor is not { } found || Vendors.VendorDialects.Reader(found) is not { } reader)
        {
            return null;
        }

        var connection = PeerFileConnection.Of(reader.Read(raw, site));
        connection.Format = found.ToString();
        return new PeerFile(path, found.ToString(), new[] { connection }, System.Array.Empty<string>());
    }

    /// <summary>Reads text already loaded.</summary>
    public static PeerFile Read(PeerFileText text, string path, string? format = null)
    {
        var reader = format != null
            ? Named(format) ?? throw OpenStackException.Argument("PeerConfigFormat",
                $"'{format}' is not a format this module reads; "
                + $"it reads {string.Join(", ", All.Select(r => r.Format))}.")
            : All.Select(r => (Reader: r, Score: r.Recognise(text))).Where(r => r.Score > 0)
                .OrderByDescending(r => r.Score).Select(r => r.Reader).FirstOrDefault()
              ?? throw OpenStackException.Argument("PeerConfig", $"'{path}' is none of the formats this module reads "
                + $"({string.Join(", ", All.Select(r => r.Format))}): no 'connections {{' section and no 'conn' "
                    + "section.");
        var connections = reader.Read(text, path);
        if (connections.Count == 0)
        {
            throw OpenStackException.Argument("PeerConfig", $"'{path}' ({reader.Format}) holds no connection.");
        }

        foreach (var connection in connections)
        {
            connection.Format = reader.Format;
        }

        return new PeerFile(path, reader.Format, connections, text.Notes);
    }
}
