using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded;
using Xunit;

namespace OpenStackVpn.Embedded.Tests;

public sealed class EmbeddedKeystoneTests
{
    private static Task<Reply> Issue(EmbeddedClient client, string body) =>
        client.SendAsync("POST", new Uri(client.Cloud.AuthUrl, "auth/tokens"), body, null);

    private static Task<Reply> Tokens(EmbeddedClient client, string method, string? auth, string? subject) =>
        client.SendAsync(method, new Uri(client.Cloud.AuthUrl, "auth/tokens"), null, auth, subject == null ? null : new System.Collections.Generic.Dictionary<string, string> { ["X-Subject-Token"] = subject });

    [Fact]
    public async Task A_password_token_has_the_real_body_shape_and_a_subject_token()
    {
        using var client = new EmbeddedClient();
        var reply = await Issue(client, EmbeddedClient.PasswordAuth("member", "memberpass", "member"));

        Assert.Equal(201, reply.Status);
        Assert.StartsWith("gAAAAA", reply.Header("X-Subject-Token"), StringComparison.Ordinal);
        var token = (JObject)reply.Body["token"]!;
        Assert.Equal(new[] { "methods", "user", "audit_ids", "expires_at", "issued_at", "project", "is_domain", "roles", "catalog" }, token.Properties().Select(p => p.Name));
        Assert.Equal(client.Seed.MemberProjectId, (string?)token.SelectToken("project.id"));
        Assert.Equal("Default", (string?)token.SelectToken("project.domain.name"));
        Assert.Equal(new[] { "member", "reader" }, token["roles"]!.Select(r => (string)r["name"]!));
        Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000Z$"), (string)token["expires_at"]!);
        var lifetime = DateTime.Parse((string)token["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture) - DateTime.Parse((string)token["issued_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(1), lifetime);
    }

    [Fact]
    public async Task The_catalog_lists_identity_and_network_with_three_interfaces_in_RegionOne()
    {
        using var client = new EmbeddedClient();
        var catalog = (JArray)(await Issue(client, EmbeddedClient.PasswordAuth("admin", "adminpass", "admin"))).Body.SelectToken("token.catalog")!;

        Assert.Equal(new[] { "identity", "network" }, catalog.Select(s => (string)s["type"]!));
        foreach (var service in catalog)
        {
            Assert.Equal(new[] { "public", "internal", "admin" }, service["endpoints"]!.Select(e => (string)e["interface"]!));
            Assert.All(service["endpoints"]!, e => Assert.Equal("RegionOne", (string)e["region_id"]!));
        }

        Assert.Equal("http://embedded.openstack.test/identity/v3/", (string)catalog[0]["endpoints"]![0]!["url"]!);
        Assert.Equal("http://embedded.openstack.test/network", (string)catalog[1]["endpoints"]![0]!["url"]!);
    }

    [Theory]
    [InlineData("member", "wrong", "member")]
    [InlineData("nobody", "memberpass", "member")]
    [InlineData("member", "memberpass", "nope")]
    [InlineData("member", "memberpass", "admin")]
    public async Task Bad_credentials_or_a_project_without_a_role_are_401_in_Keystones_shape(string user, string password, string project)
    {
        using var client = new EmbeddedClient();
        var reply = await Issue(client, EmbeddedClient.PasswordAuth(user, password, project));

        Assert.Equal(401, reply.Status);
        Assert.Equal("{\"error\":{\"code\":401,\"message\":\"The request you have made requires authentication.\",\"title\":\"Unauthorized\"}}", reply.Text);
        Assert.Equal("Keystone uri=\"http://embedded.openstack.test/identity/v3\"", reply.Header("WWW-Authenticate"));
        Assert.Null(reply.Header("X-Subject-Token"));
    }

    [Fact]
    public async Task Users_and_projects_can_be_named_by_id_and_the_domain_by_id()
    {
        using var client = new EmbeddedClient();
        var body = new JObject
        {
            ["auth"] = new JObject
            {
                ["identity"] = new JObject { ["methods"] = new JArray("password"), ["password"] = new JObject { ["user"] = new JObject { ["id"] = client.Seed.AdminUserId, ["password"] = "adminpass" } } },
                ["scope"] = new JObject { ["project"] = new JObject { ["id"] = client.Seed.AdminProjectId } },
            },
        };
        var reply = await Issue(client, body.ToString());
        Assert.Equal(201, reply.Status);
        Assert.Contains("admin", reply.Body.SelectToken("token.roles")!.Select(r => (string)r["name"]!));
    }

    [Fact]
    public async Task An_unscoped_token_has_no_project_roles_or_catalog_and_a_domain_token_has_the_domain()
    {
        using var client = new EmbeddedClient();
        var unscoped = (JObject)(await Issue(client, EmbeddedClient.PasswordAuth("member", "memberpass", null))).Body["token"]!;
        Assert.Equal(new[] { "methods", "user", "audit_ids", "expires_at", "issued_at" }, unscoped.Properties().Select(p => p.Name));

        var domain = await Issue(client, "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"admin\",\"domain\":{\"id\":\"default\"},\"password\":\"adminpass\"}}},\"scope\":{\"domain\":{\"id\":\"default\"}}}}");
        Assert.Equal(201, domain.Status);
        Assert.Equal("Default", (string?)domain.Body.SelectToken("token.domain.name"));
        Assert.Null(domain.Body.SelectToken("token.project"));
        Assert.NotNull(domain.Body.SelectToken("token.catalog"));
    }

    [Fact]
    public async Task A_token_and_an_application_credential_authenticate_too()
    {
        using var client = new EmbeddedClient();
        var first = await client.TokenAsync("member");
        var byToken = await Issue(client, "{\"auth\":{\"identity\":{\"methods\":[\"token\"],\"token\":{\"id\":\"" + first + "\"}},\"scope\":{\"project\":{\"name\":\"member\",\"domain\":{\"name\":\"Default\"}}}}}");
        Assert.Equal(201, byToken.Status);
        Assert.Equal(new[] { "token", "password" }, byToken.Body.SelectToken("token.methods")!.Select(m => (string)m!));

        var credential = await Issue(client, "{\"auth\":{\"identity\":{\"methods\":[\"application_credential\"],\"application_credential\":{\"id\":\"" + client.Seed.ApplicationCredentialId + "\",\"secret\":\"" + client.Seed.ApplicationCredentialSecret + "\"}}}}");
        Assert.Equal(201, credential.Status);
        Assert.Equal(client.Seed.AdminProjectId, (string?)credential.Body.SelectToken("token.project.id"));
        Assert.Equal(client.Seed.ApplicationCredentialId, (string?)credential.Body.SelectToken("token.application_credential.id"));

        var wrongSecret = await Issue(client, "{\"auth\":{\"identity\":{\"methods\":[\"application_credential\"],\"application_credential\":{\"id\":\"" + client.Seed.ApplicationCredentialId + "\",\"secret\":\"nope\"}}}}");
        Assert.Equal(401, wrongSecret.Status);
    }

    [Fact]
    public async Task A_token_validates_then_is_revoked_and_refused_everywhere()
    {
        using var client = new EmbeddedClient();
        var token = (await Issue(client, EmbeddedClient.PasswordAuth("member", "memberpass", "member"))).Header("X-Subject-Token")!;

        var valid = await Tokens(client, "GET", token, token);
        Assert.Equal(200, valid.Status);
        Assert.Equal(token, valid.Header("X-Subject-Token"));
        Assert.Equal(client.Seed.MemberProjectId, (string?)valid.Body.SelectToken("token.project.id"));

        Assert.Equal(204, (await Tokens(client, "DELETE", token, token)).Status);
        var other = await client.TokenAsync("member");
        var revoked = await Tokens(client, "GET", other, token);
        Assert.Equal(404, revoked.Status);
        Assert.Equal("Failed to validate token", (string?)revoked.Body.SelectToken("error.message"));
        Assert.Equal(404, (await Tokens(client, "DELETE", other, token)).Status);

        var neutron = await client.SendAsync("GET", new Uri(client.Cloud.BaseUri, "network/v2.0/vpn/ikepolicies"), null, token);
        Assert.Equal(401, neutron.Status);
        Assert.Equal("Keystone uri=\"http://embedded.openstack.test/identity\"", neutron.Header("WWW-Authenticate"));
        Assert.Equal("{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\": \"The request you have made requires authentication.\"}}", neutron.Text);
    }

    [Fact]
    public async Task Validation_needs_a_subject_and_an_unknown_one_is_not_recognized()
    {
        using var client = new EmbeddedClient();
        var token = await client.TokenAsync("member");
        Assert.Equal(403, (await Tokens(client, "GET", token, null)).Status);
        Assert.Equal(401, (await Tokens(client, "GET", null, token)).Status);
        var unknown = await Tokens(client, "GET", token, "bogus");
        Assert.Equal(404, unknown.Status);
        Assert.Equal("Could not recognize Fernet token", (string?)unknown.Body.SelectToken("error.message"));
    }

    [Fact]
    public async Task An_expired_token_is_refused_by_Neutron_and_not_found_by_Keystone()
    {
        using var client = new EmbeddedClient(new EmbeddedCloudOptions { TokenLifetime = TimeSpan.FromMinutes(5) });
        var now = DateTimeOffset.UtcNow;
        client.Cloud.Clock = () => now;
        var token = await client.TokenAsync("member");
        Assert.Equal(200, (await client.NeutronAsync("GET", "vpn/ikepolicies")).Status);

        now += TimeSpan.FromMinutes(6);
        Assert.Equal(401, (await client.NeutronAsync("GET", "vpn/ikepolicies")).Status);
        var admin = await Issue(client, EmbeddedClient.PasswordAuth("admin", "adminpass", "admin"));
        Assert.Equal(404, (await Tokens(client, "GET", admin.Header("X-Subject-Token"), token)).Status);
    }

    [Fact]
    public async Task Malformed_bodies_are_400_and_the_version_document_is_served()
    {
        using var client = new EmbeddedClient();
        Assert.Equal(400, (await Issue(client, "garbage")).Status);
        var missing = await Issue(client, "{\"auth\":{}}");
        Assert.Equal(400, missing.Status);
        Assert.Equal("'identity' is a required property", (string?)missing.Body.SelectToken("error.message"));
        var version = await client.SendAsync("GET", client.Cloud.AuthUrl, null, null);
        Assert.Equal("v3.14", (string?)version.Body.SelectToken("version.id"));
    }
}
