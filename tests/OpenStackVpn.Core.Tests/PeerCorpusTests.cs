using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OpenStackVpn.Core.Peer;
using Xunit;

namespace OpenStackVpn.Core.Tests;

/// <summary>The reader over the corpus of peer files (PeerCorpus/README.md): none crashes or hangs; each gives findings
/// or one refusal.</summary>
public sealed class PeerCorpusTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "PeerCorpus");

    public static IEnumerable<object[]> Cases() =>
        Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "PeerCorpus")).Select(d =>
            new object[] { Path.GetFileName(d) });

    internal static string Entry(string name)
    {
        var dir = Path.Combine(Folder, name);
        foreach (var main in new[] { "swanctl.conf", "ipsec.conf" })
        {
            if (File.Exists(Path.Combine(dir, main)))
            {
                return Path.Combine(dir, main);
            }
        }

        return Directory.GetFiles(dir, "*.conf").Single();
    }

    /// <summary>What Test-IpsecSiteConnection -PeerConfig does with a file: choose, then compare.</summary>
    internal static List<ConnectionFinding> Diagnose(string path, PeerSite site)
    {
        var file = PeerFileReaders.Read(path);
        var (chosen, choice) = PeerConnectionChoice.Choose(file, site);
        var findings = new List<ConnectionFinding> { choice };
        if (chosen != null)
        {
            findings.AddRange(ConnectionDiagnosis.PeerConfigChecks(site, chosen));
        }

        return findings;
    }

    [Fact]
    public void The_corpus_has_its_cases() => Assert.True(Cases().Count() >= 15);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_case_gives_findings_or_one_refusal_and_good_ones_are_clean(string name)
    {
        var run = Task.Run(() =>
        {
            try
            {
                return (Findings: Diagnose(Entry(name), PeerConfigTests.Site()), Refusal: (OpenStackException?)null);
            }
            catch (OpenStackException e)
            {
                return (Findings: new List<ConnectionFinding>(), Refusal: e);
            }
        });
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(1)));
        Assert.True(finished == run, $"{name} did not finish");
        var (findings, refusal) = await run;
        if (name.StartsWith("refusal-", StringComparison.Ordinal))
        {
            Assert.NotNull(refusal);
            Assert.Equal("PeerConfig", refusal!.ParameterName);
            return;
        }

        Assert.Null(refusal);
        Assert.NotEmpty(findings);
        var bad = findings.Where(f => f.Severity >= FindingSeverity.Warning).Select(f =>
            $"{f.Check}: {f.Found} / {f.Expected} at {f.Source}").ToList();
        if (name.StartsWith("good-", StringComparison.Ordinal))
        {
            Assert.True(bad.Count == 0, name + ": " + string.Join("; ", bad));
        }
        else
        {
            Assert.NotEmpty(bad);
        }
    }

    [Theory]
    [InlineData("findings-wrong-psk", "PeerConfig.Psk")]
    [InlineData("findings-no-connection-matches", "PeerConfig.Connection")]
    [InlineData("findings-pubkey-auth", "PeerConfig.Psk")]
    public void A_findings_case_names_what_is_wrong(string name, string check)
    {
        var errors = Diagnose(Entry(name), PeerConfigTests.Site()).Where(f =>
            f.Severity == FindingSeverity.Error).Select(f => f.Check);
        Assert.Contains(check, errors);
    }
}
