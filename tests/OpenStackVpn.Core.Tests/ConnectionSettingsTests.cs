using System;
using System.Collections.Generic;
using System.IO;
using OpenStackVpn;
using OpenStackVpn.Core;
using OpenStackVpn.Core.Config;
using Xunit;

namespace OpenStackVpn.Core.Tests;

public sealed class ConnectionSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("osvpn-config-").FullName;
    private readonly Dictionary<string, string> _env = new();

    public void Dispose() => Directory.Delete(_folder, true);

    private string? Env(string name) => _env.TryGetValue(name, out var value) ? value : null;

    private ConnectionSettings Resolve(Dictionary<string, string?>? parameters = null, string? cloud = null) =>
        ConnectionSettings.Resolve(parameters ?? new Dictionary<string, string?>(), cloud, Env, _folder);

    private void WriteClouds(string yaml, string file = "clouds.yaml") => File.WriteAllText(Path.Combine(_folder, file), yaml);

    private const string Clouds = """
        clouds:
          lab:
            auth:
              auth_url: http://keystone.test:5000
              username: alice
              password: from-yaml
              project_name: vpn
              user_domain_name: Users
            region_name: RegionTwo
            interface: internal
            verify: false
        """;

    [Fact]
    public void Reads_a_cloud_from_clouds_yaml_in_the_current_folder()
    {
        WriteClouds(Clouds);
        var s = Resolve(cloud: "lab");
        Assert.Equal(new Uri("http://keystone.test:5000/v3/"), s.AuthUrl);
        Assert.Equal("alice", s.UserName);
        Assert.Equal("from-yaml", Secrets.ToPlain(s.Password));
        Assert.Equal("vpn", s.ProjectName);
        Assert.Equal("Users", s.ProjectDomainName);
        Assert.Equal("RegionTwo", s.RegionName);
        Assert.Equal("internal", s.Interface);
        Assert.True(s.SkipCertificateCheck);
        Assert.Equal(AuthMethod.Password, s.Method);
    }

    [Fact]
    public void Parameters_win_over_the_cloud_entry()
    {
        WriteClouds(Clouds);
        var s = Resolve(new() { ["region_name"] = "RegionOne", ["password"] = "typed" }, "lab");
        Assert.Equal("RegionOne", s.RegionName);
        Assert.Equal("typed", Secrets.ToPlain(s.Password));
        Assert.Equal("alice", s.UserName);
    }

    [Fact]
    public void OS_CLOUD_selects_the_cloud_and_the_OS_variables_are_then_not_mixed_in()
    {
        WriteClouds(Clouds);
        _env["OS_CLOUD"] = "lab";
        _env["OS_USERNAME"] = "bob";
        var s = Resolve();
        Assert.Equal("alice", s.UserName);
        Assert.Equal("lab", s.CloudName);
    }

    [Fact]
    public void OS_variables_are_used_when_no_cloud_is_named()
    {
        _env["OS_AUTH_URL"] = "https://id.test/v3";
        _env["OS_USERNAME"] = "bob";
        _env["OS_PASSWORD"] = "pw";
        _env["OS_TENANT_NAME"] = "legacy";
        _env["OS_ENDPOINT_TYPE"] = "adminURL";
        var s = Resolve();
        Assert.Equal("bob", s.UserName);
        Assert.Equal("legacy", s.ProjectName);
        Assert.Equal("admin", s.Interface);
        Assert.Equal("OS_* environment variables", s.Source);
    }

    [Fact]
    public void Secure_yaml_supplies_the_secrets_of_clouds_yaml()
    {
        WriteClouds(Clouds.Replace("      password: from-yaml\n", "", StringComparison.Ordinal));
        WriteClouds("clouds:\n  lab:\n    auth:\n      password: from-secure\n", "secure.yaml");
        Assert.Equal("from-secure", Secrets.ToPlain(Resolve(cloud: "lab").Password));
    }

    [Fact]
    public void OS_CLIENT_CONFIG_FILE_names_the_file()
    {
        var path = Path.Combine(_folder, "elsewhere.yaml");
        File.WriteAllText(path, Clouds);
        _env["OS_CLIENT_CONFIG_FILE"] = path;
        Assert.Equal("alice", Resolve(cloud: "lab").UserName);
    }

    [Fact]
    public void An_unknown_cloud_lists_the_known_ones()
    {
        WriteClouds(Clouds);
        var e = Assert.Throws<OpenStackException>(() => Resolve(cloud: "nope"));
        Assert.Equal(OpenStackErrorKind.Configuration, e.Kind);
        Assert.Contains("Clouds defined there: lab.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_error_names_the_file_and_line()
    {
        WriteClouds("clouds:\n  lab:\n    auth: {auth_url: [\n");
        var e = Assert.Throws<OpenStackException>(() => Resolve(cloud: "lab"));
        Assert.Contains("clouds.yaml is not valid YAML: line ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_application_credential_is_chosen_by_its_fields()
    {
        var s = Resolve(new() { ["auth_url"] = "http://k/v3", ["application_credential_id"] = "id1", ["application_credential_secret"] = "s" });
        Assert.Equal(AuthMethod.ApplicationCredential, s.Method);
    }

    [Fact]
    public void A_token_alone_means_token_authentication()
    {
        var s = Resolve(new() { ["auth_url"] = "http://k", ["token"] = "t" });
        Assert.Equal(AuthMethod.Token, s.Method);
    }

    [Theory]
    [InlineData("auth_url", "No Keystone auth URL")]
    [InlineData("password", "needs a password")]
    public void Missing_settings_are_named(string omitted, string expected)
    {
        var p = new Dictionary<string, string?> { ["auth_url"] = "http://k", ["username"] = "u", ["password"] = "p" };
        p.Remove(omitted);
        var e = Assert.Throws<OpenStackException>(() => Resolve(p));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_interface_is_refused()
    {
        var e = Assert.Throws<OpenStackException>(() => Resolve(new() { ["auth_url"] = "http://k", ["token"] = "t", ["interface"] = "private" }));
        Assert.Equal("Interface", e.ParameterName);
    }
}
