using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn;

/// <summary>
/// -Seed of Connect-OpenStack -Embedded and Start-EmbeddedOpenStack: the networks, subnets and routers to give an
/// embedded
/// cloud, as a hashtable or the path of a JSON file, turned into the JSON text the embedded cloud reads.
/// </summary>
internal static class EmbeddedTopology
{
    /// <summary>The JSON text of <paramref name="seed"/>; a path is read relative to <paramref
    /// name="currentPath"/>.</summary>
    public static string? Text(object? seed, string currentPath)
    {
        seed = seed is PSObject ps ? ps.BaseObject : seed;
        switch (seed)
        {
            case null:
                return null;
            case string path:
                var full = Path.Combine(currentPath, path);
                return File.Exists(full)
                    ? File.ReadAllText(full)
                    : throw new ArgumentException($"-Seed: the file '{full}' does not exist.", nameof(seed));
            case IDictionary table:
                return ToJson(table).ToString(Formatting.None);
            default:
                throw new ArgumentException(
                    "-Seed: give a hashtable (@{ networks = ...; subnets = ...; routers = ... }) or a JSON file.",
                    nameof(seed));
        }
    }

    /// <summary>The error of a seed the embedded cloud refused, or of a -Seed that is neither a table nor a
    /// file.</summary>
    public static ErrorRecord Refusal(ArgumentException e, object? seed)
    {
        var message = e.Message.Split('\r', '\n')[0]
            .Replace(" (Parameter 'topology')", "").Replace(" (Parameter 'seed')", "");
        message = message.StartsWith("-Seed", StringComparison.Ordinal) ? message : "-Seed: " + message;
        return new ErrorRecord(new ArgumentException(message, e), "InvalidSeed", ErrorCategory.InvalidArgument, seed);
    }

    /// <summary>True for the errors <see cref="Refusal"/> retells.</summary>
    public static bool IsRefusal(ArgumentException e) => e.ParamName is "topology" or "seed";

    private static JToken ToJson(object? value)
    {
        value = value is PSObject ps ? ps.BaseObject : value;
        return value switch
        {
            null => JValue.CreateNull(),
            IDictionary table => new JObject(table.Keys.Cast<object>()
                .Select(key => new JProperty(key.ToString() ?? "", ToJson(table[key])))),
            string text => new JValue(text),
            IEnumerable list => new JArray(list.Cast<object?>().Select(ToJson).ToArray()),
            NeutronResource resource => new JValue(resource.Id),
            _ => new JValue(value),
        };
    }
}
