using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpenStackVpn.Core.Peer;
using OpenStackVpn.Core.Peer.Vendors;
using Xunit;

namespace OpenStackVpn.Core.Tests;

/// <summary>
/// The vendor formats: each compared with its golden file (which cites the documentation of every block), read back
/// from a running configuration with another tunnel and unrelated lines around ours, and changed copies named by the
/// right finding. Set OPENSTACKVPN_UPDATE_GOLDEN=1 to rewrite the golden files, then read the diff.
/// </summary>
public sealed class VendorFormatTests
{
    private const string Key = "s3cretKey42";

    public static TheoryData<PeerConfigFormat> Formats() => new(VendorFormats);

    internal static readonly PeerConfigFormat[] VendorFormats =
    {
        PeerConfigFormat.CiscoIosXe, PeerConfigFormat.CiscoAsa, PeerConfigFormat.JuniperSrx, PeerConfigFormat.FortiGate,
        PeerConfigFormat.PaloAlto, PeerConfigFormat.MikroTik, PeerConfigFormat.VyOS, PeerConfigFormat.WindowsRras,
    };

    // What an administrator's copy holds around our tunnel: the interface, and config that has nothing to do with it.
    internal static readonly Dictionary<PeerConfigFormat, string> Around = new()
    {
        [PeerConfigFormat.CiscoIosXe] = "hostname branch-1\n!\ninterface GigabitEthernet1\n ip address"
            + " 198.51.100.20 255.255.255.0\n!\n",
        [PeerConfigFormat.CiscoAsa] = "hostname branch-1\ninterface GigabitEthernet0/0\n nameif outside\n ip"
            + " address 198.51.100.20 255.255.255.0\n",
        [PeerConfigFormat.JuniperSrx] = "set system host-name branch-1\nset interfaces ge-0/0/0 unit 0 family inet"
            + " address 198.51.100.20/24\n",
        [PeerConfigFormat.FortiGate] = "config system global\n    set hostname \"branch-1\"\nend\n",
        [PeerConfigFormat.PaloAlto] = "set deviceconfig system hostname branch-1\n",
        [PeerConfigFormat.MikroTik] = "# RouterOS 7.15\n/system identity\nset name=branch-1\n/ip address\nadd"
            + " address=198.51.100.20/24 interface=ether1\n",
        [PeerConfigFormat.VyOS] = "set system host-name 'branch-1'\nset interfaces ethernet eth0 address"
            + " '198.51.100.20/24'\n",
        [PeerConfigFormat.WindowsRras] = "Set-Item -Path WSMan:\\localhost\\Client\\TrustedHosts -Value 'admin-1'"
            + " -Force\n",
    };

    // A word of our IKE group as each platform writes it (group14), and another group in the same words (group19).
    private static readonly Dictionary<PeerConfigFormat, (string Ours, string Wrong)> IkeGroup = new()
    {
        [PeerConfigFormat.CiscoIosXe] = (" group 14\n", " group 19\n"),
        [PeerConfigFormat.CiscoAsa] = (" group 14\n", " group 19\n"),
        [PeerConfigFormat.JuniperSrx] = ("dh-group group14", "dh-group group19"),
        [PeerConfigFormat.FortiGate] = ("set dhgrp 14\n        set keylife 28800",
            "set dhgrp 19\n        set keylife 28800"),
        [PeerConfigFormat.PaloAlto] = ("dh-group group14\nset network ike crypto-profiles ike",
            "dh-group group19\nset network ike crypto-profiles ike"),
        [PeerConfigFormat.MikroTik] = ("dh-group=modp2048", "dh-group=ecp256"),
        [PeerConfigFormat.VyOS] = ("proposal 1 dh-group 14", "proposal 1 dh-group 19"),
        [PeerConfigFormat.WindowsRras] = ("-DHGroup Group14", "-DHGroup ECP256"),
    };

    private static PeerSite Ours() => PeerConfigTests.Site(c => c["psk"] = Key);

    // Another branch on the same device: another connection, peer networks and key.
    private static PeerSite Other() => PeerConfigTests.Site(c =>
    {
        c["id"] = "77777777-1111-4222-8333-999999999999";
        c["name"] = "branch-2";
        c["psk"] = "otherKey17";
        c["peer_cidrs"] = new Newtonsoft.Json.Linq.JArray("10.9.0.0/24");
    }, peer: new[] { "10.9.0.0/24" });

    private static string Export(PeerSite site, PeerConfigFormat format, bool secret) =>
        PeerConfigWriter.Write(site, format, secret).Single().Content;

    /// <summary>A running configuration: unrelated lines, another tunnel, ours.</summary>
    private static string Running(PeerConfigFormat format, Func<string, string>? change = null)
    {
        // The other branch goes to another cloud; the ASA's crypto map entry and IKE policy have their own numbers.
        var other = Export(Other(), format, true).Replace("192.0.2.10", "203.0.113.50")
            .Replace("outside_map 10 ", "outside_map 20 ").Replace("ikev2 policy 10", "ikev2 policy 20");
        return Around[format] + other + (change ?? (t => t))(Export(Ours(), format, true));
    }

    private static IReadOnlyList<ConnectionFinding> Check(PeerConfigFormat format, string running)
    {
        Assert.Equal(format, VendorDialects.Recognise(running));
        var site = Ours();
        var settings = VendorDialects.Reader(format)!.Read(running, site);
        return ConnectionDiagnosis.PeerConfigChecks(site, settings);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Each_format_matches_its_golden_file_and_cites_its_tables_sources(PeerConfigFormat format)
    {
        var text = Export(PeerConfigTests.Site(), format, false);
        var golden = Path.Combine(AppContext.BaseDirectory, "Golden", format.ToString(), "branch-1.txt");
        if (Environment.GetEnvironmentVariable("OPENSTACKVPN_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(SourceDirectory(), "Golden", format.ToString());
            Directory.CreateDirectory(source);
            File.WriteAllText(Path.Combine(source, "branch-1.txt"), text);
            return;
        }

        Assert.Equal(File.ReadAllText(golden).Replace("\r\n", "\n"), text);
        // Every block names its source, and every source is one the format's table was taken from.
        var sources = VendorDialects.Writer(format)!.Table.Sources;
        var cited = text.Split('\n').Where(l => l.Contains("source: ", StringComparison.Ordinal)).Select(l =>
            l.Substring(l.IndexOf("source: ", StringComparison.Ordinal) + 8)).ToList();
        Assert.True(cited.Count >= 2, $"{format} cites {cited.Count} sources");
        Assert.All(cited, url => Assert.Contains(url, sources));

        Assert.Contains(PeerConfigFile.PskPlaceholder, text);
        Assert.DoesNotContain(Key, text);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Round_trip_export_then_read_back_among_other_tunnels_has_no_finding(PeerConfigFormat format)
    {
        var findings = Check(format, Running(format));
        Assert.Empty(findings.Where(f => f.Severity != FindingSeverity.Ok).Select(f =>
            $"{f.Check}: {f.Found} (expected {f.Expected})"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_copy_with_another_IKE_group_is_named_by_the_IkeProposal_finding(PeerConfigFormat format)
    {
        var (ours, wrong) = IkeGroup[format];
        var findings = Check(format, Running(format, t => Replaced(t, ours, wrong)));
        Assert.Equal(new[] { "PeerConfig.IkeProposal" }, Errors(findings));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_copy_pointing_at_another_cloud_address_is_named_by_the_CloudAddress_finding(PeerConfigFormat format)
    {
        var findings = Check(format, Running(format, t => Replaced(t, "192.0.2.10", "192.0.2.99")));
        Assert.Contains("PeerConfig.CloudAddress", Errors(findings));
        Assert.All(Errors(findings), check => Assert.Contains(check, new[] { "PeerConfig.CloudAddress",
            "PeerConfig.CloudId" }));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_copy_with_another_key_is_named_by_the_Psk_finding(PeerConfigFormat format)
    {
        var findings = Check(format, Running(format, t => Replaced(t, Key, "wrongKey99")));
        Assert.Equal(new[] { "PeerConfig.Psk" }, Errors(findings));
    }

    private static string[] Errors(IEnumerable<ConnectionFinding> findings) =>
        findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Check).ToArray();

    private static string Replaced(string text, string from, string to)
    {
        Assert.Contains(from, text);
        return text.Replace(from, to);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path)!;
}

/// <summary>What each vendor format expresses of Neutron's values, and what it refuses with a reason.</summary>
public sealed class VendorCoverageTests
{
    [Theory]
    [InlineData(PeerConfigFormat.CiscoIosXe, 54, 66)]
    [InlineData(PeerConfigFormat.CiscoAsa, 53, 67)]
    [InlineData(PeerConfigFormat.JuniperSrx, 54, 66)]
    [InlineData(PeerConfigFormat.FortiGate, 57, 63)]
    [InlineData(PeerConfigFormat.PaloAlto, 48, 72)]
    [InlineData(PeerConfigFormat.MikroTik, 56, 64)]
    [InlineData(PeerConfigFormat.VyOS, 61, 59)]
    [InlineData(PeerConfigFormat.WindowsRras, 36, 84)]
    public void Each_format_expresses_or_refuses_all_120_of_Neutrons_values(PeerConfigFormat format, int expressed,
        int refused)
    {
        var coverage = VendorDialects.Writer(format)!.Table.Coverage();
        Assert.Equal(120, coverage.Expressed + coverage.Refused);
        Assert.Equal((expressed, refused), coverage);
    }

    [Fact]
    public void RRAS_refuses_sha512_integrity_with_the_reason()
    {
        var site = PeerConfigTests.Site(esp: e => e["auth_algorithm"] = "sha512");
        var e = Assert.Throws<OpenStackException>(() => PeerConfigWriter.Write(site, PeerConfigFormat.WindowsRras,
            false));
        Assert.Contains("Windows Server RRAS has no IPsec auth algorithm 'sha512'", e.Message);
    }

    [Theory]
    [MemberData(nameof(VendorFormatTests.Formats), MemberType = typeof(VendorFormatTests))]
    public void IncludeSecret_without_a_key_in_the_cloud_answer_is_an_error_not_a_placeholder(PeerConfigFormat format)
    {
        var site = PeerConfigTests.Site(c => c.Remove("psk"));
        var e = Assert.Throws<OpenStackException>(() => PeerConfigWriter.Write(site, format, true));
        Assert.Contains("IncludeSecret", e.Message);
    }

    [Fact]
    public void IOS_XE_refuses_a_key_with_a_space_only_when_the_key_is_written()
    {
        var site = PeerConfigTests.Site();
        Assert.Single(PeerConfigWriter.Write(site, PeerConfigFormat.CiscoIosXe, false));
        var e = Assert.Throws<OpenStackException>(() => PeerConfigWriter.Write(site, PeerConfigFormat.CiscoIosXe,
            true));
        Assert.Contains("cannot hold this pre-shared key", e.Message);
        Assert.DoesNotContain("s3cret", e.Message);
    }
}
