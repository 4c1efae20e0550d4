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
    // A Python object's id in a name Neutron prints (e.g. its callback subnet_callback-8781568106700): one per process.
    private static readonly Regex PythonObject = new(@"(?<name>_callback-)[0-9]+", RegexOptions.CultureInvariant);
    private static readonly Regex MarkerName = new("^<[a-z_0-9]+>$", RegexOptions.CultureInvariant);
    private static readonly Regex Hex32 = new(@"\b[0-9a-f]{32}\b", RegexOptions.CultureInvariant);
    private static readonly Regex Origin = new(@"^https?://[^/]+(/network|/identity)?", RegexOptions.CultureInvariant);
    private static readonly HashSet<string> Volatile = new()
    {
        "external_v4_ip", "created_at", "updated_at", "revision_number", "audit_ids", "expires_at", "issued_at", "segmentation_id",
    };

    /// <summary>Ids become their names (<see cref="Ids"/>); the workspace's name prefix goes.</summary>
    public static string Text(string text, string prefix, Ids ids) =>
        PythonObject.Replace(Hex32.Replace(Uuid.Replace(prefix.Length == 0 ? text : text.Replace(prefix, ""), m => ids.Name(m.Value)), m => ids.Name(m.Value)), "${name}<python object id>");

    /// <summary>
    /// Names the ids in one side's answer to one case: a backend's own objects by their marker (&lt;conn1&gt;,
    /// &lt;member_project&gt;, as the fixtures write them), any other id by the order it first appears (&lt;id1&gt;, &lt;id2&gt;…).
    /// So a reference to the wrong object is a difference, while the ids themselves may differ.
    /// </summary>
    public sealed class Ids
    {
        private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);
        private int _others;

        public Ids(IReadOnlyDictionary<string, string>? markers = null)
        {
            foreach (var marker in markers ?? new Dictionary<string, string>())
            {
                if (Uuid.IsMatch(marker.Value) || Hex32.IsMatch(marker.Value))
                {
                    _names[marker.Value] = "<" + marker.Key + ">";
                }
            }
        }

        public string Name(string id)
        {
            if (!_names.TryGetValue(id, out var name))
            {
                _names[id] = name = $"<id{++_others}>";
            }

            return name;
        }
    }

    /// <summary>What differs between the expected and the actual answer; empty when they agree.</summary>
    public static List<string> Differences(int expectedStatus, JToken? expected, Reply actual, Agreement agreement, string prefix, Ids theirIds, Ids myIds)
    {
        var differences = new List<string>();
        var ids = (theirIds, myIds);
        if (expectedStatus != actual.Status)
        {
            differences.Add($"status {expectedStatus} expected, {actual.Status} answered");
        }

        if (expected?.SelectToken("NeutronError") is JObject error)
        {
            Same("type", (string?)error["type"], actual.Type, differences, prefix, ids);
            Same("message", (string?)error["message"], actual.Message, differences, prefix, ids);
        }
        else if (expected is JObject { } keystone && keystone["error"] != null)
        {
            Same("body", keystone.ToString(Formatting.None), actual.Json?.ToString(Formatting.None), differences, prefix, ids);
        }
        else if (expected != null)
        {
            Compare(expected, actual.Json, "$", agreement, true, differences, prefix, ids);
        }

        return differences;
    }

    private static void Same(string what, string? expected, string? actual, List<string> differences, string prefix, (Ids Theirs, Ids Mine) ids)
    {
        var theirs = Text(expected ?? "<none>", prefix, ids.Theirs);
        var mine = Text(actual ?? "<none>", prefix, ids.Mine);
        if (theirs != mine)
        {
            differences.Add($"{what}: expected \"{theirs}\", answered \"{mine}\"");
        }
    }

    /// <summary>Compares recursively; <paramref name="countItems"/> is false below the list of an ItemKeys answer.</summary>
    private static void Compare(JToken expected, JToken? actual, string path, Agreement agreement, bool countItems, List<string> differences, string prefix, (Ids Theirs, Ids Mine) ids)
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

                    // An ItemKeys answer lists other users' objects too: its items' keys must agree, not their number or contents.
                    var top = agreement == Agreement.ItemKeys && path == "$";
                    Compare(obj[key]!, actualObject[key], $"{path}.{key}", top ? Agreement.Keys : agreement, countItems && !top, differences, prefix, ids);
                }

                break;
            case JArray array when agreement == Agreement.Values && IdList(array) && IdList((JArray)actual):
                // A list of ids is in id order (Neutron sorts them), which differs with the ids: compare the names it holds.
                var theirNames = array.Select(v => Value(v, prefix, ids.Theirs)).OrderBy(n => n, StringComparer.Ordinal).ToList();
                var myNames = ((JArray)actual).Select(v => Value(v, prefix, ids.Mine)).OrderBy(n => n, StringComparer.Ordinal).ToList();
                if (!theirNames.SequenceEqual(myNames))
                {
                    differences.Add($"{path}: ids [{string.Join(", ", theirNames)}] expected, [{string.Join(", ", myNames)}] answered");
                }

                break;
            case JArray array:
                var actualArray = (JArray)actual;
                if (countItems && array.Count != actualArray.Count)
                {
                    differences.Add($"{path}: {array.Count} items expected, {actualArray.Count} answered");
                }

                for (var i = 0; i < Math.Min(array.Count, actualArray.Count); i++)
                {
                    Compare(array[i], actualArray[i], $"{path}[{i}]", agreement, countItems, differences, prefix, ids);
                }

                break;
            default:
                if (agreement == Agreement.Values && Value(expected, prefix, ids.Theirs) is var theirs && Value(actual, prefix, ids.Mine) is var mine && theirs != mine)
                {
                    differences.Add($"{path}: expected {theirs}, answered {mine}");
                }

                break;
        }
    }

    private static string Value(JToken token, string prefix, Ids ids) =>
        token.Type == JTokenType.String ? Text(Origin.Replace((string)token!, ""), prefix, ids) : token.ToString(Formatting.None);

    private static bool IdList(JArray array) =>
        array.Count > 1 && array.All(v => v.Type == JTokenType.String && (Uuid.IsMatch((string)v!) || Hex32.IsMatch((string)v!) || MarkerName.IsMatch((string)v!)));

    private static bool IsNull(JToken? token) => token == null || token.Type == JTokenType.Null;

    private static string Short(JToken? token)
    {
        var text = token?.ToString(Formatting.None) ?? "nothing";
        return text.Length > 120 ? string.Concat(text.AsSpan(0, 120), "…") : text;
    }
}
