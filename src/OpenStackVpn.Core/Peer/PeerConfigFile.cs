using System;
using System.Text;

namespace OpenStackVpn.Core.Peer;

/// <summary>One file of a peer's configuration: its name (as the format expects it), its text, and
/// where it was written.</summary>
public sealed class PeerConfigFile
{
    /// <summary>What stands in the file for the pre-shared key unless the export was asked for the secret.</summary>
    public const string PskPlaceholder = "REPLACE-WITH-THE-PRE-SHARED-KEY";

    internal PeerConfigFile(string connectionId, PeerConfigFormat format, string fileName, string content,
        bool holdsSecret)
    {
        ConnectionId = connectionId;
        Format = format;
        FileName = fileName;
        Content = content;
        HoldsSecret = holdsSecret;
    }

    /// <summary>The connection the file configures the peer of.</summary>
    public string ConnectionId { get; }

    /// <summary>The file's format.</summary>
    public PeerConfigFormat Format { get; }

    /// <summary>The file name the format expects (swanctl.conf, ipsec.conf, ipsec.secrets,
    /// neutron-ID.conf...).</summary>
    public string FileName { get; }

    /// <summary>The text. A secrets file holds the placeholder unless the export was asked for the key.</summary>
    public string Content { get; }

    /// <summary>True when <see cref="Content"/> holds the real pre-shared key.</summary>
    public bool HoldsSecret { get; }

    /// <summary>Where the file was written, when it was.</summary>
    public string? Path { get; internal set; }

    /// <inheritdoc/>
    public override string ToString() => Path ?? FileName;

    /// <summary>A key as a config string: quoted when it can be, else strongSwan's and Libreswan's
    /// base64 form (0s...).</summary>
    internal static string QuoteSecret(string secret) =>
        secret.IndexOf('"') < 0 && secret.IndexOf('\\') < 0 && secret.IndexOf('\n') < 0
            ? "\"" + secret + "\""
            : "0s" + Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));

    /// <summary>The key a config string holds: quoted, 0s base64, or bare.</summary>
    internal static string UnquoteSecret(string text)
    {
        text = text.Trim();
        if (text.Length >= 2 && text[0] == '"' && text[text.Length - 1] == '"')
        {
            return text.Substring(1, text.Length - 2);
        }

        if (text.StartsWith("0s", StringComparison.Ordinal))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(text.Substring(2)));
            }
            catch (FormatException)
            {
                return text;
            }
        }

        return text;
    }
}
