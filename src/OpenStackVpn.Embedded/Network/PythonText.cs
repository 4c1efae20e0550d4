using System.Globalization;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>Python's <c>str()</c> and <c>repr()</c> of JSON values, because Neutron's messages print
/// request values that way.</summary>
internal static class PythonText
{
    public static string Str(JToken? value) => value switch
    {
        null or JValue { Value: null } => "None",
        JValue { Type: JTokenType.String } text => (string)text!,
        _ => Repr(value),
    };

    public static string Repr(JToken? value) => value switch
    {
        null => "None",
        JValue { Value: null } => "None",
        JValue { Type: JTokenType.Boolean } flag => (bool)flag ? "True" : "False",
        JValue { Type: JTokenType.Integer } number => number.ToString(CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.Float } real => Float((double)real),
        JValue { Type: JTokenType.String } text => Quote((string)text!),
        JArray list => "[" + string.Join(", ", list.Select(Repr)) + "]",
        JObject dict => "{" + string.Join(", ", dict.Properties().Select(p => Quote(p.Name) + ": " + Repr(p.Value)))
            + "}",
        _ => value.ToString(),
    };

    private static string Float(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    private static string Quote(string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var builder = new StringBuilder().Append(quote);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        builder.Append('\\').Append(c);
                    }
                    else if (c < ' ' || c == '\x7f')
                    {
                        builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append(quote).ToString();
    }
}
