using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Http;

namespace OpenStackVpn.Embedded.Network;

/// <summary>
/// A list's query, read as Neutron reads it for plugins without native sorting or paging: filters are exact matches on
/// database columns (unknown keys ignored, repeated keys ORed), then sort keys, then limit/marker/page_reverse.
/// </summary>
internal sealed class ListRequest
{
    private static readonly string[] Reserved = { "fields", "sort_key", "sort_dir", "limit", "marker", "page_reverse" };

    private ListRequest(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        Query = query;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

    public List<string> Fields { get; } = new();

    public List<(string Path, List<JToken> Values)> Filters { get; } = new();

    public List<(string Key, bool Ascending)> Sorts { get; } = new();

    public int? Limit { get; private set; }

    public string? Marker { get; private set; }

    public bool PageReverse { get; private set; }

    public static ListRequest Parse(ResourceKind kind, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var request = new ListRequest(query);
        request.Fields.AddRange(Values(query, "fields").Where(v => v.Length > 0));
        foreach (var key in query.Select(p => p.Key).Where(k => !Reserved.Contains(k)).Distinct())
        {
            var converter = kind.Attribute(key)?.Convert;
            var values = Values(query, key).Select(v => converter == null ? new JValue(v) : converter(new JValue(v)))
                .ToList();
            if (kind.FilterColumns.TryGetValue(key, out var path))
            {
                request.Filters.Add((path, values));
            }
        }

        request.ReadSorts(kind);
        request.ReadPaging();
        return request;
    }

    public bool Matches(JObject view) =>
        Filters.All(f => f.Values.Any(wanted => SameValue(view.SelectToken(f.Path), wanted)));

    /// <summary>Python's sort of the rows by the sort keys (None first), stable like <c>sorted()</c>.</summary>
    public List<JObject> Sort(List<JObject> views)
    {
        if (Sorts.Count == 0)
        {
            return views;
        }

        var indexed = views.Select((view, index) => (view, index)).ToList();
        indexed.Sort((a, b) =>
        {
            foreach (var (key, ascending) in Sorts)
            {
                var order = Compare(a.view[key], b.view[key]);
                if (order != 0)
                {
                    return ascending ? order : -order;
                }
            }

            return a.index.CompareTo(b.index);
        });
        return indexed.Select(i => i.view).ToList();
    }

    /// <summary>
    /// The view restricted to the asked fields (an unknown field gives an empty object, as Neutron does).
    /// </summary>
    public JObject Select(JObject view) =>
        Fields.Count == 0 ? view : new JObject(view.Properties().Where(p => Fields.Contains(p.Name)));

    private void ReadSorts(ResourceKind kind)
    {
        var keys = Values(Query, "sort_key").Where(v => v.Length > 0).ToList();
        var directions = Values(Query, "sort_dir").Where(v => v.Length > 0).ToList();
        if (keys.Count != directions.Count)
        {
            throw NeutronError.BadRequest("The number of sort_keys and sort_dirs must be same");
        }

        var absent = keys.Where(k => kind.Attribute(k) is not { IsSortKey: true }).ToList();
        if (absent.Count > 0)
        {
            throw NeutronError.BadRequest($"{PythonList(absent)} is invalid attribute for sort_keys");
        }

        var invalid = directions.Where(d => d is not ("asc" or "desc")).ToList();
        if (invalid.Count > 0)
        {
            throw NeutronError.BadRequest(
                $"{PythonList(invalid)} is invalid value for sort_dirs, valid value is 'asc' and 'desc'");
        }

        Sorts.AddRange(keys.Zip(directions, (k, d) => (k, d == "asc")));
    }

    private void ReadPaging()
    {
        var limit = Last(Query, "limit");
        if (limit != null)
        {
            if (!Converters.TryPythonInt(new JValue(limit), out var number) || number < 0 || number > int.MaxValue)
            {
                throw NeutronError.Typed(400, "BadRequest",
                    $"Bad limit request: Limit must be an integer 0 or greater and not '{limit}'.");
            }

            Limit = number == 0 ? null : (int)number;
        }

        Marker = Last(Query, "marker");
        var reverse = Last(Query, "page_reverse");
        PageReverse = reverse != null && (bool)Converters.ToBoolean(new JValue(reverse));
    }

    private static bool SameValue(JToken? column, JToken wanted)
    {
        switch (column?.Type)
        {
            case JTokenType.String:
                return wanted.Type == JTokenType.String && (string)column! == (string)wanted!;
            case JTokenType.Boolean:
                return wanted.Type == JTokenType.Boolean ? (bool)column == (bool)wanted
                    : string.Equals(PythonText.Str(column), PythonText.Str(wanted), StringComparison.OrdinalIgnoreCase);
            case JTokenType.Integer:
                // SQLite compares an integer column with a numeric-looking text by its value: '20.0' matches 20.
                return wanted.Type == JTokenType.Integer
                    ? (long)column == (long)wanted
                    : decimal.TryParse(PythonText.Str(wanted).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture,
                        out var number) && number == (long)column;
            default:
                return false;
        }
    }

    private static int Compare(JToken? a, JToken? b)
    {
        var aNull = a == null || a.Type == JTokenType.Null;
        var bNull = b == null || b.Type == JTokenType.Null;
        if (aNull || bNull)
        {
            return aNull == bNull ? 0 : aNull ? -1 : 1;
        }

        if (a!.Type == JTokenType.String && b!.Type == JTokenType.String)
        {
            return string.CompareOrdinal((string)a!, (string)b!);
        }

        return Comparer<string>.Default.Compare(a.ToString(), b!.ToString());
    }

    private static IEnumerable<string> Values(IReadOnlyList<KeyValuePair<string, string>> query, string key) =>
        query.Where(p => p.Key == key).Select(p => p.Value);

    private static string? Last(IReadOnlyList<KeyValuePair<string, string>> query, string key) =>
        Values(query, key).LastOrDefault();

    private static string PythonList(IEnumerable<string> items) => PythonText.Repr(new JArray(items));
}
