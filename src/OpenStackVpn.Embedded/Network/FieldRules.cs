using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>neutron-lib's validators, with their exact wording.</summary>
internal static class FieldRules
{
    public static Validator String(int? maxLength) => value =>
    {
        if (value.Type != JTokenType.String)
        {
            return $"'{PythonText.Str(value)}' is not a valid string";
        }

        var text = (string)value!;
        return maxLength is { } max && CodePoints(text) > max ? $"'{text}' exceeds maximum length of {max}" : null;
    };

    public static Validator Values(params string[] valid) => value =>
        value.Type == JTokenType.String && valid.Contains((string)value!) ? null
            : $"{PythonText.Str(value)} is not in valid_values";

    public static Validator Uuid(bool orNone) => value =>
        (orNone && value.Type == JTokenType.Null) || IsUuidLike(value) ? null
            : $"'{PythonText.Str(value)}' is not a valid UUID";

    public static string? NonNegative(JToken value)
    {
        if (!Converters.TryPythonInt(value, out var number))
        {
            return $"'{PythonText.Str(value)}' is not an integer";
        }

        return number < 0 ? $"'{number.ToString(CultureInfo.InvariantCulture)}' should be non-negative" : null;
    }

    public static Validator AtLeast(long minimum) => value =>
    {
        if (!Converters.TryPythonInt(value, out var number))
        {
            return $"'{PythonText.Str(value)}' is not an integer";
        }

        return number < minimum ? $"'{number.ToString(CultureInfo.InvariantCulture)}' is too small - must be at least "
            + $"'{minimum.ToString(CultureInfo.InvariantCulture)}'" : null;
    };

    /// <summary>
    /// <c>type:dict_or_none</c> with key specs: a dictionary of known keys whose values pass their validators.
    /// </summary>
    public static Validator Dict(params (string Key, Validator Check)[] specs) => value =>
    {
        if (value.Type == JTokenType.Null)
        {
            return null;
        }

        if (value is not JObject dict)
        {
            return $"'{PythonText.Str(value)}' is not a dictionary";
        }

        var unexpected = dict.Properties().Select(p => p.Name).Where(k => specs.All(s => s.Key != k)).ToList();
        if (unexpected.Count > 0)
        {
            return "Unexpected keys supplied: " + string.Join(", ", unexpected);
        }

        return specs.Where(s => dict.ContainsKey(s.Key)).Select(s => s.Check(dict[s.Key]!))
            .FirstOrDefault(problem => problem != null);
    };

    /// <summary><c>type:list_of_subnets_or_none</c>: no duplicates, every item a CIDR with a prefix.</summary>
    public static string? SubnetListOrNone(JToken value)
    {
        if (value.Type == JTokenType.Null)
        {
            return null;
        }

        if (value is not JArray list)
        {
            return $"'{PythonText.Str(value)}' is not a list";
        }

        var seen = new HashSet<string>();
        var duplicates = new List<string>();
        foreach (var item in list.Select(PythonText.Str))
        {
            if (!seen.Add(item) && !duplicates.Contains(item))
            {
                duplicates.Add(item);
            }
        }

        if (duplicates.Count > 0)
        {
            return $"Duplicate items in the list: '{string.Join(", ", duplicates)}'";
        }

        return list.Select(item => item.Type == JTokenType.String ? IpText.SubnetProblem((string)item!)
            : $"'{PythonText.Str(item)}' is not a valid IP subnet")
            .FirstOrDefault(problem => problem != null);
    }

    /// <summary>
    /// oslo's <c>is_uuid_like</c>: 32 hex digits once dashes, braces and a urn:uuid: prefix are set aside.
    /// </summary>
    public static bool IsUuidLike(JToken value)
    {
        if (value.Type != JTokenType.String)
        {
            return false;
        }

        var hex = ((string)value!).Replace("urn:", "").Replace("uuid:", "").Trim('{', '}').Replace("-", "");
        return hex.Length == 32
            && hex.All(c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }

    private static int CodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsLowSurrogate(text[i]))
            {
                count++;
            }
        }

        return count;
    }
}
