using System;

namespace OpenStackVpn.Embedded.Identity;

/// <summary>Keystone as the lab's bootstrap leaves it: admin and member projects and users, and an application
/// credential for admin.</summary>
internal static class IdentitySeeder
{
    public static IdentityDirectory Seed(EmbeddedSeed seed)
    {
        var directory = new IdentityDirectory();
        foreach (var role in new[] { "admin", "member", "reader", "service" })
        {
            directory.Roles.Add(new Role(NewId(), role));
        }

        var admin = new Project(NewId(), seed.AdminProjectName, IdentityDirectory.DomainId);
        var member = new Project(NewId(), seed.MemberProjectName, IdentityDirectory.DomainId);
        directory.Projects.Add(admin);
        directory.Projects.Add(member);
        directory.Projects.Add(new Project(NewId(), "service", IdentityDirectory.DomainId));

        var adminUser = new User(NewId(), seed.AdminUserName, IdentityDirectory.DomainId, seed.AdminPassword);
        var memberUser = new User(NewId(), seed.MemberUserName, IdentityDirectory.DomainId, seed.MemberPassword);
        directory.Users.Add(adminUser);
        directory.Users.Add(memberUser);
        directory.Assignments.Add(new Assignment(adminUser.Id, admin.Id, null, directory.Role("admin")));
        directory.Assignments.Add(
            new Assignment(adminUser.Id, null, IdentityDirectory.DomainId, directory.Role("admin")));
        directory.Assignments.Add(new Assignment(memberUser.Id, member.Id, null, directory.Role("member")));

        var credential = new ApplicationCredential(NewId(), "embedded-admin", TokenStore.RandomText(32), adminUser.Id,
            admin.Id);
        directory.ApplicationCredentials.Add(credential);

        seed.AdminProjectId = admin.Id;
        seed.MemberProjectId = member.Id;
        seed.AdminUserId = adminUser.Id;
        seed.MemberUserId = memberUser.Id;
        seed.ApplicationCredentialId = credential.Id;
        seed.ApplicationCredentialName = credential.Name;
        seed.ApplicationCredentialSecret = credential.Secret;
        return directory;
    }

    /// <summary>Keystone's ids: a UUID4 in 32 hex digits.</summary>
    private static string NewId() => Guid.NewGuid().ToString("N");
}
