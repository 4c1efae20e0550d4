using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace OpenStackVpn.Embedded.Tests.Differential;

/// <summary>
/// The lab's answers to the network-core cases, kept as fixtures (Fixtures/core-*.json, rows in INDEX.tsv) so that a run
/// without the lab compares their whole bodies too. A run against the lab with OPENSTACKVPN_CAPTURE=DIR writes them afresh.
/// </summary>
public static class Captures
{
    public static string Slug(string caseName) => Regex.Replace(caseName.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');

    /// <summary>The fixture name of a case whose lab answer was captured, or null.</summary>
    public static string? Of(string caseName) =>
        File.Exists(Path.Combine(Catalogue.FixtureDirectory, Slug(caseName) + ".json")) ? Slug(caseName) : null;

    /// <summary>
    /// Writes every successful answer with a body of the network-core cases, without the workspace's name prefix, and
    /// with the lab workspace's ids written as their markers (&lt;core_net&gt;), as the other fixtures name them.
    /// </summary>
    public static void Write(string directory, IReadOnlyDictionary<string, Reply?> lab, string prefix, IReadOnlyDictionary<string, string> markers)
    {
        var ids = markers.Where(m => Regex.IsMatch(m.Value, "^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$")).ToList();
        Directory.CreateDirectory(directory);
        var index = new List<string>();
        foreach (var test in Catalogue.Cases.Where(c => c.Name.StartsWith("core ", System.StringComparison.Ordinal)))
        {
            if (lab[test.Name] is { Status: >= 200 and < 300 } reply && reply.Text.Length > 0)
            {
                var text = ids.Aggregate(reply.Text.Replace(prefix, ""), (t, id) => t.Replace(id.Value, "<" + id.Key + ">"));
                File.WriteAllText(Path.Combine(directory, Slug(test.Name) + ".json"), text + "\n");
                index.Add(string.Join("\t", Slug(test.Name), test.Method, "/" + test.Path, reply.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        File.WriteAllLines(Path.Combine(directory, "INDEX.capture.tsv"), index);
    }
}
