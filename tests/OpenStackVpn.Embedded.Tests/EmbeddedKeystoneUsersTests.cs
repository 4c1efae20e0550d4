using System;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Xunit;

namespace OpenStackVpn.Embedded.Tests;

/// <summary>The embedded Keystone's user API: a test makes a user of its own, as it does on the lab.</summary>
public sealed class EmbeddedKeystoneUsersTests
{
    private const string Password = "pw +/=&%?\"tail";

    private static async Task<Reply> Identity(EmbeddedClient client, string method, string path, JObject? body,
        string user = "admin") =>
        await client.SendAsync(method, new Uri(client.Cloud.AuthUrl, path), body?.ToString(),
            await client.TokenAsync(user));

    private static JObject NewUser(string name) =>
        new() { ["user"] = new JObject { ["name"] = name, ["password"] = Password, ["domain_id"] = "default" } };

    [Fact]
    public async Task An_admin_creates_a_user_in_Keystones_shape_who_logs_in_with_its_password_once_granted_a_role()
    {
        using var client = new EmbeddedClient();
        var created = await Identity(client, "POST", "users", NewUser("probe"));

        Assert.Equal(201, created.Status);
        var user = (JObject)created.Body["user"]!;
        Assert.Equal(new[] { "id", "name", "domain_id", "enabled", "password_expires_at", "options", "links" },
            user.Properties().Select(p => p.Name));
        Assert.Null(user["password"]);
        Assert.Matches("^[0-9a-f]{32}$", (string)user["id"]!);

        var role = (JArray)(await Identity(client, "GET", "roles?name=admin", null)).Body["roles"]!;
        Assert.Equal("admin", (string)role.Single()["name"]!);
        var grant = await Identity(client, "PUT",
            $"projects/{client.Seed.AdminProjectId}/users/{user["id"]}/roles/{role[0]["id"]}", null);
        Assert.Equal(204, grant.Status);

        var login = await client.SendAsync("POST", new Uri(client.Cloud.AuthUrl, "auth/tokens"),
            LoginBody("probe", Password), null);
        Assert.Equal(201, login.Status);
        Assert.Contains("admin", login.Body["token"]!["roles"]!.Select(r => (string)r["name"]!));
    }

    [Fact]
    public async Task A_deleted_user_is_gone_its_tokens_revoked_and_it_can_no_longer_log_in()
    {
        using var client = new EmbeddedClient();
        var id = (string)(await Identity(client, "POST", "users", NewUser("gone"))).Body["user"]!["id"]!;
        var role = (string)(await Identity(client, "GET", "roles?name=member", null)).Body["roles"]![0]!["id"]!;
        await Identity(client, "PUT", $"projects/{client.Seed.AdminProjectId}/users/{id}/roles/{role}", null);
        var before = await client.SendAsync("POST", new Uri(client.Cloud.AuthUrl, "auth/tokens"),
            LoginBody("gone", Password), null);
        Assert.Equal(201, before.Status);
        var token = before.Header("X-Subject-Token");

        Assert.Equal(204, (await Identity(client, "DELETE", $"users/{id}", null)).Status);
        Assert.Equal(401, (await client.SendAsync("GET", new Uri(client.Cloud.AuthUrl, "auth/tokens"), null, token,
            new System.Collections.Generic.Dictionary<string, string> { ["X-Subject-Token"] = token! })).Status);
        Assert.Equal(404, (await Identity(client, "DELETE", $"users/{id}", null)).Status);
        var login = await client.SendAsync("POST", new Uri(client.Cloud.AuthUrl, "auth/tokens"),
            LoginBody("gone", Password), null);
        Assert.Equal(401, login.Status);
    }

    [Fact]
    public async Task A_member_may_not_create_or_delete_users_and_nothing_changes()
    {
        using var client = new EmbeddedClient();
        var before = client.Cloud.Seed.MemberUserId;

        var create = await Identity(client, "POST", "users", NewUser("sneaky"), user: "member");
        var delete = await Identity(client, "DELETE", $"users/{before}", null, user: "member");

        Assert.Equal(403, create.Status);
        Assert.Equal("You are not authorized to perform the requested action: identity:create_user.",
            (string?)create.Body.SelectToken("error.message"));
        Assert.Equal(403, delete.Status);
        var login = await client.SendAsync("POST", new Uri(client.Cloud.AuthUrl, "auth/tokens"),
            LoginBody("sneaky", Password), null);
        Assert.Equal(401, login.Status);
        Assert.Equal(201, (await client.SendAsync("POST", new Uri(client.Cloud.AuthUrl, "auth/tokens"),
            EmbeddedClient.PasswordAuth("member", "memberpass", "member"), null)).Status);
    }

    [Fact]
    public async Task A_second_user_of_the_same_name_is_a_409_conflict()
    {
        using var client = new EmbeddedClient();
        await Identity(client, "POST", "users", NewUser("twice"));
        var again = await Identity(client, "POST", "users", NewUser("twice"));

        Assert.Equal(409, again.Status);
        Assert.Equal("Conflict", (string?)again.Body.SelectToken("error.title"));
    }

    // JSON-escaped, so a password with " and & reaches Keystone as written.
    private static string LoginBody(string user, string password) => new JObject
    {
        ["auth"] = new JObject
        {
            ["identity"] = new JObject
            {
                ["methods"] = new JArray("password"),
                ["password"] = new JObject
                {
                    ["user"] = new JObject
                    {
                        ["name"] = user,
                        ["domain"] = new JObject { ["id"] = "default" },
                        ["password"] = password,
                    },
                },
            },
            ["scope"] = new JObject
            {
                ["project"] = new JObject { ["name"] = "admin", ["domain"] = new JObject { ["id"] = "default" } },
            },
        },
    }.ToString();
}
