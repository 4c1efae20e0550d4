using System;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Identity;

/// <summary>The body Keystone returns for a token: <c>{"token": {methods, user, audit_ids, expires_at, issued_at,
/// scope, roles, catalog}}</c>.</summary>
internal static class TokenView
{
    public static JObject Body(IssuedToken token, ServiceCatalogView catalog)
    {
        var body = new JObject
        {
            ["methods"] = new JArray(token.Methods.ToArray()),
            ["user"] = new JObject
            {
                ["domain"] = Domain(),
                ["id"] = token.User.Id,
                ["name"] = token.User.Name,
                ["password_expires_at"] = null,
            },
            ["audit_ids"] = new JArray(token.AuditIds.ToArray()),
            ["expires_at"] = Timestamp(token.ExpiresAt),
            ["issued_at"] = Timestamp(token.IssuedAt),
        };
        if (token.Project is { } project)
        {
            body["project"] = new JObject { ["domain"] = Domain(), ["id"] = project.Id, ["name"] = project.Name };
            body["is_domain"] = false;
        }
        else if (token.DomainScoped)
        {
            body["domain"] = Domain();
        }

        if (token.Project != null || token.DomainScoped)
        {
            body["roles"] = new JArray(token.Roles.Select(r => new JObject { ["id"] = r.Id, ["name"] = r.Name }));
            body["catalog"] = catalog.ToJson();
        }

        if (token.Credential is { } credential)
        {
            body["application_credential"] = new JObject { ["id"] = credential.Id, ["name"] = credential.Name,
                ["restricted"] = true };
        }

        return new JObject { ["token"] = body };
    }

    /// <summary>Keystone's format: whole seconds (Fernet tokens keep no more), six zero decimals, Z.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + ".000000Z";

    private static JObject Domain()
        => new() { ["id"] = IdentityDirectory.DomainId, ["name"] = IdentityDirectory.DomainName };
}
