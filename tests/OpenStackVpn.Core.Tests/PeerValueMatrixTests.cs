using System.Collections.Generic;
using System.Linq;
using OpenStackVpn.Core.Peer;
using Xunit;

namespace OpenStackVpn.Core.Tests;

/// <summary>
/// Every algorithm and group value of the newest neutron-vpnaas, in every format: written in the format's words (and
/// read back as what the cloud expects), or refused with the reason. The real parsers check the same matrix in
/// tests/Pester/PeerParsers.Tests.ps1.
/// </summary>
public sealed class PeerValueMatrixTests
{
    // neutron-lib master's VPN_SUPPORTED_* lists with vpn-aes-ctr's additions, written out here on purpose: a value the
    // module's own tables miss must fail this test, not vanish from it.
    private static readonly string[] EncryptionValues =
        new[] { "3des", "aes-128", "aes-192", "aes-256", "aes-128-ctr", "aes-192-ctr", "aes-256-ctr" }
            .Concat(from m in new[] { "ccm", "gcm" } from i in new[] { 8, 12, 16 } from b in new[] { 128, 192, 256 } select $"aes-{b}-{m}-{i}")
            .ToArray();

    private static readonly string[] AuthValues = { "sha1", "sha256", "sha384", "sha512", "aes-xcbc", "aes-cmac" };

    private static readonly string[] Groups = new[] { 2, 5 }.Concat(Enumerable.Range(14, 18)).Select(g => $"group{g}").ToArray();

    private static readonly PeerConfigFormat[] Formats = { PeerConfigFormat.Swanctl, PeerConfigFormat.IpsecConf, PeerConfigFormat.Libreswan };

    public static IEnumerable<object[]> Matrix() =>
        from format in Formats
        from value in EncryptionValues.Select(v => ("encryption_algorithm", v)).Concat(AuthValues.Select(v => ("auth_algorithm", v)))
            .Concat(Groups.Select(v => ("pfs", v)))
        from policy in new[] { "ike", "ipsec" }
        from version in new[] { "v1", "v2" }
        select new object[] { format, policy, value.Item1, value.Item2, version };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Every_value_is_written_and_read_back_as_the_cloud_expects_or_refused_with_the_reason(
        PeerConfigFormat format, string policy, string field, string value, string version)
    {
        var site = PeerConfigTests.Site(
            ike: i => { i["ike_version"] = version; if (policy == "ike") { i[field] = value; } },
            esp: e => { if (policy == "ipsec") { e[field] = value; } });
        if (site.Refusal(format) is { } reason)
        {
            Assert.True(format == PeerConfigFormat.Libreswan, $"{format} refused {policy} {field} {value}: {reason}");
            Assert.Contains($"'{value}'", reason);
            Assert.Contains("Libreswan", reason);
            return;
        }

        var files = PeerConfigWriter.Write(site, format, includeSecret: true);
        var found = PeerConfigReader.Parse(files[0].Content, format, files.Count > 1 ? files[1].Content : null);
        var findings = ConnectionDiagnosis.PeerConfigChecks(site, found);
        Assert.All(findings, f => Assert.True(f.Severity == FindingSeverity.Ok, $"{f.Check}: found {f.Found}, expected {f.Expected}"));
    }

    [Theory]
    [InlineData("group17", "modp6144")]
    [InlineData("group22", "modp1024s160")]
    [InlineData("group23", "modp2048s224")]
    [InlineData("group24", "modp2048s256")]
    [InlineData("group25", "ecp192")]
    [InlineData("group26", "ecp224")]
    [InlineData("group27", "ecp224bp")]
    [InlineData("group28", "ecp256bp")]
    [InlineData("group29", "ecp384bp")]
    [InlineData("group30", "ecp512bp")]
    [InlineData("group31", "curve25519")]
    public void The_newer_groups_take_the_strongSwan_drivers_keywords(string group, string keyword)
    {
        var site = PeerConfigTests.Site(ike: i => i["pfs"] = group, esp: e => e["pfs"] = group);
        var text = string.Join("\n", PeerConfigWriter.Write(site, PeerConfigFormat.Swanctl, false).Select(f => f.Content));
        Assert.Contains($"proposals = aes256-sha256-{keyword}\n", text);
        Assert.Contains($"esp_proposals = aes128-sha256-{keyword}\n", text);
    }

    [Fact]
    public void Libreswan_writes_combined_mode_ciphers_as_its_parser_takes_them()
    {
        var site = PeerConfigTests.Site(
            ike: i => i["encryption_algorithm"] = "aes-256-gcm-16",
            esp: e => { e["encryption_algorithm"] = "aes-128-ccm-8"; e["pfs"] = "group19"; });
        var text = PeerConfigWriter.Write(site, PeerConfigFormat.Libreswan, false)[0].Content;
        Assert.Contains("ike=aes_gcm_c256-sha2_256;modp2048\n", text);
        Assert.Contains("phase2alg=aes_ccm_a128;dh19\n", text);
    }

    [Theory]
    [InlineData("encryption_algorithm", "aes-128-ccm-16", "v2", "CCM")]
    [InlineData("auth_algorithm", "aes-cmac", "v2", "AES-CMAC")]
    [InlineData("pfs", "group2", "v2", "MODP-1024")]
    [InlineData("pfs", "group24", "v2", "does not implement")]
    [InlineData("encryption_algorithm", "aes-128-gcm-16", "v1", "IKEv1")]
    [InlineData("auth_algorithm", "aes-xcbc", "v1", "IKEv1")]
    public void Libreswan_refuses_in_IKE_what_its_parser_refuses_and_says_why(string field, string value, string version, string why)
    {
        var site = PeerConfigTests.Site(ike: i => { i[field] = value; i["ike_version"] = version; });
        var error = Assert.Throws<OpenStackException>(() => PeerConfigWriter.Write(site, PeerConfigFormat.Libreswan, false));
        Assert.Equal("Format", error.ParameterName);
        Assert.Contains(why, error.Message);
        Assert.NotEmpty(PeerConfigWriter.Write(site, PeerConfigFormat.Swanctl, false));
    }
}
