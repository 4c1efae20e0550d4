using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// The peer file readers in the shape the writer's round trip uses: one format, one connection (the first), the secrets
/// given
/// as text. Reading a gateway's files as found, several connections and includes included, is <see
/// cref="PeerFileReaders"/>.
/// </summary>
public static class PeerConfigReader
{
    /// <summary>
    /// Reads <paramref name="path"/> and the secrets where its gateway keeps them: the settings of the connection that
    /// a vendor's reader picks for <paramref name="site"/>, or else of the first connection.
    /// </summary>
    public static (PeerSettings Settings, PeerConfigFormat Format) Read(
        string path, PeerConfigFormat? format = null, PeerSite? site = null)
    {
        var file = PeerFileReaders.Read(path, format?.ToString(), site);
        return (file.Connections[0].Settings, (PeerConfigFormat)Enum.Parse(typeof(PeerConfigFormat), file.Format));
    }

    /// <summary>Parses text of a known format; <paramref name="secrets"/> is the ipsec.secrets text for
    /// the two conn formats.</summary>
    public static PeerSettings Parse(string text, PeerConfigFormat format, string? secrets = null) =>
        ParseConnection(text, format, secrets).Settings;

    /// <summary>Parses text of a known format into what the file says of its first connection, with the lines of each
    /// value.</summary>
    public static PeerFileConnection ParseConnection(string text, PeerConfigFormat format, string? secrets = null)
    {
        var file = PeerFileReaders.Read(PeerFileText.FromString(text, "(text)"), "(text)", format.ToString());
        var connection = file.Connections[0];
        if (format != PeerConfigFormat.Swanctl && secrets != null)
        {
            IpsecSecrets.FromString(secrets, "(secrets)").Apply(connection);
        }

        return connection;
    }

    /// <summary>The format a text is written in, or null.</summary>
    public static PeerConfigFormat? Recognise(string text)
    {
        var lines = PeerFileText.FromString(text, "(text)");
        var best = PeerFileReaders.All.Select(r => (r.Format, Score: r.Recognise(lines))).Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score).Select(r => r.Format).FirstOrDefault();
        return best != null && Enum.TryParse<PeerConfigFormat>(best, out var format) ? format : null;
    }

    internal static void SetPsk(PeerSettings settings, string? key)
    {
        settings.PskIsPlaceholder = key == PeerConfigFile.PskPlaceholder;
        settings.Psk = key == null ? null : OpenStackVpn.Core.Secrets.ToSecure(key);
    }

    /// <summary>A time as both parsers write it: 3600, 3600s, 60m, 1h, 1d.</summary>
    internal static int? Seconds(string? value)
    {
        if (value == null)
        {
            return null;
        }

        var match = Regex.Match(value.Trim(), @"^(\d{1,9})\s*([smhd]?)$");
        if (!match.Success)
        {
            return null;
        }

        var n = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var seconds = match.Groups[2].Value switch { "m" => n * 60, "h" => n * 3600, "d" => n * 86400, _ => n };
        return seconds > int.MaxValue ? int.MaxValue : (int)seconds;
    }

    internal static int? Int(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture,
        out var n) ? n : null;
}
