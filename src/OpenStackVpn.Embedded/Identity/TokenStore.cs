using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace OpenStackVpn.Embedded.Identity;

/// <summary>A token Keystone issued: who, which scope, which methods, until when.</summary>
internal sealed class IssuedToken
{
    public IssuedToken(string value, User user, Project? project, bool domainScoped, IReadOnlyList<Role> roles,
        IReadOnlyList<string> methods, DateTimeOffset issuedAt, DateTimeOffset expiresAt,
        IReadOnlyList<string> auditIds, ApplicationCredential? credential)
    {
        Value = value;
        User = user;
        Project = project;
        DomainScoped = domainScoped;
        Roles = roles;
        Methods = methods;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        AuditIds = auditIds;
        Credential = credential;
    }

    public string Value { get; }

    public User User { get; }

    public Project? Project { get; }

    public bool DomainScoped { get; }

    public IReadOnlyList<Role> Roles { get; }

    public IReadOnlyList<string> Methods { get; }

    public DateTimeOffset IssuedAt { get; }

    public DateTimeOffset ExpiresAt { get; }

    public IReadOnlyList<string> AuditIds { get; }

    public ApplicationCredential? Credential { get; }

    public bool Revoked { get; set; }

    public bool IsAdmin => Roles is { Count: > 0 } && HasRole("admin");

    public bool HasRole(string name)
    {
        foreach (var role in Roles)
        {
            if (role.Name == name)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Issued tokens by value; a token is usable until it expires or is revoked.</summary>
internal sealed class TokenStore
{
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    public IssuedToken Add(Func<string, IssuedToken> create)
    {
        var token = create(NewValue());
        _tokens[token.Value] = token;
        return token;
    }

    /// <summary>The token if it was ever issued, usable or not.</summary>
    public IssuedToken? Find(string? value) => value != null && _tokens.TryGetValue(value, out var token) ? token
        : null;

    /// <summary>The token if it is usable now.</summary>
    public IssuedToken? Valid(string? value, DateTimeOffset now) =>
        Find(value) is { Revoked: false } token && token.ExpiresAt > now ? token : null;

    /// <summary>Revokes every token of a user, as Keystone does when the user is deleted.</summary>
    public void RevokeUser(string userId)
    {
        foreach (var token in _tokens.Values)
        {
            if (token.User.Id == userId)
            {
                token.Revoked = true;
            }
        }
    }

    /// <summary>A Fernet-looking opaque value.</summary>
    private static string NewValue() => "gAAAAAB" + RandomText(135);

    public static string RandomText(int bytes)
    {
        var data = new byte[bytes];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(data);
        }

        return Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>An audit id as Keystone writes them: 16 random bytes in URL-safe base64.</summary>
    public static string AuditId() => RandomText(16);
}
