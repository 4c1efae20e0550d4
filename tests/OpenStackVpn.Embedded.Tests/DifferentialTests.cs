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
        var labDir = Environment.GetEnvironmentVariable("OPENSTACKVPN_LAB");
        var useLab = !string.IsNullOrEmpty(labDir) && File.Exists(Path.Combine(labDir, "seed.json"));
        using var embedded = Backend.Embedded();
        using var lab = useLab ? Backend.Lab(labDir!) : null;
        var prefix = useLab ? LabPrefix : "";
        var (mine, _) = await Runner.RunAsync(embedded, prefix);
        var theirs = lab == null ? null : (await Runner.RunAsync(lab, prefix)).Answers;
        if (theirs != null && Environment.GetEnvironmentVariable("OPENSTACKVPN_CAPTURE") is { Length: > 0 } captureDir)
        {
            Captures.Write(captureDir, theirs, prefix);
        }

        var failures = new List<string>();
        var counts = new Dictionary<string, int>();
        foreach (var test in Catalogue.Cases)
        {
            var (verdict, detail) = Judge(test, mine[test.Name], theirs?[test.Name], prefix);
            counts[verdict] = counts.TryGetValue(verdict, out var n) ? n + 1 : 1;
            _output.WriteLine($"{verdict,-9} {test.Name}{(detail.Length == 0 ? "" : ": " + detail)}");
            if (verdict == "DIFFERS")
            {
                failures.Add($"{test.Name}: {detail}");
            }
        }

        _output.WriteLine($"against {(lab == null ? "the fixtures" : "the lab in " + labDir)}: " + string.Join(", ", counts.Select(c => $"{c.Value} {c.Key.ToLowerInvariant()}")));
        Assert.True(failures.Count == 0, "The embedded cloud differs:\n" + string.Join("\n", failures));
    }

    /// <summary>SAME, KNOWN (a documented difference), SKIPPED (nothing to compare with) or DIFFERS.</summary>
    private static (string Verdict, string Detail) Judge(DiffCase test, Reply? mine, Reply? theirs, string prefix)
    {
        if (mine == null)
        {
            return ("SKIPPED", "the embedded backend could not prepare it");
        }

        var note = test.NotOnTheLab != null && prefix.Length > 0 ? $" (not sent to the lab: {test.NotOnTheLab})" : "";

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
        else
        {
            return ("SKIPPED", "no lab, no fixture");
        }

        var differences = Normalise.Differences(status, expected, mine, test.Agreement, prefix);
        var known = test.KnownDifference ?? (theirs != null ? test.LabDifference : null);
        if (differences.Count == 0)
        {
            return ("SAME", (known == null ? "" : "(a known difference did not show)") + note);
        }

        var detail = $"{source} {status}, embedded {mine.Status}: {string.Join("; ", differences)}";
        return known != null ? ("KNOWN", $"{known} [{detail}]") : ("DIFFERS", detail);
    }

    private static JObject NeutronError(string type, string message) => new()
    {
        ["NeutronError"] = new JObject { ["type"] = type, ["message"] = message, ["detail"] = "" },
    };
}
