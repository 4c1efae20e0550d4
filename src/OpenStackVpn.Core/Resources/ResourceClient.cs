using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Http;

namespace OpenStackVpn.Core.Resources;

/// <summary>One page of a list, and the query of the next page if there is one.</summary>
public sealed class ResourcePage<T>
{
    internal ResourcePage(IReadOnlyList<T> items, string? nextQuery)
    {
        Items = items;
        NextQuery = nextQuery;
    }

    /// <summary>The page's objects, checked against the filters.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The query string of the next page, or null on the last.</summary>
    public string? NextQuery { get; }
}

/// <summary>The generic resource path: list with filters and paging, and show, for any VPNaaS resource.</summary>
public static class ResourceClient
{
    /// <summary>Shows one object; <paramref name="fields"/> limits what comes back.</summary>
    public static async Task<T> GetAsync<T>(OpenStackSession session, ResourceKind<T> kind, string id, IReadOnlyCollection<string>? fields, ILogSink log, CancellationToken cancel)
        where T : NeutronResource
    {
        var query = fields == null || fields.Count == 0
            ? ""
            : "?" + string.Join("&", fields.Append("id").Distinct().Select(f => "fields=" + Uri.EscapeDataString(f)));
        using var response = await session.SendForStreamAsync($"{kind.Path}/{Uri.EscapeDataString(id)}{query}", log, cancel).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ErrorParser.FromResponse(response, id);
        }

        return ResponseReader.ReadObject<T>(response, kind.Singular);
    }

    /// <summary>
    /// Fetches one page: the first when <paramref name="nextQuery"/> is null, else the page that query names.
    /// Objects that do not match the filters are dropped, so a filter the server ignored never widens the result.
    /// </summary>
    public static async Task<ResourcePage<T>> ListPageAsync<T>(OpenStackSession session, ResourceKind<T> kind, ListQuery query, string? nextQuery, ILogSink log, CancellationToken cancel)
        where T : NeutronResource
    {
        var queryString = nextQuery ?? query.ToQueryString(kind);
        using var response = await session.SendForStreamAsync(kind.Path + (queryString.Length == 0 ? "" : "?" + queryString), log, cancel).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ErrorParser.FromResponse(response);
        }

        var objects = new List<T>();
        var next = ResponseReader.ReadPage(response, kind, query, queryString, objects.Add);
        return new ResourcePage<T>(objects, next);
    }

    /// <summary>
    /// Checks a create against the resource's description and rules before any request, then resolves the references it
    /// names (reads only). Send the result with <see cref="CreateAsync"/>.
    /// </summary>
    public static Task<ResourceChange<T>> PrepareCreateAsync<T>(OpenStackSession session, ResourceKind<T> kind, FieldValues values, ILogSink log, CancellationToken cancel)
        where T : NeutronResource =>
        ResourceChange<T>.PrepareAsync(session, kind, values, null, log, cancel);

    /// <summary>
    /// Checks an update of object <paramref name="id"/> before any request, reads the object as it is now and checks the
    /// update against it, then resolves the references it names. Send the result with <see cref="UpdateAsync"/>.
    /// </summary>
    public static Task<ResourceChange<T>> PrepareUpdateAsync<T>(OpenStackSession session, ResourceKind<T> kind, string id, FieldValues changes, ILogSink log, CancellationToken cancel)
        where T : NeutronResource =>
        ResourceChange<T>.PrepareAsync(session, kind, changes, id, log, cancel);

    /// <summary>Creates the object a prepared create describes.</summary>
    public static async Task<T> CreateAsync<T>(OpenStackSession session, ResourceChange<T> create, ILogSink log, CancellationToken cancel)
        where T : NeutronResource
    {
        var kind = create.Kind;
        var response = await session.SendAsync(HttpMethod.Post, kind.Path, create.WriteBody(), log, cancel).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ErrorParser.FromResponse(response, create.Name);
        }

        return Deserialize<T>(ParseObject(response)[kind.Singular] as JObject ?? throw Malformed(response, $"no '{kind.Singular}' object"), response);
    }

    /// <summary>Sends only the fields a prepared update changes.</summary>
    public static async Task<T> UpdateAsync<T>(OpenStackSession session, ResourceChange<T> update, ILogSink log, CancellationToken cancel)
        where T : NeutronResource
    {
        var kind = update.Kind;
        var id = update.Current?.Id ?? throw new ArgumentException("The change is a create, not an update.", nameof(update));
        var response = await session.SendAsync(HttpMethod.Put, $"{kind.Path}/{Uri.EscapeDataString(id)}", update.WriteBody(), log, cancel).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ErrorParser.FromResponse(response, id);
        }

        return Deserialize<T>(ParseObject(response)[kind.Singular] as JObject ?? throw Malformed(response, $"no '{kind.Singular}' object"), response);
    }

    /// <summary>
    /// The objects that refer to object <paramref name="id"/> of <paramref name="kind"/>, by every field the descriptions
    /// say holds its id (the first page of each); for saying what keeps an object from being removed.
    /// </summary>
    public static async Task<IReadOnlyList<(ResourceKind Kind, NeutronResource User)>> FindUsersAsync(OpenStackSession session, ResourceKind kind, string id, ILogSink log, CancellationToken cancel)
    {
        var users = new List<(ResourceKind, NeutronResource)>();
        foreach (var (referrer, field) in kind.ReferredBy.Where(r => r.Field.FilterKey != null))
        {
            var query = new ListQuery().Where(field.FilterKey!, id);
            query.Fields.Add("name");
            foreach (var user in await referrer.FirstPageAsync(session, query, log, cancel).ConfigureAwait(false))
            {
                users.Add((referrer, user));
            }
        }

        return users;
    }

    /// <summary>
    /// The object a reference names: the object itself when it is one of <paramref name="kind"/>, else the one its id or
    /// unique name finds. A wrong kind of object, or nothing, is an argument error of <paramref name="parameter"/>.
    /// </summary>
    public static async Task<NeutronResource> ResolveReferenceAsync(OpenStackSession session, ResourceKind kind, object? value, string parameter, ILogSink log, CancellationToken cancel)
    {
        var reference = kind.CheckReference(value, parameter);
        return reference as NeutronResource ?? await kind.ResolveAsync(session, (string)reference, parameter, log, cancel).ConfigureAwait(false);
    }

    /// <summary>Deletes an object.</summary>
    public static async Task DeleteAsync<T>(OpenStackSession session, ResourceKind<T> kind, string id, ILogSink log, CancellationToken cancel)
        where T : NeutronResource
    {
        var response = await session.SendAsync(HttpMethod.Delete, $"{kind.Path}/{Uri.EscapeDataString(id)}", null, log, cancel).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ErrorParser.FromResponse(response, id);
        }
    }

    /// <summary>
    /// The one object that <paramref name="idOrName"/> names: by id when it is one, else by exact name.
    /// No match, or a name shared by several objects, is an argument error of <paramref name="parameter"/> that lists them.
    /// </summary>
    public static async Task<T> ResolveAsync<T>(OpenStackSession session, ResourceKind<T> kind, string idOrName, string parameter, ILogSink log, CancellationToken cancel)
        where T : NeutronResource
    {
        if (Rules.FieldRules.IsUuid(idOrName))
        {
            try
            {
                return await GetAsync(session, kind, idOrName, null, log, cancel).ConfigureAwait(false);
            }
            catch (OpenStackException e) when (e.Kind == OpenStackErrorKind.NotFound)
            {
                // A name can look like a UUID; try it as a name before giving up.
            }
        }

        var matches = await ListAllAsync(session, kind, new ListQuery().Where("name", idOrName), log, cancel).ConfigureAwait(false);

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new OpenStackException(OpenStackErrorKind.NotFound, $"No {kind.DisplayName} has the id or name '{idOrName}'.") { ParameterName = parameter, Target = idOrName },
            _ => throw OpenStackException.Argument(parameter, $"{matches.Count} {kind.DisplayPlural} are named '{idOrName}': {string.Join(", ", matches.Select(m => m.Id))}. Give the id instead."),
        };
    }

    /// <summary>Every object of a list, page after page, into memory: for the few lookups that need them all at once (cmdlets stream instead).</summary>
    public static async Task<List<T>> ListAllAsync<T>(OpenStackSession session, ResourceKind<T> kind, ListQuery query, ILogSink log, CancellationToken cancel)
        where T : NeutronResource
    {
        var all = new List<T>();
        var read = new HashSet<string>();
        string? next = null;
        do
        {
            var page = await ListPageAsync(session, kind, query, next, log, cancel).ConfigureAwait(false);
            all.AddRange(page.Items);
            next = page.NextQuery;
            CheckNextIsNew(read, next, kind.Plural);
        }
        while (next != null);
        return all;
    }

    /// <summary>Remembers the page a next link leads to, and refuses one already read: links that go round in a circle.</summary>
    public static void CheckNextIsNew(ISet<string> read, string? next, string plural)
    {
        if (next != null && !read.Add(next))
        {
            throw new OpenStackException(OpenStackErrorKind.InvalidResponse, $"The server's next links for {plural} go round in a circle: the page '?{next}' was already read, so the list stops here.");
        }
    }

    /// <summary>The query string of the rel=next link; the link's own host is not trusted (it may be an internal name behind a proxy).</summary>
    internal static string? NextQuery(JArray? links, string currentQuery)
    {
        var href = links?.OfType<JObject>().FirstOrDefault(l => l.Value<string>("rel") == "next")?.Value<string>("href");
        if (href == null)
        {
            return null;
        }

        var at = href.IndexOf('?');
        var next = at < 0 ? "" : href.Substring(at + 1);
        return next.Length == 0 || next == currentQuery ? null : next;
    }

    internal static bool Matches<T>(JObject item, ListQuery query, ResourceKind<T> kind) where T : NeutronResource
    {
        foreach (var filter in query.Filters)
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
        JTokenType.Integer or JTokenType.Float => Convert.ToString(((JValue)value).Value, CultureInfo.InvariantCulture) == wanted,
        JTokenType.Null => false,
        _ => value.ToString() == wanted,
    };

    private static JObject ParseObject(ApiResponse response)
    {
        try
        {
            return JToken.Parse(response.Body) as JObject ?? throw Malformed(response, "not a JSON object");
        }
        catch (JsonException e)
        {
            throw Malformed(response, "not JSON: " + e.Message);
        }
    }

    private static T Deserialize<T>(JObject item, ApiResponse response)
    {
        try
        {
            return item.ToObject<T>(Json.Serializer) ?? throw Malformed(response, "an empty object");
        }
        catch (JsonException e)
        {
            throw Malformed(response, "a field of the wrong type: " + e.Message);
        }
    }

    internal static OpenStackException Malformed(ApiResponse response, string what) =>
        new(OpenStackErrorKind.InvalidResponse, $"{response.Request} answered {(int)response.Status} with a body that is {what}{(response.RequestId == null ? "" : $" (request {response.RequestId})")}.")
        {
            StatusCode = response.Status,
            RequestId = response.RequestId,
            Request = response.Request,
        };
}
