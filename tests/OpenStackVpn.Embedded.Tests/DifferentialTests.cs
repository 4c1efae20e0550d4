using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Tests.Differential;
using Xunit;
using Xunit.Abstractions;

namespace OpenStackVpn.Embedded.Tests;

/// <summary>
/// Replays a catalogue of good and bad requests (every fixture the member can reproduce, each error fixture with its own body,
/// and refusals observed on the lab) against the embedded cloud, and compares status, body shape, error type and message
/// (ids normalised) with the real lab when OPENSTACKVPN_LAB names its state dir, else with the committed fixtures.
/// On the lab, everything is done as the member user in the member project, and removed afterwards.
/// </summary>
public sealed class DifferentialTests
{
    private const string LabPrefix = "difftest-";
    private readonly ITestOutputHelper _output;

    public DifferentialTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task The_embedded_cloud_answers_as_the_lab_or_its_fixtures_do()
    {
        // With OPENSTACKVPN_LAB set (CI, build.ps1 Test -Integration) the lab is the reference: never the fixtures instead.
        var labDir = Environment.GetEnvironmentVariable("OPENSTACKVPN_LAB");
        var useLab = !string.IsNullOrEmpty(labDir);
        Assert.False(useLab && !File.Exists(Path.Combine(labDir!, "seed.json")), $"OPENSTACKVPN_LAB is {labDir}, but its seed.json is missing: the lab is not up, and the fixtures are no substitute for it.");
        using var embedded = Backend.Embedded();
        using var lab = useLab ? Backend.Lab(labDir!) : null;
        var prefix = useLab ? LabPrefix : "";
        var (mine, myMarkers) = await Runner.RunAsync(embedded, prefix);
        var (theirs, theirMarkers) = lab == null ? (null, null) : await Runner.RunAsync(lab, prefix);
        if (theirs != null && Environment.GetEnvironmentVariable("OPENSTACKVPN_CAPTURE") is { Length: > 0 } captureDir)
        {
            Captures.Write(captureDir, theirs, prefix, theirMarkers!);
        }

        var failures = new List<string>();
        var counts = new Dictionary<string, int>();
        foreach (var test in Catalogue.Cases)
        {
            var (verdict, detail) = Judge(test, mine[test.Name], theirs?[test.Name], prefix, theirMarkers, myMarkers);
            counts[verdict] = counts.TryGetValue(verdict, out var n) ? n + 1 : 1;
            _output.WriteLine($"{verdict,-9} {test.Name}{(detail.Length == 0 ? "" : ": " + detail)}");
            if (verdict is "DIFFERS" or "SKIPPED")
            {
                failures.Add($"{verdict} {test.Name}: {detail}");
            }
        }

        _output.WriteLine($"against {(lab == null ? "the fixtures" : "the lab in " + labDir)}: " + string.Join(", ", counts.Select(c => $"{c.Value} {c.Key.ToLowerInvariant()}")));
        Assert.True(failures.Count == 0, "The embedded cloud differs, or a case was not compared:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// SAME, KNOWN (exactly the documented difference), DIFFERS, SKIPPED (not compared though it should have been: a
    /// failure), or LABONLY (a case only the lab can answer, in a run without the lab).
    /// </summary>
    private static (string Verdict, string Detail) Judge(DiffCase test, Reply? mine, Reply? theirs, string prefix, IReadOnlyDictionary<string, string>? theirMarkers, IReadOnlyDictionary<string, string> myMarkers)
    {
        if (mine == null)
        {
            return ("SKIPPED", "the embedded backend could not prepare it");
        }

        var note = test.NotOnTheLab != null && prefix.Length > 0 ? $" (not sent to the lab: {test.NotOnTheLab})" : "";

        // With the lab in use, a case it should have answered but whose set-up failed there is a failure: its fixture
        // is an older answer of the lab, no substitute for the one this run did not get.
        if (theirs == null && prefix.Length > 0 && test.NotOnTheLab == null)
        {
            return ("SKIPPED", "the lab's set-up for this case failed, so the lab gave no answer (not compared with a fixture instead)");
        }

        int status;
        JToken? expected;
        string source;
        if (theirs != null)
        {
            (status, expected, source) = (theirs.Status, theirs.Json, "lab");
        }
        else if (test.Fixture != null)
        {
            (status, expected, source) = (Catalogue.FixtureStatus(test.Fixture), Catalogue.FixtureText(test.Fixture + ".json") is { } text ? Reply.ParseJson(text) : null, "fixture");
        }
        else if (test.Observed is { } observed)
        {
            (status, expected, source) = (observed.Status, observed.Type.Length == 0 ? null : NeutronError(observed.Type, observed.Message), "observed");
        }
        else if (theirs == null && prefix.Length == 0)
        {
            return ("LABONLY", "compared only with the lab, which this run does not use");
        }
        else
        {
            return ("SKIPPED", "the lab gave no answer to compare with");
        }

        // The fixtures and observations already name ids by marker; a backend's answer is named by its own markers.
        var theirIds = new Normalise.Ids(source == "lab" ? theirMarkers : null);
        var differences = Normalise.Differences(status, expected, mine, test.Agreement, prefix, theirIds, new Normalise.Ids(myMarkers));
        var known = test.KnownDifference ?? (theirs != null ? test.LabDifference : null);
        var detail = $"{source} {status}, embedded {mine.Status}: {string.Join("; ", differences)}";
        if (known == null)
        {
            return differences.Count == 0 ? ("SAME", note.TrimStart()) : ("DIFFERS", detail);
        }

        var gone = known.Differences.Where(k => !differences.Any(d => Known.Covers(d, k))).ToList();
        var other = differences.Where(d => !known.Differences.Any(k => Known.Covers(d, k))).ToList();
        if (gone.Count == 0 && other.Count == 0)
        {
            return ("KNOWN", $"{known.Why} [{detail}]{note}");
        }

        return ("DIFFERS", $"the known difference ({known.Why}) {(gone.Count > 0 ? "no longer shows: " + string.Join("; ", gone) : "shows")}{(other.Count > 0 ? "; other differences: " + string.Join("; ", other) : "")} [{detail}]");
    }

    private static JObject NeutronError(string type, string message) => new()
    {
        ["NeutronError"] = new JObject { ["type"] = type, ["message"] = message, ["detail"] = "" },
    };
}
