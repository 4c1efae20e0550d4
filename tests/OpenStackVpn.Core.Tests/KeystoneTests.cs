using System;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Config;
using OpenStackVpn.Core.Identity;
using Xunit;

namespace OpenStackVpn.Core.Tests;

public sealed class KeystoneTests
{
    private static readonly JArray Catalog = JArray.Parse("""
        [
          {"type": "identity", "endpoints": [{"interface": "public", "region_id": "R1", "url": "http://k:5000/v3"}]},
          {"type": "network", "endpoints": [
            {"interface": "public", "region_id": "R1", "url": "http://n1:9696"},
            {"interface": "internal", "region_id": "R1", "url": "http://n1-int:9696/v2.0/"},
            {"interface": "public", "region_id": "R2", "url": "http://n2:9696/"}
          ]}
        ]
        """);

    [Fact]
    public void The_catalog_gives_the_network_endpoint_of_a_region_and_interface_and_the_region_it_found()
    {
        var catalog = new ServiceCatalog(Catalog);
        Assert.Equal((new Uri("http://n2:9696/"), "R2"), catalog.Find("network", "public", "R2"));
        Assert.Equal((new Uri("http://n1-int:9696/"), "R1"), catalog.Find("network", "internal", null));
    }

    [Fact]
    public void Several_regions_without_a_choice_is_an_error_that_lists_them()
    {
        var e = Assert.Throws<OpenStackException>(() => new ServiceCatalog(Catalog).Find("network", "public", null));
        Assert.Contains("several regions (R1, R2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_service_says_what_the_catalog_has()
    {
        var e = Assert.Throws<OpenStackException>(() => new ServiceCatalog(Catalog).Find("network", "admin", "R1"));
        Assert.Contains("public in R1", e.Message, StringComparison.Ordinal);
        var none = Assert.Throws<OpenStackException>(() => new ServiceCatalog(new JArray()).Find("network", "public", null));
        Assert.Contains("no 'network' service at all", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_request_names_user_domain_and_project_scope()
    {
        var s = new ConnectionSettings { AuthUrl = new Uri("http://k/v3/"), Method = AuthMethod.Password, UserName = "u", Password = Secrets.ToSecure("p"), ProjectName = "proj" };
        var body = KeystoneClient.TokenRequest(s);
        Assert.Equal("password", body.SelectToken("auth.identity.methods[0]")!.ToString());
        Assert.Equal("Default", body.SelectToken("auth.identity.password.user.domain.name")!.ToString());
        Assert.Equal("p", body.SelectToken("auth.identity.password.user.password")!.ToString());
        Assert.Equal("proj", body.SelectToken("auth.scope.project.name")!.ToString());
        Assert.Equal("Default", body.SelectToken("auth.scope.project.domain.name")!.ToString());
    }

    [Fact]
    public void An_application_credential_by_name_names_its_user_and_has_no_scope()
    {
        var s = new ConnectionSettings
        {
            AuthUrl = new Uri("http://k/v3/"), Method = AuthMethod.ApplicationCredential,
            ApplicationCredentialName = "ci", UserName = "u", UserDomainName = "D", ApplicationCredentialSecret = Secrets.ToSecure("s"),
        };
        var body = KeystoneClient.TokenRequest(s);
        Assert.Equal("ci", body.SelectToken("auth.identity.application_credential.name")!.ToString());
        Assert.Equal("D", body.SelectToken("auth.identity.application_credential.user.domain.name")!.ToString());
        Assert.Null(body.SelectToken("auth.scope"));
    }

    [Fact]
    public void A_token_body_gives_expiry_scope_and_catalog()
    {
        var body = new JObject
        {
            ["token"] = new JObject
            {
                ["expires_at"] = "2030-01-02T03:04:05.000000Z",
                ["project"] = new JObject { ["id"] = "p1", ["name"] = "proj", ["domain"] = new JObject { ["name"] = "Default" } },
                ["user"] = new JObject { ["id"] = "u1", ["name"] = "alice" },
                ["catalog"] = Catalog,
            },
        };
        var token = new KeystoneToken("t", body);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), token.ExpiresAt);
        Assert.Equal("proj", token.ProjectName);
        Assert.False(token.IsExpiring(new DateTimeOffset(2030, 1, 2, 3, 0, 0, TimeSpan.Zero)));
        Assert.True(token.IsExpiring(new DateTimeOffset(2030, 1, 2, 3, 3, 30, TimeSpan.Zero)));
    }
}
