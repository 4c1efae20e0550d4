using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpenStackVpn.Core.Config;

/// <summary>Which platform's folders to search for clouds.yaml.</summary>
internal enum ConfigPlatform
{
    /// <summary>Linux and other Unix systems.</summary>
    Unix,
    /// <summary>macOS.</summary>
    MacOS,
    /// <summary>Windows.</summary>
    Windows,
}

/// <summary>Reads clouds.yaml and secure.yaml: finds them where the OpenStack clients look, and
/// flattens one cloud's entry.</summary>
internal static class CloudsFile
{
    /// <summary>
    /// The files searched, in order, for <paramref name="baseName"/> (clouds or secure), as openstacksdk searches them:
    /// the file named by <paramref name="overrideVariable"/> alone when it is set; otherwise each of
    /// <see cref="SearchFolders"/>, and in each folder .yaml, .yml, then .json.
    /// </summary>
    public static IReadOnlyList<string> SearchPaths(string baseName, string? overrideVariable,
        Func<string, string?> env, string currentDirectory, ConfigPlatform platform)
    {
        var explicitPath = overrideVariable == null ? null : env(overrideVariable);
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return new[] { explicitPath! };
        }

        return SearchFolders(env, currentDirectory, platform)
            .SelectMany(folder => Suffixes.Select(suffix => Join(platform, folder, baseName + suffix)))
            .ToList();
    }

    /// <summary>
    /// openstacksdk's folders, in its order: the current folder; the user config folder (platformdirs:
    /// %LOCALAPPDATA%\OpenStack\openstack on Windows, ~/Library/Application Support/openstack on macOS,
    /// $XDG_CONFIG_HOME/openstack or ~/.config/openstack elsewhere); ~/.config/openstack; the site config folder
    /// (%ProgramData%\OpenStack\openstack, /Library/Application Support/openstack, or the first of $XDG_CONFIG_DIRS,
    /// default /etc/xdg, with /openstack); and /etc/openstack.
    /// </summary>
    public static IReadOnlyList<string> SearchFolders(Func<string, string?> env, string currentDirectory,
        ConfigPlatform platform)
    {
        string? Env(string name) => string.IsNullOrWhiteSpace(env(name)) ? null : env(name)!.Trim();
        var windows = platform == ConfigPlatform.Windows;
        var home = (windows ? Env("USERPROFILE") : Env("HOME"))
            ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var snapHome = windows ? null : Env("SNAP_REAL_HOME");
        var folders = new List<string> { currentDirectory };
        switch (platform)
        {
            case ConfigPlatform.Windows:
                folders.Add(
                    Join(platform,
                    Env("LOCALAPPDATA") ?? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData),
                    "OpenStack", "openstack"));
                folders.Add(Join(platform, home, ".config", "openstack"));
                folders.Add(
                    Join(platform,
                    Env("ProgramData") ?? Env("ALLUSERSPROFILE")
                    ?? Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "OpenStack",
                    "openstack"));
                folders.Add(Join(platform, DriveRoot(currentDirectory), "etc", "openstack"));
                break;
            case ConfigPlatform.MacOS:
                folders.Add(Join(platform, home, "Library", "Application Support", "openstack"));
                folders.Add(Join(platform, snapHome ?? home, ".config", "openstack"));
                folders.Add("/Library/Application Support/openstack");
                folders.Add("/etc/openstack");
                break;
            default:
                folders.Add(Join(platform, Env("XDG_CONFIG_HOME") ?? Join(platform, home, ".config"), "openstack"));
                folders.Add(Join(platform, snapHome ?? home, ".config", "openstack"));
                folders.Add(Join(platform, (Env("XDG_CONFIG_DIRS") ?? "/etc/xdg").Split(':')[0], "openstack"));
                folders.Add("/etc/openstack");
                break;
        }

        return folders.Where((folder, i) => folders.IndexOf(folder) == i).ToList();
    }

    /// <summary>The platform this process runs on, for <see cref="SearchFolders"/>.</summary>
    public static ConfigPlatform CurrentPlatform =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ConfigPlatform.Windows
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? ConfigPlatform.MacOS
        : ConfigPlatform.Unix;

    private static readonly string[] Suffixes = { ".yaml", ".yml", ".json" };

    private static string Join(ConfigPlatform platform, string first, params string[] rest)
    {
        var separator = platform == ConfigPlatform.Windows ? '\\' : '/';
        return rest.Aggregate(first, (path, part) => path.TrimEnd('\\', '/') + separator + part);
    }

    // Python opens '/etc/openstack/...' on Windows as \etc\openstack on the current drive.
    private static string DriveRoot(string currentDirectory) =>
        currentDirectory.Length >= 2 && currentDirectory[1] == ':' ? currentDirectory.Substring(0, 2) : "";

    /// <summary>The flattened settings of one cloud: its top-level keys and its <c>auth</c> keys, with secure.yaml
    /// laid over clouds.yaml.</summary>
    public static Dictionary<string, string> ReadCloud(string cloud, Func<string, string?> env,
        string currentDirectory) =>
        ReadCloud(cloud, env, currentDirectory, CurrentPlatform);

    /// <summary>As <see cref="ReadCloud(string, Func{string, string?}, string)"/>, searching as on
    /// <paramref name="platform"/>.</summary>
    public static Dictionary<string, string> ReadCloud(string cloud, Func<string, string?> env, string currentDirectory,
        ConfigPlatform platform)
    {
        var cloudsPaths = SearchPaths("clouds", "OS_CLIENT_CONFIG_FILE", env, currentDirectory, platform);
        var cloudsPath = cloudsPaths.FirstOrDefault(File.Exists);
        if (cloudsPath == null)
        {
            var message = cloudsPaths.Count == 1
                ? $"The clouds.yaml file '{cloudsPaths[0]}' named by OS_CLIENT_CONFIG_FILE does not exist."
                : $"Cloud '{cloud}' was asked for, but no clouds.yaml was found. Searched: " +
                    $"{string.Join(", ", cloudsPaths)}.";
            throw OpenStackException.Config(message, cloudsPaths[0]);
        }

        var clouds = ReadClouds(cloudsPath);
        if (!clouds.TryGetValue(cloud, out var settings))
        {
            var known = clouds.Count == 0 ? "none"
                : string.Join(", ", clouds.Keys.OrderBy(k => k, StringComparer.Ordinal));
            throw OpenStackException.Config(
                $"Cloud '{cloud}' is not defined in {cloudsPath}. Clouds defined there: {known}.", cloud);
        }

        var securePath = SearchPaths("secure", "OS_CLIENT_SECURE_FILE", env, currentDirectory,
            platform).FirstOrDefault(File.Exists);
        if (securePath != null && ReadClouds(securePath).TryGetValue(cloud, out var secure))
        {
            foreach (var pair in secure)
            {
                settings[pair.Key] = pair.Value;
            }
        }

        settings["cloud_file"] = cloudsPath;
        return settings;
    }

    /// <summary>Every cloud of a file, each flattened.</summary>
    public static Dictionary<string, Dictionary<string, string>> ReadClouds(string path)
    {
        YamlNode? document;
        try
        {
            using var reader = new StreamReader(path);
            document = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? FromJson(reader, path)
                : FromYaml(reader);
        }
        catch (YamlException e)
        {
            throw OpenStackException.Config(
                $"{path} is not valid YAML: line {e.Start.Line}, column {e.Start.Column}: {Innermost(e).Message}",
                    path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OpenStackException.Config($"{path} cannot be read: {e.Message}", path);
        }

        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (document is not YamlMappingNode root)
        {
            return result;
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("clouds"), out var cloudsNode))
        {
            return result;
        }

        if (cloudsNode is not YamlMappingNode clouds)
        {
            throw OpenStackException.Config(
                $"{path}: 'clouds' must be a mapping of cloud names (line {cloudsNode.Start.Line}).", path);
        }

        foreach (var entry in clouds.Children)
        {
            var name = ((YamlScalarNode)entry.Key).Value ?? "";
            var flat = new Dictionary<string, string>(StringComparer.Ordinal);
            if (entry.Value is YamlMappingNode cloud)
            {
                Flatten(cloud, flat, path);
            }

            result[name] = flat;
        }

        return result;
    }

    private static YamlNode? FromYaml(TextReader reader)
    {
        YamlStream yaml = new();
        yaml.Load(reader);
        return yaml.Documents.Count == 0 ? null : yaml.Documents[0].RootNode;
    }

    // openstacksdk reads clouds.json with json.load: the same shape as the YAML, so it is turned into YAML nodes.
    private static YamlNode FromJson(TextReader reader, string path)
    {
        JToken json;
        try
        {
            using var jsonReader = new JsonTextReader(reader) { DateParseHandling = DateParseHandling.None };
            json = JToken.ReadFrom(jsonReader);
        }
        catch (JsonReaderException e)
        {
            throw OpenStackException.Config(
                $"{path} is not valid JSON: line {e.LineNumber}, column {e.LinePosition}: {e.Message}", path);
        }

        return ToYaml(json);
    }

    private static YamlNode ToYaml(JToken token) => token switch
    {
        JObject obj
            => new YamlMappingNode(
            obj.Properties().Select(p
            => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Name), ToYaml(p.Value)))),
        JArray array => new YamlSequenceNode(array.Select(ToYaml)),
        JValue { Type: JTokenType.Boolean } flag => new YamlScalarNode((bool)flag ? "true" : "false"),
        JValue { Type: JTokenType.Null } => new YamlScalarNode(""),
        JValue value => new YamlScalarNode(Convert.ToString(value.Value, CultureInfo.InvariantCulture)),
        _ => new YamlScalarNode(token.ToString()),
    };

    private static void Flatten(YamlMappingNode cloud, Dictionary<string, string> flat, string path)
    {
        foreach (var pair in cloud.Children)
        {
            var key = ((YamlScalarNode)pair.Key).Value ?? "";
            switch (pair.Value)
            {
                case YamlScalarNode scalar:
                    flat[key] = scalar.Value ?? "";
                    break;
                case YamlMappingNode auth when key == "auth":
                    foreach (var authPair in auth.Children)
                    {
                        if (authPair.Value is YamlScalarNode authScalar)
                        {
                            flat[((YamlScalarNode)authPair.Key).Value ?? ""] = authScalar.Value ?? "";
                        }
                        else
                        {
                            throw OpenStackException.Config(
                                $"{path}: auth key '{authPair.Key}' must be a single value (line " +
                                    $"{authPair.Value.Start.Line}).", path);
                        }
                    }

                    break;
            }
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException != null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
