using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>neutron-lib's converters, with their exact wording.</summary>
internal static class Converters
{
    private static readonly string[] TrueWords = { "1", "t", "true", "on", "y", "yes" };
    private static readonly string[] FalseWords = { "0", "f", "false", "off", "n", "no" };
    private static readonly Regex PythonIntText = new(@"^\s*[+-]?\d+(_\d+)*\s*$", RegexOptions.CultureInvariant);

    /// <summary><c>convert_to_boolean</c> (oslo's <c>bool_from_string</c>, strict).</summary>
    public static JToken ToBoolean(JToken value)
    {
        if (value.Type == JTokenType.Boolean)
        {
            return value;
        }

        var word = PythonText.Str(value).Trim().ToLowerInvariant();
        if (TrueWords.Contains(word))
        {
            return true;
        }

        if (FalseWords.Contains(word))
        {
            return false;
        }

        throw NeutronError.InvalidInput($"'{PythonText.Str(value)}' cannot be converted to boolean");
    }

    /// <summary><c>convert_to_int</c>: Python's <c>int()</c>.</summary>
    public static JToken ToInt(JToken value) =>
        TryPythonInt(value, out var number) ? new JValue(number)
            : throw NeutronError.InvalidInput($"'{PythonText.Str(value)}' is not an integer");

    /// <summary><c>convert_to_list</c>: None is [], a list stays, anything else is wrapped.</summary>
    public static JToken ToList(JToken value) => value switch
    {
        { Type: JTokenType.Null } => new JArray(),
        JArray list => list,
        JObject dict => new JArray(dict.Properties().Select(p => p.Name)),
        _ => new JArray(value),
    };

    /// <summary><c>convert_none_to_empty_dict</c>.</summary>
    public static JToken NoneToEmptyDict(JToken value) => value.Type == JTokenType.Null ? new JObject() : value;

    public static bool TryPythonInt(JToken value, out long number)
    {
        number = 0;
        switch (value.Type)
        {
            case JTokenType.Integer:
                number = (long)value;
                return true;
            case JTokenType.Float:
                var real = (double)value;
                if (double.IsNaN(real) || double.IsInfinity(real))
                {
                    return false;
                }

                number = (long)Math.Truncate(real);
                return true;
            case JTokenType.Boolean:
                number = (bool)value ? 1 : 0;
                return true;
            case JTokenType.String:
                var text = (string)value!;
                return PythonIntText.IsMatch(text)
                    && long.TryParse(text.Trim().Replace("_", ""), NumberStyles.AllowLeadingSign,
                    CultureInfo.InvariantCulture, out number);
            default:
                return false;
        }
    }
}
