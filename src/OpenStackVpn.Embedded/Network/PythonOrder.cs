using System;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>Python 3's ordering of JSON values: numbers (booleans included) by value, texts by code point,
/// anything else a TypeError.</summary>
internal static class PythonOrder
{
    /// <summary>Negative, zero or positive as <paramref name="a"/> sorts before, with or after <paramref name="b"/>; a
    /// TypeError is Neutron's 500.</summary>
    public static int Compare(JToken a, JToken b)
    {
        if (a.Type == JTokenType.String && b.Type == JTokenType.String)
        {
            return string.CompareOrdinal((string)a!, (string)b!);
        }

        if (Number(a) is { } x && Number(b) is { } y)
        {
            return x.CompareTo(y);
        }

        throw NeutronError.Internal();
    }

    private static double? Number(JToken value) => value.Type switch
    {
        JTokenType.Integer or JTokenType.Float => Convert.ToDouble(((JValue)value).Value, CultureInfo.InvariantCulture),
        JTokenType.Boolean => (bool)value ? 1 : 0,
        _ => null,
    };
}
