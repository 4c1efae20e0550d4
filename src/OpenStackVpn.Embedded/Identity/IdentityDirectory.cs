using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Embedded.Identity;

internal sealed record Project(string Id, string Name, string DomainId);

internal sealed record User(string Id, string Name, string DomainId, string Password);

internal sealed record Role(string Id, string Name);

/// <summary>A role of a user on a project, or on a domain when <see cref="ProjectId"/> is null.</summary>
internal sealed record Assignment(string UserId, string? ProjectId, string? DomainId, Role Role);

internal sealed record ApplicationCredential(string Id, string Name, string Secret, string UserId, string ProjectId);

/// <summary>Keystone's directory: the one domain, the projects, users, roles and their assignments, as the lab's
/// bootstrap makes them.</summary>
internal sealed class IdentityDirectory
{
    public const string DomainId = "default";
    public const string DomainName = "Default";

    public List<Project> Projects { get; } = new();

    public List<User> Users { get; } = new();

    public List<Role> Roles { get; } = new();

    public List<Assignment> Assignments { get; } = new();

    public List<ApplicationCredential> ApplicationCredentials { get; } = new();

    public Role Role(string name) => Roles.Single(r => r.Name == name);

    public Project? FindProject(string? id, string? name, string? domainId, string? domainName)
    {
        if (id != null)
        {
            return Projects.Find(p => p.Id == id);
        }

        return name != null && IsOurDomain(domainId, domainName) ? Projects.Find(p => p.Name == name) : null;
    }

    public User? FindUser(string? id, string? name, string? domainId, string? domainName)
    {
        if (id != null)
        {
            return Users.Find(u => u.Id == id);
        }

        return name != null && IsOurDomain(domainId, domainName) ? Users.Find(u => u.Name == name) : null;
    }

    public static bool IsOurDomain(string? id, string? name) =>
        (id != null && id == DomainId) || (id == null && name != null && name == DomainName);

    /// <summary>The user's roles on a project (or on the domain when <paramref name="projectId"/> is null),
    /// implied roles included.</summary>
    public List<Role> RolesOf(string userId, string? projectId)
    {
        var roles = Assignments
            .Where(a => a.UserId == userId && a.ProjectId == projectId && (projectId != null || a.DomainId == DomainId))
            .Select(a => a.Role)
            .ToList();
        return roles.Count == 0 ? roles : ImplyRoles(roles);
    }

    /// <summary>Keystone's bootstrap implies admin → member → reader.</summary>
    private List<Role> ImplyRoles(List<Role> roles)
    {
        var names = new HashSet<string>(roles.Select(r => r.Name), StringComparer.Ordinal);
        if (names.Contains("admin"))
        {
            names.Add("member");
        }

        if (names.Contains("member"))
        {
            names.Add("reader");
        }

        return Roles.Where(r => names.Contains(r.Name)).ToList();
    }
}
