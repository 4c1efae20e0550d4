using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace OpenStackVpn.Embedded.Http;

/// <summary>Query strings as Python's urllib reads and writes them: '+' is a space, and urlencode escapes everything
/// but letters, digits and <c>_.-~</c>.</summary>
internal static class QueryString
{
    public static List<KeyValuePair<string, string>> Parse(string query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var at = part.IndexOf('=');
            var key = at < 0 ? part : part.Substring(0, at);
            var value = at < 0 ? "" : part.Substring(at + 1);
            pairs.Add(new KeyValuePair<string, string>(Decode(key), Decode(value)));
        }

        return pairs;
    }

    public static string Encode(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join("&", pairs.Select(p => QuotePlus(p.Key) + "=" + QuotePlus(p.Value)));

    /// <summary>Python's <c>urllib.parse.quote_plus</c> with no safe characters.</summary>
    public static string QuotePlus(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c is '_' or '.' or '-' or '~')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
