using System;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Http;

namespace OpenStackVpn.Embedded.Network;

/// <summary>The one generic path every resource goes through: list, show, create, update, delete.</summary>
internal sealed class ResourceApi
{
    private readonly NetworkState _state;

    public ResourceApi(NetworkState state)
    {
        _state = state;
    }

    public CloudResponse Collection(ResourceKind kind, CloudRequest request, NeutronContext context) =>
        request.Method switch
        {
            "GET" => List(kind, request, context),
            "POST" => Create(kind, request, context),
            // Neutron routes these to the member action with no id.
            "PUT" or "DELETE" => throw kind.NotFound("None"),
            _ => throw NeutronError.MethodNotAllowed(),
        };

    public CloudResponse Member(ResourceKind kind, string id, CloudRequest request, NeutronContext context) =>
        request.Method switch
        {
            "GET" => Show(kind, id, request, context),
            "PUT" => Update(kind, id, request, context),
            "DELETE" => Delete(kind, id, context),
            _ => throw NeutronError.MethodNotAllowed(),
        };

    /// <summary>A router's member action: add_router_interface or remove_router_interface.</summary>
    public CloudResponse RouterAction(
        ResourceKind routers, string id, string action, CloudRequest request, NeutronContext context) =>
        Topology.RouterInterfaces.Handle(action, Find(routers, id, context), request, _state, context);

    private CloudResponse List(ResourceKind kind, CloudRequest request, NeutronContext context)
    {
        var query = ListRequest.Parse(kind, request.Query);
        var views = ListWindow.Rows(_state.Store.All(kind.Collection), query, row => kind.IsVisible(row, context))
            .Select(row => kind.View(row, _state, context))
            .Where(query.Matches)
            .ToList();
        var page = Paging.Slice(query.Sort(views), query);
        var body = new JObject { [kind.Plural] = new JArray(page.Select(query.Select)) };
        if (Paging.Links(page, query, request.Url) is { } links)
        {
            body[kind.Plural + "_links"] = links;
        }

        return CloudResponse.Json(200, body, kind.CompactJson);
    }

    private CloudResponse Show(ResourceKind kind, string id, CloudRequest request, NeutronContext context)
    {
        var query = ListRequest.Parse(kind, request.Query.Where(p => p.Key == "fields").ToList());
        var view = kind.View(Find(kind, id, context), _state, context);
        return CloudResponse.Json(200, new JObject { [kind.Singular] = query.Select(view) }, kind.CompactJson);
    }

    /// <summary>Creates an object from a request body exactly as a POST would (the seeder uses it too).</summary>
    public StoredObject Insert(
        ResourceKind kind,
        string? body,
        NeutronContext context) => Insert(kind, RequestBody.Prepare(kind, body, create: true, context), context);

    private StoredObject Insert(ResourceKind kind, JObject fields, NeutronContext context)
    {
        var id = Guid.NewGuid().ToString();
        var row = kind.NewRow(id, fields, _state, context);
        var stored = new StoredObject(id, (string?)fields["tenant_id"] ?? "", row, _state.Now);
        _state.Store.Add(kind.Collection, stored);
        return stored;
    }

    private CloudResponse Create(ResourceKind kind, CloudRequest request, NeutronContext context)
    {
        var fields = RequestBody.Prepare(kind, request.Body, create: true, context);
        var stored = Insert(kind, fields, context);
        return CloudResponse.Json(201,
            new JObject { [kind.Singular] = kind.WriteAnswer(stored, fields, _state, context) }, kind.CompactJson);
    }

    private CloudResponse Update(ResourceKind kind, string id, CloudRequest request, NeutronContext context)
    {
        var changes = RequestBody.Prepare(kind, request.Body, create: false, context);
        var row = Find(kind, id, context);
        kind.Update(row, changes, _state, context);
        return CloudResponse.Json(200,
            new JObject { [kind.Singular] = kind.WriteAnswer(row, changes, _state, context) }, kind.CompactJson);
    }

    private CloudResponse Delete(ResourceKind kind, string id, NeutronContext context)
    {
        var row = Find(kind, id, context);
        kind.CheckDelete(row, _state);
        _state.Store.Remove(kind.Collection, row.Id);
        return CloudResponse.Empty(204);
    }

    /// <summary>
    /// The object, or the resource's 404 for an unknown id, a malformed id, or another project's object.
    /// </summary>
    private StoredObject Find(ResourceKind kind, string id, NeutronContext context)
    {
        var row = _state.Store.Find(kind.Collection, id);
        return row != null && kind.IsVisible(row, context) ? row : throw kind.NotFound(id);
    }
}
