using System;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Http;

namespace OpenStackVpn.Embedded.Identity;

/// <summary>The in-memory Keystone v3: version documents, /v3/auth/tokens (issue, validate, check, revoke), users'
/// application credentials, and creating, granting a role to and deleting a user.</summary>
internal sealed class KeystoneApi
{
    private readonly IdentityDirectory _directory;
    private readonly TokenStore _tokens;
    private readonly TokenIssuer _issuer;
    private readonly ServiceCatalogView _catalog;
    private readonly Func<DateTimeOffset> _clock;
    private readonly TimeSpan _lifetime;
    private readonly ApplicationCredentialsApi _credentials;
    private readonly UsersApi _users;

    public KeystoneApi(IdentityDirectory directory, ServiceCatalogView catalog, Func<DateTimeOffset> clock,
        TimeSpan lifetime)
    {
        _directory = directory;
        _tokens = new TokenStore();
        _issuer = new TokenIssuer(directory, _tokens);
        _catalog = catalog;
        _clock = clock;
        _lifetime = lifetime;
        _credentials = new ApplicationCredentialsApi(directory);
        _users = new UsersApi(directory, catalog, _tokens);
    }

    public IdentityDirectory Directory => _directory;

    /// <summary>The token if it can be used now (not expired, not revoked).</summary>
    public IssuedToken? Authenticate(string? token) => _tokens.Valid(token, _clock());

    /// <summary>Handles a request whose path is below <c>identity/</c>.</summary>
    public CloudResponse Handle(CloudRequest request, string path)
    {
        try
        {
            return path.TrimEnd('/') switch
            {
                ""
                    => CloudResponse.Json(300,
                    new JObject { ["versions"] = new JObject { ["values"] = new JArray(Version()) } }),
                "v3" => CloudResponse.Json(200, new JObject { ["version"] = Version() }),
                "v3/auth/tokens" => Tokens(request),
                var other when other == "v3/users" || other.StartsWith("v3/users/", StringComparison.Ordinal)
                    => Users(request, other.Split('/')),
                "v3/roles" => _users.Roles(request, Caller(request)),
                var other when other.StartsWith("v3/projects/", StringComparison.Ordinal) => Grant(request, other),
                _ => throw KeystoneError.NotFound("The resource could not be found."),
            };
        }
        catch (KeystoneError e)
        {
            return e.ToResponse(_catalog.IdentityUrl);
        }
    }

    // v3/users[/{user_id}], v3/users/{user_id}/application_credentials[/{id}]
    private CloudResponse Users(CloudRequest request, string[] parts)
    {
        if (parts.Length <= 3)
        {
            return _users.Users(request, Caller(request), parts.Length == 3 ? parts[2] : null);
        }

        if (parts.Length > 5 || parts[3] != "application_credentials")
        {
            throw KeystoneError.NotFound("The resource could not be found.");
        }

        return _credentials.Handle(request, Caller(request), parts[2], parts.Length == 5 ? parts[4] : null);
    }

    // v3/projects/{project_id}/users/{user_id}/roles/{role_id}
    private CloudResponse Grant(CloudRequest request, string path)
    {
        var parts = path.Split('/');
        if (parts.Length != 7 || parts[3] != "users" || parts[5] != "roles")
        {
            throw KeystoneError.NotFound("The resource could not be found.");
        }

        return _users.Grant(request, Caller(request), parts[2], parts[4], parts[6]);
    }

    private IssuedToken Caller(CloudRequest request) =>
        _tokens.Valid(request.Header("X-Auth-Token"), _clock()) ?? throw KeystoneError.Unauthorized();

    private CloudResponse Tokens(CloudRequest request)
    {
        switch (request.Method)
        {
            case "POST":
                var issued = _issuer.Issue(request.Body, _clock(), _lifetime);
                return CloudResponse.Json(201, TokenView.Body(issued, _catalog)).With("X-Subject-Token",
                    issued.Value).With("Vary", "X-Auth-Token");
            case "GET":
            case "HEAD":
                var subject = Subject(request, "identity:validate_token");
                var body = CloudResponse.Json(200, TokenView.Body(subject, _catalog)).With("X-Subject-Token",
                    subject.Value).With("Vary", "X-Auth-Token");
                return request.Method == "GET" ? body : CloudResponse.Empty(200).With("X-Subject-Token", subject.Value);
            case "DELETE":
                Subject(request, "identity:revoke_token").Revoked = true;
                return CloudResponse.Empty(204).With("Vary", "X-Auth-Token");
            default:
                return new CloudResponse(405, "{\"message\": \"The method is not allowed for the requested URL.\"}")
                    .With("Allow", "OPTIONS, GET, POST, HEAD, DELETE");
        }
    }

    /// <summary>The X-Subject-Token, once the caller's X-Auth-Token is found good and allowed to see it
    /// (its owner or an admin).</summary>
    private IssuedToken Subject(CloudRequest request, string action)
    {
        var now = _clock();
        var caller = _tokens.Valid(request.Header("X-Auth-Token"), now) ?? throw KeystoneError.Unauthorized();
        var value = request.Header("X-Subject-Token") ?? throw KeystoneError.Forbidden(action);
        var subject = _tokens.Find(value) ?? throw KeystoneError.NotFound("Could not recognize Fernet token");
        if (subject.Revoked || subject.ExpiresAt <= now)
        {
            throw KeystoneError.NotFound("Failed to validate token");
        }

        return caller.User.Id == subject.User.Id || caller.IsAdmin ? subject : throw KeystoneError.Forbidden(action);
    }

    private JObject Version() => new()
    {
        ["id"] = "v3.14",
        ["status"] = "stable",
        ["updated"] = "2020-04-07T00:00:00Z",
        ["links"] = new JArray(new JObject { ["rel"] = "self", ["href"] = _catalog.IdentityUrl.ToString() }),
        ["media-types"] =
            new JArray(
            new JObject { ["base"] = "application/json", ["type"] = "application/vnd.openstack.identity-v3+json" }),
    };
}
