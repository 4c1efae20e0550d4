using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Tests.Differential;

/// <summary>Compares two answers after setting aside what legitimately differs: ids, hosts, name prefixes, addresses, times.</summary>
public static class Normalise
{
    private static readonly Regex Uuid = new("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", RegexOptions.CultureInvariant);
    private static readonly Regex Hex32 = new(@"\b[0-9a-f]{32}\b", RegexOptions.CultureInvariant);
    private static readonly Regex Marker = new("<[a-z_0-9]+>", RegexOptions.CultureInvariant);
    private static readonly Regex Origin = new(@"^https?://[^/]+(/network|/identity)?", RegexOptions.CultureInvariant);
    private static readonly HashSet<string> Volatile = new()
    {
        "external_v4_ip", "created_at", "updated_at", "revision_number", "audit_ids", "expires_at", "issued_at", "segmentation_id",
    };

    /// <summary>Ids (and the &lt;markers&gt; fixtures carry in their place) become &lt;id&gt;; the workspace's name prefix goes.</summary>
    public static string Text(string text, string prefix) =>
        Marker.Replace(Hex32.Replace(Uuid.Replace(prefix.Length == 0 ? text : text.Replace(prefix, ""), "<id>"), "<id>"), "<id>");

    /// <summary>What differs between the expected and the actual answer; empty when they agree.</summary>
    public static List<string> Differences(int expectedStatus, JToken? expected, Reply actual, Agreement agreement, string prefix)
    {
        var differences = new List<string>();
        if (expectedStatus != actual.Status)
        {
            differences.Add($"status {expectedStatus} expected, {actual.Status} answered");
        }

        if (expected?.SelectToken("NeutronError") is JObject error)
        {
            Same("type", (string?)error["type"], actual.Type, differences, prefix);
            Same("message", (string?)error["message"], actual.Message, differences, prefix);
        }
        else if (expected is JObject { } keystone && keystone["error"] != null)
        {
            Same("body", keystone.ToString(Formatting.None), actual.Json?.ToString(Formatting.None), differences, prefix);
        }
        else if (expected != null)
        {
            Compare(expected, actual.Json, "$", agreement, differences, prefix);
        }

        return differences;
    }

    private static void Same(string what, string? expected, string? actual, List<string> differences, string prefix)
    {
        if (Text(expected ?? "<none>", prefix) != Text(actual ?? "<none>", prefix))
        {
            differences.Add($"{what}: expected \"{expected}\", answered \"{actual}\"");
        }
    }

    private static void Compare(JToken expected, JToken? actual, string path, Agreement agreement, List<string> differences, string prefix)
    {
        if (agreement != Agreement.Values && expected is JValue && actual is JValue)
        {
            return;
        }

        if (actual == null || expected.Type != actual.Type && !(IsNull(expected) && IsNull(actual)))
        {
            differences.Add($"{path}: expected {Short(expected)}, answered {Short(actual)}");
            return;
        }

        switch (expected)
        {
            case JObject obj:
                var actualObject = (JObject)actual;
                var expectedKeys = obj.Properties().Select(p => p.Name).ToList();
                var actualKeys = actualObject.Properties().Select(p => p.Name).ToList();
                if (!expectedKeys.SequenceEqual(actualKeys))
                {
                    differences.Add($"{path}: keys [{string.Join(", ", expectedKeys)}] expected, [{string.Join(", ", actualKeys)}] answered");
                }

                foreach (var key in expectedKeys.Intersect(actualKeys))
                {
                    if (agreement == Agreement.Values && Volatile.Contains(key))
                    {
                        continue;
                    }

                    var child = agreement == Agreement.ItemKeys && path == "$" ? Agreement.Keys : agreement;
                    Compare(obj[key]!, actualObject[key], $"{path}.{key}", child, differences, prefix);
                }

                break;
            case JArray array:
                var actualArray = (JArray)actual;
                if (agreement != Agreement.Keys && array.Count != actualArray.Count)
                {
                    differences.Add($"{path}: {array.Count} items expected, {actualArray.Count} answered");
                }

                for (var i = 0; i < Math.Min(array.Count, actualArray.Count); i++)
                {
                    Compare(array[i], actualArray[i], $"{path}[{i}]", agreement, differences, prefix);
                }

                break;
            default:
                if (agreement == Agreement.Values && Value(expected, prefix) != Value(actual, prefix))
                {
                    differences.Add($"{path}: expected {Short(expected)}, answered {Short(actual)}");
                }

                break;
        }
    }

    private static string Value(JToken token, string prefix) =>
        token.Type == JTokenType.String ? Text(Origin.Replace((string)token!, ""), prefix) : token.ToString(Formatting.None);

    private static bool IsNull(JToken? token) => token == null || token.Type == JTokenType.Null;

    private static string Short(JToken? token)
    {
        var text = token?.ToString(Formatting.None) ?? "nothing";
        return text.Length > 120 ? string.Concat(text.AsSpan(0, 120), "…") : text;
    }
}
