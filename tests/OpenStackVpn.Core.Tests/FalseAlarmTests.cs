using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Peer;
using Xunit;

namespace OpenStackVpn.Core.Tests;

/// <summary>Each false alarm of issue 20's list, shown gone; and the defaults connection, which must be
/// clean.</summary>
public sealed class FalseAlarmTests
{
    private static readonly Router GatewayRouter = JObject.Parse("""{"id": "0e0e0e0e-1111-4222-8333-444444444444", "name": "r1", "external_gateway_info": {"network_id": "n1"}}""").ToObject<Router>()!;

    // Neutron's defaults: IKE v1 aes-128 sha1 group5 3600 s main; ESP aes-128 sha1 group5 3600 s tunnel; DPD hold
    // 30/120.
    internal static PeerSite Defaults(Action<JObject>? connection = null) => PeerConfigTests.Site(
        c =>
        {
            c["psk"] = "a-long-enough-random-key-24";
            c["mtu"] = 1500;
            connection?.Invoke(c);
        },
        ike: i =>
        {
            i["ike_version"] = "v1";
            i["auth_algorithm"] = "sha1";
            i["encryption_algorithm"] = "aes-128";
            i["pfs"] = "group5";
            i["lifetime"] = JObject.Parse("""{"units": "seconds", "value": 3600}""");
        },
        esp: e =>
        {
            e["auth_algorithm"] = "sha1";
            e["pfs"] = "group5";
        });

    private static List<ConnectionFinding> Api(PeerSite site) =>
        ConnectionDiagnosis.ApiChecks(new ConnectionPicture(site, GatewayRouter,
            new[] { "51515151-aaaa-4bbb-8ccc-dddddddddddd" },
            Array.Empty<(IpsecSiteConnection, IReadOnlyList<string>)>())).ToList();

    private static List<string> Alarms(IEnumerable<ConnectionFinding> findings) =>
        findings.Where(f => f.Severity >= FindingSeverity.Warning).Select(f =>
            $"{f.Check} {f.Severity}: {f.Found}").ToList();

    private static List<ConnectionFinding> FromFiles(PeerSite site, params (string Name, string Text)[] files)
    {
        var dir = Path.Combine(Path.GetTempPath(), "peer-" + Guid.NewGuid().ToString("n"));
        try
        {
            foreach (var (name, text) in files)
            {
                var path = Path.Combine(dir, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }

            return PeerCorpusTests.Diagnose(Path.Combine(dir, files[0].Name), site);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData(PeerConfigFormat.Swanctl)]
    [InlineData(PeerConfigFormat.IpsecConf)]
    [InlineData(PeerConfigFormat.Libreswan)]
    public void A_connection_from_Neutrons_defaults_and_its_exported_peer_file_give_no_warning_and_no_error(PeerConfigFormat format)
    {
        var site = Defaults();
        Assert.Empty(Alarms(Api(site)));
        var files = PeerConfigWriter.Write(site, format, includeSecret: true).Select(f => (f.FileName,
            f.Content)).ToArray();
        Assert.Empty(Alarms(FromFiles(site, files)));
    }

    [Fact]
    public void Equal_lifetimes_of_28800_are_no_warning() =>
        Assert.Empty(Alarms(Api(PeerConfigTests.Site(c => c["psk"] = "a-long-enough-random-key-24",
            esp: e => e["lifetime"] = JObject.Parse("""{"units": "seconds", "value": 28800}""")))));

    [Fact]
    public void Another_connection_before_ours_is_skipped_and_the_compared_one_is_named()
    {
        var site = PeerConfigTests.Site();
        var ours = PeerConfigWriter.Write(site, PeerConfigFormat.IpsecConf, true);
        var other = "conn first\n    left=198.51.100.20\n    right=203.0.113.50\n    rightsubnet=172.30.0.0/16\n    "
            + "ike=3des-md5-modp1024!\n    auto=start\n\n";
        var findings = FromFiles(site, ("ipsec.conf", other + ours[0].Content), ("ipsec.secrets", ours[1].Content));
        Assert.Empty(Alarms(findings));
        Assert.Contains("neutron-" + site.Connection.Id, findings.Single(f =>
            f.Check == "PeerConfig.Connection").Found);
    }

    [Fact]
    public void Authby_secret_in_a_strongSwan_file_keeps_it_strongSwan_and_ah_is_read()
    {
        var site = PeerConfigTests.Site(esp: e => e["transform_protocol"] = "ah");
        var files = PeerConfigWriter.Write(site, PeerConfigFormat.IpsecConf, true);
        var text = files[0].Content.Replace("authby=psk", "authby=secret");
        Assert.Equal(PeerConfigFormat.IpsecConf, PeerConfigReader.Recognise(text));
        Assert.Empty(Alarms(FromFiles(site, ("ipsec.conf", text), ("ipsec.secrets", files[1].Content))));
    }

    [Theory]
    [InlineData("ike=aes256-aes128-sha256-sha1-modp2048-modp3072")]
    [InlineData("ike=aes256-sha2_256-modp2048")]
    [InlineData("ike=aes256-sha2_256;dh14")]
    [InlineData("ike=aes128-sha1-modp1024,aes256-sha256-modp2048")]
    public void Equivalent_or_wider_proposals_are_no_error(string ike)
    {
        var site = PeerConfigTests.Site();
        var files = PeerConfigWriter.Write(site, PeerConfigFormat.Libreswan, true);
        var text = System.Text.RegularExpressions.Regex.Replace(files[0].Content, "ike=[^\n]*", ike);
        Assert.Contains(ike, text);
        Assert.Empty(Alarms(FromFiles(site, ("peer.conf", text), ("peer.secrets", files[1].Content))));
    }

    [Fact]
    public void A_proposal_without_the_clouds_group_is_still_an_error()
    {
        var site = PeerConfigTests.Site();
        var text = PeerConfigWriter.Write(site, PeerConfigFormat.Swanctl, true)[0].Content
            .Replace("proposals = aes256-sha256-modp2048", "proposals = aes256-sha256-ecp256");
        Assert.Contains("PeerConfig.IkeProposal Error: aes256-sha256-ecp256", Alarms(FromFiles(site, ("swanctl.conf",
            text))));
    }

    [Theory]
    [InlineData("left=198.51.100.20", "left=%defaultroute", PeerConfigFormat.IpsecConf)]
    [InlineData("local_addrs = 198.51.100.20", "local_addrs = %any", PeerConfigFormat.Swanctl)]
    public void A_wildcard_own_address_is_no_error(string right, string wildcard, PeerConfigFormat format)
    {
        var site = PeerConfigTests.Site();
        var files = PeerConfigWriter.Write(site, format, true).Select(f => (Name: f.FileName,
            Text: f.Content.Replace(right, wildcard))).ToArray();
        Assert.Contains(wildcard, files[0].Text);
        var findings = FromFiles(site, files);
        Assert.Empty(Alarms(findings));
        Assert.Equal(FindingSeverity.Info, findings.Single(f => f.Check == "PeerConfig.PeerAddress").Severity);
    }

    [Fact]
    public void Libreswans_layout_finds_the_key_in_etc_ipsec_secrets_and_in_included_files()
    {
        var site = PeerConfigTests.Site();
        var files = PeerConfigWriter.Write(site, PeerConfigFormat.Libreswan, true);
        var conf = files[0].Content;
        var secrets = files[1].Content;
        // The conn in ipsec.d/x.conf, the key in /etc/ipsec.secrets one folder up.
        Assert.Empty(Alarms(FromFiles(site, ("etc/ipsec.d/x.conf", conf), ("etc/ipsec.secrets", secrets))));
        // The key in a file that ipsec.secrets includes.
        var included = FromFiles(site, ("etc/ipsec.conf", "config setup\ninclude /etc/ipsec.d/*.conf\n"),
            ("etc/ipsec.d/x.conf", conf),
            ("etc/ipsec.secrets", "include /etc/ipsec.d/*.secrets\n"), ("etc/ipsec.d/keys.secrets", secrets));
        Assert.Empty(Alarms(included));
        Assert.Matches(@"keys\.secrets:\d+$", included.Single(f => f.Check == "PeerConfig.Psk").Source);
        // The key in a file elsewhere that ipsec.secrets includes.
        var elsewhere = FromFiles(site, ("etc/ipsec.conf", conf), ("etc/ipsec.secrets",
            "include /etc/keys/branch.secrets\n"),
            ("etc/keys/branch.secrets", secrets));
        Assert.Empty(Alarms(elsewhere));
    }

    [Fact]
    public void Response_only_against_a_peer_that_routes_on_demand_is_no_error()
    {
        var site = PeerConfigTests.Site(c => c["initiator"] = "response-only");
        var text = PeerConfigWriter.Write(site, PeerConfigFormat.Swanctl,
            true)[0].Content.Replace("start_action = start", "start_action = trap");
        var findings = FromFiles(site, ("swanctl.conf", text));
        Assert.Empty(Alarms(findings));
        Assert.Equal(FindingSeverity.Info, findings.Single(f => f.Check == "PeerConfig.StartAction").Severity);
    }

    [Fact]
    public void An_IP_peer_id_with_an_FQDN_local_id_is_a_warning_and_the_plain_address_in_the_file_an_error()
    {
        var site = PeerConfigTests.Site(c => c["local_id"] = "cloud.example.test");
        Assert.Equal(FindingSeverity.Warning, Api(site).Single(f => f.Check == "PeerIdMatchesAddress").Severity);
        var text = PeerConfigWriter.Write(site, PeerConfigFormat.Swanctl,
            true)[0].Content.Replace("id = @198.51.100.20", "id = 198.51.100.20");
        var id = FromFiles(site, ("swanctl.conf", text)).Single(f => f.Check == "PeerConfig.PeerId");
        Assert.Equal(FindingSeverity.Error, id.Severity);
        Assert.Contains("other id type", id.Action);
    }

    [Fact]
    public void Findings_name_objects_by_name_and_id_and_say_where_each_value_was_read()
    {
        var site = PeerConfigTests.Site();
        var api = Api(site);
        Assert.Contains("router 'r1' (0e0e0e0e-1111-4222-8333-444444444444)", api.Single(f =>
            f.Check == "RouterGateway").Found);
        Assert.All(api, f => Assert.Equal("branch-1", f.ConnectionName));
        var text = PeerConfigWriter.Write(site, PeerConfigFormat.Swanctl,
            true)[0].Content.Replace("esp_proposals = aes128-sha256-modp2048", "esp_proposals = aes256-sha1-modp1024");
        var esp = FromFiles(site, ("swanctl.conf", text)).Single(f => f.Check == "PeerConfig.ChildProposal");
        Assert.Equal("aes128-sha256-modp2048", esp.Expected);
        Assert.Matches(@"swanctl\.conf:\d+$", esp.Source);
        Assert.Contains(site.IpsecPolicy.Id, esp.Action);
    }

    [Fact]
    public void A_short_psk_is_reported_and_a_long_one_is_not()
    {
        Assert.Equal(FindingSeverity.Warning, Api(PeerConfigTests.Site(c => c["psk"] = "short")).Single(f =>
            f.Check == "PskStrength").Severity);
        Assert.Equal(FindingSeverity.Ok, Api(Defaults()).Single(f => f.Check == "PskStrength").Severity);
    }
}
