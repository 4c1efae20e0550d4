using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpenStackVpn.Core.Config;
using Xunit;

namespace OpenStackVpn.Core.Tests.Windows;

/// <summary>Where clouds.yaml is looked for, in openstacksdk's order; Windows' folders from injected Windows-like variables.</summary>
public sealed class CloudsSearchTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("osvpn-search-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private static Func<string, string?> Env(Dictionary<string, string> values) => name => values.TryGetValue(name, out var v) ? v : null;

    private static readonly Dictionary<string, string> Windows = new()
    {
        ["USERPROFILE"] = @"C:\Users\alice",
        ["HOME"] = @"D:\not-used", // Python's expanduser ignores HOME on Windows
        ["LOCALAPPDATA"] = @"C:\Users\alice\AppData\Local",
        ["APPDATA"] = @"C:\Users\alice\AppData\Roaming",
        ["ProgramData"] = @"C:\ProgramData",
    };

    [Fact]
    public void On_Windows_the_user_folder_comes_before_the_site_folder_and_each_takes_yaml_yml_and_json()
    {
        var paths = CloudsFile.SearchPaths("clouds", "OS_CLIENT_CONFIG_FILE", Env(Windows), @"C:\runbooks", ConfigPlatform.Windows);
        Assert.Equal(new[]
        {
            @"C:\runbooks\clouds.yaml", @"C:\runbooks\clouds.yml", @"C:\runbooks\clouds.json",
            @"C:\Users\alice\AppData\Local\OpenStack\openstack\clouds.yaml", @"C:\Users\alice\AppData\Local\OpenStack\openstack\clouds.yml", @"C:\Users\alice\AppData\Local\OpenStack\openstack\clouds.json",
            @"C:\Users\alice\.config\openstack\clouds.yaml", @"C:\Users\alice\.config\openstack\clouds.yml", @"C:\Users\alice\.config\openstack\clouds.json",
            @"C:\ProgramData\OpenStack\openstack\clouds.yaml", @"C:\ProgramData\OpenStack\openstack\clouds.yml", @"C:\ProgramData\OpenStack\openstack\clouds.json",
            @"C:\etc\openstack\clouds.yaml", @"C:\etc\openstack\clouds.yml", @"C:\etc\openstack\clouds.json",
        }, paths);
    }

    [Fact]
    public void On_Windows_secure_files_are_looked_for_in_the_same_folders()
    {
        var paths = CloudsFile.SearchPaths("secure", "OS_CLIENT_SECURE_FILE", Env(Windows), @"C:\runbooks", ConfigPlatform.Windows);
        Assert.Equal(@"C:\Users\alice\AppData\Local\OpenStack\openstack\secure.yaml", paths[3]);
        Assert.Equal(@"C:\ProgramData\OpenStack\openstack\secure.json", paths[11]);
    }

    [Fact]
    public void OS_CLIENT_CONFIG_FILE_is_the_only_file_when_set()
    {
        var env = new Dictionary<string, string>(Windows) { ["OS_CLIENT_CONFIG_FILE"] = @"E:\ops\clouds.yaml" };
        Assert.Equal(new[] { @"E:\ops\clouds.yaml" }, CloudsFile.SearchPaths("clouds", "OS_CLIENT_CONFIG_FILE", Env(env), @"C:\runbooks", ConfigPlatform.Windows));
    }

    [Fact]
    public void On_Linux_XDG_folders_are_searched_as_platformdirs_does()
    {
        var env = new Dictionary<string, string> { ["HOME"] = "/home/alice", ["XDG_CONFIG_HOME"] = "/home/alice/cfg", ["XDG_CONFIG_DIRS"] = "/opt/xdg:/etc/xdg" };
        var folders = CloudsFile.SearchFolders(Env(env), "/work", ConfigPlatform.Unix);
        Assert.Equal(new[] { "/work", "/home/alice/cfg/openstack", "/home/alice/.config/openstack", "/opt/xdg/openstack", "/etc/openstack" }, folders);
        var plain = CloudsFile.SearchFolders(Env(new Dictionary<string, string> { ["HOME"] = "/home/alice" }), "/work", ConfigPlatform.Unix);
        Assert.Equal(new[] { "/work", "/home/alice/.config/openstack", "/etc/xdg/openstack", "/etc/openstack" }, plain);
    }

    [Fact]
    public void The_first_file_found_wins_user_before_site_and_yaml_before_json()
    {
        var user = Path.Combine(_folder, "user", "openstack");
        var site = Path.Combine(_folder, "site", "openstack");
        Directory.CreateDirectory(user);
        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(site, "clouds.yaml"), Cloud("site", "yaml"));
        File.WriteAllText(Path.Combine(user, "clouds.json"), """{"clouds": {"c": {"auth": {"auth_url": "http://user-json:5000/v3", "username": "u", "password": "p"}, "verify": false}}}""");
        var env = new Dictionary<string, string>
        {
            ["HOME"] = Path.Combine(_folder, "home"),
            ["XDG_CONFIG_HOME"] = Path.Combine(_folder, "user"),
            ["XDG_CONFIG_DIRS"] = Path.Combine(_folder, "site"),
        };
        var cwd = Path.Combine(_folder, "cwd");
        Directory.CreateDirectory(cwd);

        Assert.Equal("http://user-json:5000/v3", Read(env, cwd)["auth_url"]);
        Assert.Equal("false", Read(env, cwd)["verify"]);

        File.WriteAllText(Path.Combine(user, "clouds.yml"), Cloud("user", "yml"));
        Assert.Equal("http://user-yml:5000/v3", Read(env, cwd)["auth_url"]);

        File.WriteAllText(Path.Combine(cwd, "clouds.json"), """{"clouds": {"c": {"auth": {"auth_url": "http://cwd-json:5000/v3"}}}}""");
        Assert.Equal("http://cwd-json:5000/v3", Read(env, cwd)["auth_url"]);
    }

    [Fact]
    public void A_broken_json_file_names_the_file_and_line()
    {
        File.WriteAllText(Path.Combine(_folder, "clouds.json"), "{\n  \"clouds\": {\n    \"c\": {,\n}");
        var e = Assert.Throws<OpenStackException>(() => CloudsFile.ReadClouds(Path.Combine(_folder, "clouds.json")));
        Assert.Equal(OpenStackErrorKind.Configuration, e.Kind);
        Assert.Contains("clouds.json is not valid JSON: line 3", e.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Read(Dictionary<string, string> env, string cwd) =>
        CloudsFile.ReadCloud("c", Env(env), cwd, ConfigPlatform.Unix);

    private static string Cloud(string where, string suffix) =>
        $"clouds:\n  c:\n    auth:\n      auth_url: http://{where}-{suffix}:5000/v3\n";
}
