using System;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Identity;

/// <summary>A Keystone v3 token: its value (kept internal), its expiry, its scope and its catalog.</summary>
internal sealed class KeystoneToken
{
    public KeystoneToken(string value, JObject body)
    {
        Value = value;
        var token = body["token"] as JObject ?? throw new FormatException("the body has no 'token' object");
        ExpiresAt = token.Value<DateTime?>("expires_at") is { } expires
            ? new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc))
            : DateTimeOffset.MaxValue;
        UserId = token.SelectToken("user.id")?.ToString();
        UserName = token.SelectToken("user.name")?.ToString();
        UserDomainName = token.SelectToken("user.domain.name")?.ToString();
        ProjectId = token.SelectToken("project.id")?.ToString();
        ProjectName = token.SelectToken("project.name")?.ToString();
        DomainName = token.SelectToken("domain.name")?.ToString()
            ?? token.SelectToken("project.domain.name")?.ToString();
        Catalog = new ServiceCatalog(token["catalog"] as JArray);
    }

    public string Value { get; }

    public DateTimeOffset ExpiresAt { get; }

    public string? UserId { get; }

    public string? UserName { get; }

    public string? UserDomainName { get; }

    public string? ProjectId { get; }

    public string? ProjectName { get; }

    public string? DomainName { get; }

    public ServiceCatalog Catalog { get; }

    /// <summary>True within a minute of expiry, so a request never leaves with a token that dies on the way.</summary>
    public bool IsExpiring(DateTimeOffset now) => now >= ExpiresAt - TimeSpan.FromMinutes(1);
}
