using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Http;

namespace OpenStackVpn.Embedded.Identity;

/// <summary>POST /v3/auth/tokens: authenticates by password, token or application credential,
/// then scopes the token.</summary>
internal sealed class TokenIssuer
{
    private readonly IdentityDirectory _directory;
    private readonly TokenStore _tokens;

    public TokenIssuer(IdentityDirectory directory, TokenStore tokens)
    {
        _directory = directory;
        _tokens = tokens;
    }

    public IssuedToken Issue(string? body, DateTimeOffset now, TimeSpan lifetime)
    {
        var auth = Property(Parse(body), "auth");
        var identity = Property(auth, "identity");
        var methods =
            (identity["methods"] as JArray ?? throw KeystoneError.BadRequest("'methods' is a required property"))
            .Select(m => m.Type == JTokenType.String ? (string)m!
                : throw KeystoneError.BadRequest($"{m.ToString(Formatting.None)} is not of type 'string'"))
            .ToList();
        if (methods.Count == 0)
        {
            throw KeystoneError.Unauthorized();
        }

        User? user = null;
        IssuedToken? previous = null;
        ApplicationCredential? credential = null;
        foreach (var method in methods)
        {
            var section = identity[method] as JObject ?? throw KeystoneError.Unauthorized();
            var who = method switch
            {
                "password" => Password(section),
                "token" => (previous = Token(section, now)).User,
                "application_credential"
                    => _directory.Users.Single(u => u.Id == (credential = Credential(section)).UserId),
                _ => throw KeystoneError.Unauthorized(),
            };
            if (user != null && user.Id != who.Id)
            {
                throw KeystoneError.Unauthorized();
            }

            user = who;
        }

        var (project, domainScoped) = Scope(auth["scope"], user!, credential);
        var roles = project != null ? _directory.RolesOf(user!.Id, project.Id) : domainScoped
            ? _directory.RolesOf(user!.Id, null) : new List<Role>();
        if ((project != null || domainScoped) && roles.Count == 0)
        {
            throw KeystoneError.Unauthorized();
        }

        var allMethods = previous == null ? methods : methods.Concat(previous.Methods).Distinct().ToList();
        var audit = new List<string> { TokenStore.AuditId() };
        if (previous != null)
        {
            audit.Add(previous.AuditIds[0]);
        }

        var issued = new DateTimeOffset(now.UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond,
            TimeSpan.Zero);
        var expires = previous?.ExpiresAt ?? issued + lifetime;
        return _tokens.Add(value
            => new IssuedToken(value, user!, project, domainScoped, roles, allMethods, issued, expires, audit,
            credential));
    }

    private static JObject Parse(string? body)
    {
        try
        {
            return JsonText.Parse(body ?? "") as JObject ?? throw new JsonReaderException("not an object");
        }
        catch (JsonException)
        {
            throw KeystoneError.BadRequest(
                "Expecting to find valid JSON in request body. The server could not comply with the request since it " +
                "is either malformed or otherwise incorrect. The client is assumed to be in error.");
        }
    }

    private static JObject Property(JObject parent, string name) =>
        parent[name] as JObject ?? throw KeystoneError.BadRequest($"'{name}' is a required property");

    private User Password(JObject section)
    {
        var spec = section["user"] as JObject ?? throw KeystoneError.Unauthorized();
        var user = FindUser(spec);
        return user != null && spec.Value<string>("password") == user.Password ? user
            : throw KeystoneError.Unauthorized();
    }

    private IssuedToken Token(JObject section, DateTimeOffset now) =>
        _tokens.Valid(section.Value<string>("id"), now) ?? throw KeystoneError.NotFound("Failed to validate token");

    private ApplicationCredential Credential(JObject section)
    {
        var secret = section.Value<string>("secret");
        var id = section.Value<string>("id");
        ApplicationCredential? credential;
        if (id != null)
        {
            credential = _directory.ApplicationCredentials.Find(c => c.Id == id);
        }
        else
        {
            var owner = section["user"] is JObject spec ? FindUser(spec) : null;
            credential =
                _directory.ApplicationCredentials.Find(c => c.Name == section.Value<string>("name") && c.UserId
                == owner?.Id);
        }

        return credential != null && credential.Secret == secret ? credential : throw KeystoneError.Unauthorized();
    }

    private User? FindUser(JObject spec) =>
        _directory.FindUser(spec.Value<string>("id"), spec.Value<string>("name"),
            spec.SelectToken("domain.id")?.ToString(), spec.SelectToken("domain.name")?.ToString());

    private (Project? Project, bool DomainScoped) Scope(JToken? scope, User user, ApplicationCredential? credential)
    {
        if (credential != null)
        {
            var own = _directory.Projects.Single(p => p.Id == credential.ProjectId);
            var asked = scope is JObject { } requested && requested["project"] is JObject ? FindProject(requested)
                : own;
            return asked?.Id == own.Id ? (own, false) : throw KeystoneError.Unauthorized();
        }

        if (scope == null || (scope.Type == JTokenType.String && (string)scope! == "unscoped"))
        {
            return (null, false);
        }

        if (scope is not JObject request)
        {
            throw KeystoneError.Unauthorized();
        }

        if (request["project"] is JObject)
        {
            return (FindProject(request) ?? throw KeystoneError.Unauthorized(), false);
        }

        if (request["domain"] is JObject domain
            && IdentityDirectory.IsOurDomain(domain.Value<string>("id"), domain.Value<string>("name")))
        {
            return (null, true);
        }

        throw KeystoneError.Unauthorized();
    }

    private Project? FindProject(JObject scope)
    {
        var project = (JObject)scope["project"]!;
        return _directory.FindProject(project.Value<string>("id"), project.Value<string>("name"),
            project.SelectToken("domain.id")?.ToString(), project.SelectToken("domain.name")?.ToString());
    }
}
