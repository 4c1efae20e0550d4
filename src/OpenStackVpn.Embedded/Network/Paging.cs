using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Http;

namespace OpenStackVpn.Embedded.Network;

/// <summary>
/// Neutron's emulated pagination: slice the sorted rows at the marker, and link to the next page whenever a forward
/// page is full and to the previous page from every forward page (both with the request's own query, host and path).
/// </summary>
internal static class Paging
{
    public static List<JObject> Slice(List<JObject> rows, ListRequest request)
    {
        if (request.Limit is not { } limit)
        {
            return rows;
        }

        if (request.Marker == null)
        {
            return request.PageReverse ? rows.Skip(Math.Max(0, rows.Count - limit)).ToList()
                : rows.Take(limit).ToList();
        }

        var at = rows.FindIndex(r => r.Value<string>("id") == request.Marker);
        if (at < 0)
        {
            return new List<JObject>();
        }

        return request.PageReverse
            ? rows.Skip(Math.Max(0, at - limit)).Take(at - Math.Max(0, at - limit)).ToList()
            : rows.Skip(at + 1).Take(limit).ToList();
    }

    public static JArray? Links(List<JObject> page, ListRequest request, Uri url)
    {
        if (request.Limit is not { } limit)
        {
            return null;
        }

        var links = new JArray();
        if (!(page.Count < limit && !request.PageReverse))
        {
            var query = Without(request.Query, "marker", "page_reverse");
            if (page.Count > 0)
            {
                query.Add(Pair("marker", page[page.Count - 1].Value<string>("id")!));
            }

            links.Add(Link("next", url, query));
        }

        if (!(page.Count < limit && request.PageReverse))
        {
            var query = Without(request.Query, "marker", "page_reverse");
            if (page.Count > 0)
            {
                query.Add(Pair("marker", page[0].Value<string>("id")!));
            }

            query.Add(Pair("page_reverse", "True"));
            links.Add(Link("previous", url, query));
        }

        return links;
    }

    private static JObject Link(string rel, Uri url, List<KeyValuePair<string, string>> query) => new()
    {
        ["rel"] = rel,
        ["href"] = url.GetLeftPart(UriPartial.Path) + "?" + QueryString.Encode(query),
    };

    private static List<KeyValuePair<string, string>> Without(IEnumerable<KeyValuePair<string, string>> query,
        params string[] keys) =>
        query.Where(p => !keys.Contains(p.Key)).ToList();

    private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);
}
