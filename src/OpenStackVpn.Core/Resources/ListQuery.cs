using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Resources;

/// <summary>
/// A list request: filters, the fields to return, sort order and page size. Checked against the resource before
/// anything is sent.
/// </summary>
public sealed class ListQuery
{
    /// <summary>
    /// Filter key to the values it may take (values of one key are ORed, keys are ANDed, as Neutron does).
    /// </summary>
    public Dictionary<string, List<string>> Filters { get; } = new(StringComparer.Ordinal);

    /// <summary>Neutron's <c>fields</c>: return only these.</summary>
    public List<string> Fields { get; } = new();

    /// <summary>Sort keys with their direction.</summary>
    public List<(string Key, bool Descending)> Sort { get; } = new();

    /// <summary>Page size; null lets the server decide (Neutron's default is everything in one page).</summary>
    public int? PageSize { get; set; }

    /// <summary>Adds a filter value.</summary>
    public ListQuery Where(string key, string value)
    {
        if (!Filters.TryGetValue(key, out var values))
        {
            Filters[key] = values = new List<string>();
        }

        values.Add(value);
        return this;
    }

    /// <summary>Parses "key", "key:asc" or "key:desc".</summary>
    public ListQuery SortBy(string spec)
    {
        var parts = spec.Split(':');
        var descending = parts.Length == 2 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
        var ascending = parts.Length == 2 && parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase);
        if (parts.Length > 2 || (parts.Length == 2 && !descending && !ascending))
        {
            throw OpenStackException.Argument("Sort", $"Sort '{spec}' is not of the form key, key:asc or key:desc.");
        }

        Sort.Add((parts[0], descending));
        return this;
    }

    /// <summary>Refuses, before any request, what Neutron would ignore or refuse for this resource.</summary>
    public void Validate(ResourceKind kind)
    {
        foreach (var key in Filters.Keys.Where(k => !kind.FilterPaths.ContainsKey(k)))
        {
            var filters = string.Join(", ", kind.FilterPaths.Keys.OrderBy(k => k, StringComparer.Ordinal));
            throw OpenStackException.Argument(
                "Filter",
                $"'{key}' is not a filter of {kind.DisplayPlural} (Neutron would silently ignore it and return "
                    + $"everything). Filters: {filters}.");
        }

        foreach (var (key, _) in Sort.Where(s => !kind.SortKeys.Contains(s.Key)))
        {
            throw OpenStackException.Argument("Sort", kind.SortKeys.Count == 0
                ? $"{kind.DisplayPlural} cannot be sorted by the server; sort on the client with Sort-Object."
                : $"'{key}' is not a sort key of {kind.DisplayPlural}. Sort keys: {string.Join(", ", kind.SortKeys)}.");
        }

        if (PageSize is <= 0)
        {
            throw OpenStackException.Argument("PageSize", $"PageSize must be at least 1; {PageSize} was given.");
        }
    }

    /// <summary>
    /// The query string (without '?') of the first page; each filter asks for the field it filters on.
    /// </summary>
    public string ToQueryString() => ToQueryString(null);

    /// <summary>
    /// The query string (without '?') of the first page of <paramref name="kind"/>: a filter on dpd_action asks for the
    /// dpd field.
    /// </summary>
    public string ToQueryString(ResourceKind? kind)
    {
        var parts = new List<string>();
        foreach (var filter in Filters)
        {
            parts.AddRange(filter.Value.Select(value => Pair(filter.Key, value)));
        }

        // A filtered column must come back, or the results could not be checked on the client.
        var fields = Fields.Count == 0
            ? Fields
            : Fields.Append("id").Concat(Filters.Keys.Select(k => TopLevel(kind, k))).Distinct();
        parts.AddRange(fields.Select(field => Pair("fields", field)));
        parts.AddRange(Sort.Select(s => Pair("sort_key", s.Key)));
        parts.AddRange(Sort.Select(s => Pair("sort_dir", s.Descending ? "desc" : "asc")));
        if (PageSize is { } limit)
        {
            parts.Add(Pair("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return string.Join("&", parts);
    }

    private static string TopLevel(ResourceKind? kind, string filter) =>
        kind != null && kind.FilterPaths.TryGetValue(filter, out var path) ? path.Split('.')[0] : filter;

    private static string Pair(string key, string value) =>
        Uri.EscapeDataString(key) + "=" + Uri.EscapeDataString(value);

    /// <summary>True when <paramref name="item"/>, as the server sent it, matches every filter of this query.</summary>
    internal bool Matches(JObject item, ResourceKind kind)
    {
        foreach (var filter in Filters)
        {
            var value = item.SelectToken(kind.FilterPaths[filter.Key]);
            if (value == null || !filter.Value.Any(wanted => SameValue(value, wanted)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameValue(JToken value, string wanted) => value.Type switch
    {
        JTokenType.Boolean => string.Equals(value.ToString(), wanted, StringComparison.OrdinalIgnoreCase),
        JTokenType.Integer or JTokenType.Float =>
            Convert.ToString(((JValue)value).Value, CultureInfo.InvariantCulture) == wanted,
        JTokenType.Null => false,
        _ => value.ToString() == wanted,
    };
}
