using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpenStackVpn.Core.Config;

/// <summary>Reads clouds.yaml and secure.yaml: finds them where the OpenStack clients look, and flattens one cloud's entry.</summary>
internal static class CloudsFile
{
    /// <summary>The files searched, in order, for a file name (clouds.yaml or secure.yaml).</summary>
    public static IReadOnlyList<string> SearchPaths(string fileName, string? overrideVariable, Func<string, string?> env, string currentDirectory)
    {
        var explicitPath = overrideVariable == null ? null : env(overrideVariable);
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return new[] { explicitPath! };
        }

        var home = env("HOME") ?? env("USERPROFILE") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var configHome = env("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome))
        {
            configHome = Path.Combine(home, ".config");
        }

        return new[]
        {
            Path.Combine(currentDirectory, fileName),
            Path.Combine(configHome!, "openstack", fileName),
            Path.Combine(Path.DirectorySeparatorChar == '/' ? "/etc" : Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "openstack", fileName),
        };
    }

    /// <summary>The flattened settings of one cloud: its top-level keys and its <c>auth</c> keys, with secure.yaml laid over clouds.yaml.</summary>
    public static Dictionary<string, string> ReadCloud(string cloud, Func<string, string?> env, string currentDirectory)
    {
        var cloudsPaths = SearchPaths("clouds.yaml", "OS_CLIENT_CONFIG_FILE", env, currentDirectory);
        var cloudsPath = cloudsPaths.FirstOrDefault(File.Exists);
        if (cloudsPath == null)
        {
            var message = cloudsPaths.Count == 1
                ? $"The clouds.yaml file '{cloudsPaths[0]}' named by OS_CLIENT_CONFIG_FILE does not exist."
                : $"Cloud '{cloud}' was asked for, but no clouds.yaml was found. Searched: {string.Join(", ", cloudsPaths)}.";
            throw OpenStackException.Config(message, cloudsPaths[0]);
        }

        var clouds = ReadClouds(cloudsPath);
        if (!clouds.TryGetValue(cloud, out var settings))
        {
            var known = clouds.Count == 0 ? "none" : string.Join(", ", clouds.Keys.OrderBy(k => k, StringComparer.Ordinal));
            throw OpenStackException.Config($"Cloud '{cloud}' is not defined in {cloudsPath}. Clouds defined there: {known}.", cloud);
        }

        var securePath = SearchPaths("secure.yaml", "OS_CLIENT_SECURE_FILE", env, currentDirectory).FirstOrDefault(File.Exists);
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
        YamlStream yaml = new();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw OpenStackException.Config(
                $"{path} is not valid YAML: line {e.Start.Line}, column {e.Start.Column}: {Innermost(e).Message}", path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OpenStackException.Config($"{path} cannot be read: {e.Message}", path);
        }

        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            return result;
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("clouds"), out var cloudsNode))
        {
            return result;
        }

        if (cloudsNode is not YamlMappingNode clouds)
        {
            throw OpenStackException.Config($"{path}: 'clouds' must be a mapping of cloud names (line {cloudsNode.Start.Line}).", path);
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
                                $"{path}: auth key '{authPair.Key}' must be a single value (line {authPair.Value.Start.Line}).", path);
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
