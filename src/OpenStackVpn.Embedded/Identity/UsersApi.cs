using System;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Http;

namespace OpenStackVpn.Embedded.Identity;

/// <summary>
/// The part of Keystone's directory API a test needs to make a user of its own: create and delete a user
/// (<c>/v3/users</c>), find a role by name (<c>GET /v3/roles?name=</c>) and grant it on a project
/// (<c>PUT /v3/projects/{p}/users/{u}/roles/{r}</c>). Admin only, as Keystone's default policy has it.
/// </summary>
internal sealed class UsersApi
{
    private readonly IdentityDirectory _directory;
    private readonly ServiceCatalogView _catalog;
    private readonly TokenStore _tokens;

    public UsersApi(IdentityDirectory directory, ServiceCatalogView catalog, TokenStore tokens)
    {
        _directory = directory;
        _catalog = catalog;
        _tokens = tokens;
    }

    /// <summary><c>v3/users</c> and <c>v3/users/{id}</c>.</summary>
    public CloudResponse Users(CloudRequest request, IssuedToken caller, string? userId)
    {
        switch (request.Method, userId)
        {
            case ("POST", null):
                Require(caller, "identity:create_user");
                return CloudResponse.Json(201, new JObject { ["user"] = View(Create(request)) });
            case ("GET", not null):
                Require(caller, "identity:get_user");
                return CloudResponse.Json(200, new JObject { ["user"] = View(Find(userId)) });
            case ("DELETE", not null):
                Require(caller, "identity:delete_user");
                var user = Find(userId);
                _directory.Users.Remove(user);
                _directory.Assignments.RemoveAll(a => a.UserId == user.Id);
                _directory.ApplicationCredentials.RemoveAll(c => c.UserId == user.Id);
                _tokens.RevokeUser(user.Id);
                return CloudResponse.Empty(204);
            default:
                return new CloudResponse(405, "{\"message\": \"The method is not allowed for the requested URL.\"}");
        }
    }

    /// <summary><c>GET v3/roles[?name=]</c>.</summary>
    public CloudResponse Roles(CloudRequest request, IssuedToken caller)
    {
        Require(caller, "identity:list_roles");
        var name = request.Query.FirstOrDefault(q => q.Key == "name").Value;
        var roles = _directory.Roles.Where(r => name == null || r.Name == name)
            .Select(r => new JObject
            {
                ["id"] = r.Id,
                ["name"] = r.Name,
                ["domain_id"] = null,
                ["description"] = null,
                ["options"] = new JObject(),
                ["links"] = Links($"roles/{r.Id}"),
            });
        return CloudResponse.Json(200, new JObject
        {
            ["roles"] = new JArray(roles),
            ["links"] = new JObject { ["self"] = new Uri(_catalog.IdentityUrl, "roles").ToString(), ["previous"] = null,
                ["next"] = null },
        });
    }

    /// <summary><c>PUT v3/projects/{project}/users/{user}/roles/{role}</c>.</summary>
    public CloudResponse Grant(CloudRequest request, IssuedToken caller, string projectId, string userId,
        string roleId)
    {
        if (request.Method != "PUT")
        {
            return new CloudResponse(405, "{\"message\": \"The method is not allowed for the requested URL.\"}");
        }

        Require(caller, "identity:create_grant");
        var project = _directory.Projects.Find(p => p.Id == projectId)
            ?? throw KeystoneError.NotFound($"Could not find project: {projectId}.");
        var user = Find(userId);
        var role = _directory.Roles.Find(r => r.Id == roleId)
            ?? throw KeystoneError.NotFound($"Could not find role: {roleId}.");
        if (!_directory.Assignments.Any(a => a.UserId == user.Id && a.ProjectId == project.Id && a.Role == role))
        {
            _directory.Assignments.Add(new Assignment(user.Id, project.Id, null, role));
        }

        return CloudResponse.Empty(204);
    }

    private static void Require(IssuedToken caller, string action)
    {
        if (!caller.IsAdmin)
        {
            throw KeystoneError.Forbidden(action);
        }
    }

    private User Create(CloudRequest request)
    {
        JObject? body;
        try
        {
            body = JToken.Parse(request.Body ?? "")["user"] as JObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body == null)
        {
            throw KeystoneError.BadRequest("Invalid input for field 'user': 'user' is a required property");
        }

        var name = (string?)body["name"]
            ?? throw KeystoneError.BadRequest("Invalid input for field 'name': 'name' is a required property");
        var domainId = (string?)body["domain_id"] ?? IdentityDirectory.DomainId;
        if (domainId != IdentityDirectory.DomainId)
        {
            throw KeystoneError.NotFound($"Could not find domain: {domainId}.");
        }

        if (_directory.Users.Any(u => u.Name == name))
        {
            throw new KeystoneError(409, "Conflict", "Conflict occurred attempting to store user - Duplicate entry "
                + $"found with name {name} at domain ID {domainId}.");
        }

        var user = new User(Guid.NewGuid().ToString("N"), name, domainId, (string?)body["password"] ?? "");
        _directory.Users.Add(user);
        return user;
    }

    private User Find(string id) =>
        _directory.Users.Find(u => u.Id == id) ?? throw KeystoneError.NotFound($"Could not find user: {id}.");

    private JObject View(User user) => new()
    {
        ["id"] = user.Id,
        ["name"] = user.Name,
        ["domain_id"] = user.DomainId,
        ["enabled"] = true,
        ["password_expires_at"] = null,
        ["options"] = new JObject(),
        ["links"] = Links($"users/{user.Id}"),
    };

    private JObject Links(string path) => new() { ["self"] = new Uri(_catalog.IdentityUrl, path).ToString() };
}
