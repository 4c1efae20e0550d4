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

    public CloudResponse Collection(ResourceType type, CloudRequest request, NeutronContext context) => request.Method switch
    {
        "GET" => List(type, request, context),
        "POST" => Create(type, request, context),
        // Neutron routes these to the member action with no id.
        "PUT" or "DELETE" => throw type.NotFound("None"),
        _ => throw NeutronError.MethodNotAllowed(),
    };

    public CloudResponse Member(ResourceType type, string id, CloudRequest request, NeutronContext context) => request.Method switch
    {
        "GET" => Show(type, id, request, context),
        "PUT" => Update(type, id, request, context),
        "DELETE" => Delete(type, id, context),
        _ => throw NeutronError.MethodNotAllowed(),
    };

    /// <summary>A router's member action: add_router_interface or remove_router_interface.</summary>
    public CloudResponse RouterAction(ResourceType routers, string id, string action, CloudRequest request, NeutronContext context) =>
        Core.RouterInterfaces.Handle(action, Find(routers, id, context), request, _state, context);

    private CloudResponse List(ResourceType type, CloudRequest request, NeutronContext context)
    {
        var query = ListRequest.Parse(type, request.Query);
        var views = ListWindow.Rows(_state.Store.All(type.Collection), query, row => type.IsVisible(row, context))
            .Select(row => type.View(row, _state, context))
            .Where(query.Matches)
            .ToList();
        var page = Paging.Slice(query.Sort(views), query);
        var body = new JObject { [type.Plural] = new JArray(page.Select(query.Select)) };
        if (Paging.Links(page, query, request.Url) is { } links)
        {
            body[type.Plural + "_links"] = links;
        }

        return CloudResponse.Json(200, body, type.CompactJson);
    }

    private CloudResponse Show(ResourceType type, string id, CloudRequest request, NeutronContext context)
    {
        var query = ListRequest.Parse(type, request.Query.Where(p => p.Key == "fields").ToList());
        var view = type.View(Find(type, id, context), _state, context);
        return CloudResponse.Json(200, new JObject { [type.Singular] = query.Select(view) }, type.CompactJson);
    }

    /// <summary>Creates an object from a request body exactly as a POST would (the seeder uses it too).</summary>
    public StoredObject Insert(ResourceType type, string? body, NeutronContext context) => Insert(type, RequestBody.Prepare(type, body, create: true, context), context);

    private StoredObject Insert(ResourceType type, JObject fields, NeutronContext context)
    {
        var id = Guid.NewGuid().ToString();
        var row = type.NewRow(id, fields, _state, context);
        var stored = new StoredObject(id, (string?)fields["tenant_id"] ?? "", row, _state.Now);
        _state.Store.Add(type.Collection, stored);
        return stored;
    }

    private CloudResponse Create(ResourceType type, CloudRequest request, NeutronContext context)
    {
        var fields = RequestBody.Prepare(type, request.Body, create: true, context);
        var stored = Insert(type, fields, context);
        return CloudResponse.Json(201, new JObject { [type.Singular] = type.WriteAnswer(stored, fields, _state, context) }, type.CompactJson);
    }

    private CloudResponse Update(ResourceType type, string id, CloudRequest request, NeutronContext context)
    {
        var changes = RequestBody.Prepare(type, request.Body, create: false, context);
        var row = Find(type, id, context);
        type.Update(row, changes, _state, context);
        return CloudResponse.Json(200, new JObject { [type.Singular] = type.WriteAnswer(row, changes, _state, context) }, type.CompactJson);
    }

    private CloudResponse Delete(ResourceType type, string id, NeutronContext context)
    {
        var row = Find(type, id, context);
        type.CheckDelete(row, _state);
        _state.Store.Remove(type.Collection, row.Id);
        return CloudResponse.Empty(204);
    }

    /// <summary>The object, or the resource's 404 for an unknown id, a malformed id, or another project's object.</summary>
    private StoredObject Find(ResourceType type, string id, NeutronContext context)
    {
        var row = _state.Store.Find(type.Collection, id);
        return row != null && type.IsVisible(row, context) ? row : throw type.NotFound(id);
    }
}
