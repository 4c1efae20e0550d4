using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
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

/// <summary>
/// The generic resource path, for any described resource: show, list (filters, paging), resolve an id or a name,
/// prepare and send a create or an update, delete, and find what refers to an object. It sends the requests; the
/// description (<see cref="ResourceKind"/>), the change (<see cref="ResourceChange{T}"/>) and the reader of answers
/// (<see cref="ResponseReader"/>) are called from here and never call back.
/// </summary>
public static class ResourceClient
{
    /// <summary>Shows one object; <paramref name="fields"/> limits what comes back.</summary>
    public static async Task<T> GetAsync<T>(
        OpenStackSession session,
        ResourceKind<T> kind,
        string id,
        IReadOnlyCollection<string>? fields,
        ILogSink log,
        CancellationToken cancel)
        where T : NeutronResource
    {
        var query = fields == null || fields.Count == 0
            ? ""
            : "?" + string.Join("&", fields.Append("id").Distinct().Select(f => "fields=" + Uri.EscapeDataString(f)));
        var path = $"{kind.Path}/{Uri.EscapeDataString(id)}{query}";
        using var response = await session.SendForStreamAsync(path, log, cancel).ConfigureAwait(false);
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
    public static async Task<ResourcePage<T>> ListPageAsync<T>(
        OpenStackSession session,
        ResourceKind<T> kind,
        ListQuery query,
        string? nextQuery,
        ILogSink log,
        CancellationToken cancel)
        where T : NeutronResource
    {
        var queryString = nextQuery ?? query.ToQueryString(kind);
        var path = kind.Path + (queryString.Length == 0 ? "" : "?" + queryString);
        using var response = await session.SendForStreamAsync(path, log, cancel).ConfigureAwait(false);
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
    public static async Task<ResourceChange<T>> PrepareCreateAsync<T>(
        OpenStackSession session, ResourceKind<T> kind, FieldValues values, ILogSink log, CancellationToken cancel)
        where T : NeutronResource
    {
        var create = ResourceChange<T>.Check(kind, values, create: true, log);
        return await ResolveReferencesAsync(session, create, log, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks an update of object <paramref name="id"/> before any request, reads the object as it is now and checks
    /// the update against it, then resolves the references it names. Send the result with <see cref="UpdateAsync"/>.
    /// </summary>
    public static async Task<ResourceChange<T>> PrepareUpdateAsync<T>(
        OpenStackSession session,
        ResourceKind<T> kind,
        string id,
        FieldValues changes,
        ILogSink log,
        CancellationToken cancel)
        where T : NeutronResource
    {
        var update = ResourceChange<T>.Check(kind, changes, create: false, log);
        update.CheckAgainst(await GetAsync(session, kind, id, null, log, cancel).ConfigureAwait(false));
        return await ResolveReferencesAsync(session, update, log, cancel).ConfigureAwait(false);
    }

    // Each object the change names, found and checked by the change's rules.
    private static async Task<ResourceChange<T>> ResolveReferencesAsync<T>(
        OpenStackSession session, ResourceChange<T> change, ILogSink log, CancellationToken cancel)
        where T : NeutronResource
    {
        foreach (var (field, value) in change.References)
        {
            var found = await ResolveReferenceAsync(session, field.RefersTo!, value, field.Path, log, cancel)
                .ConfigureAwait(false);
            change.Refer(field, found);
        }

        return change;
    }

    /// <summary>Creates the object a prepared create describes.</summary>
    public static async Task<T> CreateAsync<T>(
        OpenStackSession session, ResourceChange<T> create, ILogSink log, CancellationToken cancel)
        where T : NeutronResource
    {
        var kind = create.Kind;
        var response = await session.SendAsync(HttpMethod.Post, kind.Path, create.WriteBody(), log, cancel)
            .ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ErrorParser.FromResponse(response, create.Name);
        }

        return ResponseReader.ReadAnswer<T>(response, kind.Singular);
    }

    /// <summary>Sends only the fields a prepared update changes.</summary>
    public static async Task<T> UpdateAsync<T>(
        OpenStackSession session, ResourceChange<T> update, ILogSink log, CancellationToken cancel)
        where T : NeutronResource
    {
        var kind = update.Kind;
        var id = update.Current?.Id
            ?? throw new ArgumentException("The change is a create, not an update.", nameof(update));
        var path = $"{kind.Path}/{Uri.EscapeDataString(id)}";
        var response = await session.SendAsync(HttpMethod.Put, path, update.WriteBody(), log, cancel)
            .ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ErrorParser.FromResponse(response, id);
        }

        return ResponseReader.ReadAnswer<T>(response, kind.Singular);
    }

    /// <summary>
    /// The objects that refer to object <paramref name="id"/> of <paramref name="kind"/>, by every field the
    /// descriptions say holds its id (the first page of each); for saying what keeps an object from being removed.
    /// </summary>
    public static async Task<IReadOnlyList<(ResourceKind Kind, NeutronResource User)>> FindUsersAsync(
        OpenStackSession session, ResourceKind kind, string id, ILogSink log, CancellationToken cancel)
    {
        var users = new List<(ResourceKind, NeutronResource)>();
        foreach (var (referrer, field) in kind.ReferredBy.Where(r => r.Field.FilterKey != null))
        {
            var query = new ListQuery().Where(field.FilterKey!, id);
            query.Fields.Add("name");
            var firstPage = referrer.WithModel(new FirstPage(session, query, log, cancel));
            foreach (var user in await firstPage.ConfigureAwait(false))
            {
                users.Add((referrer, user));
            }
        }

        return users;
    }

    /// <summary>
    /// The object a reference names: the object itself when it is one of <paramref name="kind"/>, else the one its id
    /// or unique name finds. A wrong kind of object, or nothing, is an argument error of <paramref name="parameter"/>.
    /// </summary>
    public static async Task<NeutronResource> ResolveReferenceAsync(
        OpenStackSession session,
        ResourceKind kind,
        object? value,
        string parameter,
        ILogSink log,
        CancellationToken cancel)
    {
        var reference = kind.CheckReference(value, parameter);
        return reference as NeutronResource
            ?? await kind.WithModel(new Resolving(session, (string)reference, parameter, log, cancel))
                .ConfigureAwait(false);
    }

    /// <summary>Deletes an object.</summary>
    public static async Task DeleteAsync<T>(
        OpenStackSession session, ResourceKind<T> kind, string id, ILogSink log, CancellationToken cancel)
        where T : NeutronResource
    {
        var path = $"{kind.Path}/{Uri.EscapeDataString(id)}";
        var response = await session.SendAsync(HttpMethod.Delete, path, null, log, cancel).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ErrorParser.FromResponse(response, id);
        }
    }

    /// <summary>
    /// The one object that <paramref name="idOrName"/> names: by id when it is one, else by exact name.
    /// No match, or a name shared by several objects, is an argument error of <paramref name="parameter"/> that lists
    /// them.
    /// </summary>
    public static async Task<T> ResolveAsync<T>(
        OpenStackSession session,
        ResourceKind<T> kind,
        string idOrName,
        string parameter,
        ILogSink log,
        CancellationToken cancel)
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

        var byName = new ListQuery().Where("name", idOrName);
        var matches = await ListAllAsync(session, kind, byName, log, cancel).ConfigureAwait(false);

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new OpenStackException(
                OpenStackErrorKind.NotFound, $"No {kind.DisplayName} has the id or name '{idOrName}'.")
            {
                ParameterName = parameter,
                Target = idOrName,
            },
            _ => throw OpenStackException.Argument(
                parameter,
                $"{matches.Count} {kind.DisplayPlural} are named '{idOrName}': "
                    + $"{string.Join(", ", matches.Select(m => m.Id))}. Give the id instead."),
        };
    }

    /// <summary>
    /// Every object of a list, page after page, into memory: for the few lookups that need them all at once (cmdlets
    /// stream instead).
    /// </summary>
    public static async Task<List<T>> ListAllAsync<T>(
        OpenStackSession session, ResourceKind<T> kind, ListQuery query, ILogSink log, CancellationToken cancel)
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
            ResponseReader.CheckNextIsNew(read, next, kind.Plural);
        }
        while (next != null);
        return all;
    }

    // Resolves an id or a name of a resource whose model is known only at run time.
    private sealed class Resolving : IModelCall<Task<NeutronResource>>
    {
        private readonly OpenStackSession _session;
        private readonly string _idOrName;
        private readonly string _parameter;
        private readonly ILogSink _log;
        private readonly CancellationToken _cancel;

        public Resolving(
            OpenStackSession session, string idOrName, string parameter, ILogSink log, CancellationToken cancel) =>
            (_session, _idOrName, _parameter, _log, _cancel) = (session, idOrName, parameter, log, cancel);

        public async Task<NeutronResource> Call<T>(ResourceKind<T> kind) where T : NeutronResource =>
            await ResolveAsync(_session, kind, _idOrName, _parameter, _log, _cancel).ConfigureAwait(false);
    }

    // Reads the first page of a list of a resource whose model is known only at run time.
    private sealed class FirstPage : IModelCall<Task<IReadOnlyList<NeutronResource>>>
    {
        private readonly OpenStackSession _session;
        private readonly ListQuery _query;
        private readonly ILogSink _log;
        private readonly CancellationToken _cancel;

        public FirstPage(OpenStackSession session, ListQuery query, ILogSink log, CancellationToken cancel) =>
            (_session, _query, _log, _cancel) = (session, query, log, cancel);

        public async Task<IReadOnlyList<NeutronResource>> Call<T>(ResourceKind<T> kind) where T : NeutronResource =>
            (await ListPageAsync(_session, kind, _query, null, _log, _cancel).ConfigureAwait(false)).Items;
    }
}
