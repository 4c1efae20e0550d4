using System.Globalization;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Http;

/// <summary>JSON as Python's <c>json.dumps</c> writes it: ", " and ": " separators, non-ASCII escaped, so bodies read
/// (and measure) like the real ones.</summary>
internal static class PythonJson
{
    public static string Serialize(JToken token)
    {
        var builder = new StringBuilder();
        Write(builder, token);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JToken token)
    {
        switch (token)
        {
            case JObject obj:
                builder.Append('{');
                var first = true;
                foreach (var property in obj.Properties())
                {
                    builder.Append(first ? "" : ", ");
                    first = false;
                    String(builder, property.Name);
                    builder.Append(": ");
                    Write(builder, property.Value);
                }

                builder.Append('}');
                break;
            case JArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ", ");
                    Write(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JValue { Value: null }:
                builder.Append("null");
                break;
            case JValue { Type: JTokenType.String } text:
                String(builder, (string)text!);
                break;
            case JValue { Type: JTokenType.Boolean } flag:
                builder.Append((bool)flag ? "true" : "false");
                break;
            case JValue { Type: JTokenType.Integer } number:
                builder.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case JValue { Type: JTokenType.Float } real:
                var value = ((double)real).ToString("R", CultureInfo.InvariantCulture);
                builder.Append(value.Any(c => c is '.' or 'E' or 'N' or 'I') ? value : value + ".0");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private static void String(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ' || c > '~')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
