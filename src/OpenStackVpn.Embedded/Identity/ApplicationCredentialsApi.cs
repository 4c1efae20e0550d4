using System;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Http;

namespace OpenStackVpn.Embedded.Identity;

/// <summary>
/// /v3/users/{user_id}/application_credentials: a user creates, shows and deletes their own application credentials,
/// bound to the project of the token that creates them. The secret is returned once, on create.
/// </summary>
internal sealed class ApplicationCredentialsApi
{
    private readonly IdentityDirectory _directory;

    public ApplicationCredentialsApi(IdentityDirectory directory) => _directory = directory;

    /// <summary>Handles <c>v3/users/{user}/application_credentials[/{id}]</c> for the caller's token.</summary>
    public CloudResponse Handle(CloudRequest request, IssuedToken caller, string userId, string? credentialId)
    {
        if (caller.User.Id != userId)
        {
            throw KeystoneError.Forbidden("identity:create_application_credential");
        }

        switch (request.Method, credentialId)
        {
            case ("POST", null):
                return CloudResponse.Json(201,
                    new JObject { ["application_credential"] = View(Create(request, caller), includeSecret: true) });
            case ("GET", null):
                return CloudResponse.Json(200,
                    new JObject { ["application_credentials"] =
                    new JArray(
                    _directory.ApplicationCredentials.Where(c => c.UserId == userId).Select(c => View(c, false))) });
            case ("GET", _):
                return CloudResponse.Json(200,
                    new JObject { ["application_credential"] = View(Find(userId, credentialId!), false) });
            case ("DELETE", _):
                _directory.ApplicationCredentials.Remove(Find(userId, credentialId!));
                return CloudResponse.Empty(204);
            default:
                return new CloudResponse(405, "{\"message\": \"The method is not allowed for the requested URL.\"}");
        }
    }

    private ApplicationCredential Create(CloudRequest request, IssuedToken caller)
    {
        JObject? body;
        try
        {
            body = JToken.Parse(request.Body ?? "")["application_credential"] as JObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        var name = (string?)body?["name"]
            ?? throw KeystoneError.BadRequest("Invalid input for field 'name': 'name' is a required property");
        if (caller.Project == null)
        {
            throw KeystoneError.BadRequest("An application credential must be created with a project-scoped token.");
        }

        if (_directory.ApplicationCredentials.Any(c => c.UserId == caller.User.Id && c.Name == name))
        {
            throw new KeystoneError(409, "Conflict",
                "Conflict occurred attempting to store application_credential - Duplicate entry.");
        }

        var secret = (string?)body!["secret"] ?? Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var credential = new ApplicationCredential(Guid.NewGuid().ToString("N"), name, secret, caller.User.Id,
            caller.Project.Id);
        _directory.ApplicationCredentials.Add(credential);
        return credential;
    }

    private ApplicationCredential Find(string userId, string id) =>
        _directory.ApplicationCredentials.FirstOrDefault(c => c.UserId == userId && c.Id == id)
        ?? throw KeystoneError.NotFound($"Could not find application credential: {id}.");

    private static JObject View(ApplicationCredential credential, bool includeSecret)
    {
        var view = new JObject
        {
            ["id"] = credential.Id,
            ["name"] = credential.Name,
            ["description"] = null,
            ["user_id"] = credential.UserId,
            ["project_id"] = credential.ProjectId,
            ["expires_at"] = null,
            ["unrestricted"] = false,
            ["access_rules"] = new JArray(),
        };
        if (includeSecret)
        {
            view["secret"] = credential.Secret;
        }

        return view;
    }
}
