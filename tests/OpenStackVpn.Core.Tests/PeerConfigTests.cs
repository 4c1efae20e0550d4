using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Peer;
using Xunit;

namespace OpenStackVpn.Core.Tests;

/// <summary>The peer's side of a connection, from API-shaped objects: the mapping, Neutron's id rule, the formats read back, the refusals.</summary>
public sealed class PeerConfigTests
{
    private const string Psk = "s3cret with spaces";

    internal static PeerSite Site(Action<JObject>? connection = null, Action<JObject>? ike = null, Action<JObject>? esp = null, string? subnetId = "51515151-aaaa-4bbb-8ccc-dddddddddddd", string[]? local = null, string[]? peer = null)
    {
        var c = JObject.Parse("""
            {"id": "cbc152a0-7e93-4f98-9f04-b085a4bf2511", "name": "branch-1", "status": "ACTIVE", "admin_state_up": true, "psk": "s3cret with spaces",
             "initiator": "bi-directional", "mtu": 1400, "peer_cidrs": ["10.2.0.0/24"], "peer_address": "198.51.100.20", "peer_id": "198.51.100.20",
             "local_id": "", "dpd": {"action": "hold", "interval": 30, "timeout": 120}, "vpnservice_id": "5a6b7c8d-0000-4000-8000-00000000a001",
             "ikepolicy_id": "bf5612ac-15fb-460c-9b3d-6453da2fafa2", "ipsecpolicy_id": "8ba867b2-67eb-4835-bb61-c226804a1584",
             "local_ep_group_id": null, "peer_ep_group_id": null}
            """);
        var i = JObject.Parse("""
            {"id": "bf5612ac-15fb-460c-9b3d-6453da2fafa2", "auth_algorithm": "sha256", "encryption_algorithm": "aes-256",
             "phase1_negotiation_mode": "main", "lifetime": {"units": "seconds", "value": 28800}, "ike_version": "v2", "pfs": "group14"}
            """);
        var e = JObject.Parse("""
            {"id": "8ba867b2-67eb-4835-bb61-c226804a1584", "transform_protocol": "esp", "auth_algorithm": "sha256", "encryption_algorithm": "aes-128",
             "encapsulation_mode": "tunnel", "lifetime": {"units": "seconds", "value": 3600}, "pfs": "group14"}
            """);
        var s = JObject.Parse("""
            {"id": "5a6b7c8d-0000-4000-8000-00000000a001", "router_id": "0e0e0e0e-1111-4222-8333-444444444444", "status": "ACTIVE",
             "admin_state_up": true, "external_v4_ip": "192.0.2.10", "external_v6_ip": null}
            """);
        s["subnet_id"] = subnetId;
        connection?.Invoke(c);
        ike?.Invoke(i);
        esp?.Invoke(e);
        return new PeerSite(c.ToObject<IpsecSiteConnection>()!, s.ToObject<VpnService>()!, i.ToObject<IkePolicy>()!, e.ToObject<IpsecPolicy>()!,
            local ?? new[] { "10.1.0.0/24" }, peer ?? c["peer_cidrs"]!.ToObject<string[]>()!);
    }

    private static string Text(PeerSite site, PeerConfigFormat format, bool secret = true) =>
        string.Join("\n", PeerConfigWriter.Write(site, format, secret).Select(f => f.Content));

    [Fact]
    public void Swanctl_maps_Neutron_names_to_strongSwan_proposals_and_mirrors_addresses_and_subnets()
    {
        var text = Text(Site(), PeerConfigFormat.Swanctl);
        Assert.Contains("version = 2\n", text);
        Assert.Contains("local_addrs = 198.51.100.20\n", text);
        Assert.Contains("remote_addrs = 192.0.2.10\n", text);
        Assert.Contains("proposals = aes256-sha256-modp2048\n", text);
        Assert.Contains("esp_proposals = aes128-sha256-modp2048\n", text);
        Assert.Contains("local_ts = 10.2.0.0/24\n", text);
        Assert.Contains("remote_ts = 10.1.0.0/24\n", text);
        Assert.Contains("rekey_time = 28800s\n", text);
        Assert.Contains("rekey_time = 3600s\n", text);
        Assert.Contains("dpd_action = trap\n", text);
        Assert.Contains("start_action = trap\n", text);
        Assert.Contains("secret = \"s3cret with spaces\"", text);
    }

    [Fact]
    public void Neutrons_defaults_map_to_IKEv1_aes128_sha1_modp1536()
    {
        var site = Site(ike: i => { i["ike_version"] = "v1"; i["auth_algorithm"] = "sha1"; i["encryption_algorithm"] = "aes-128"; i["pfs"] = "group5"; },
            esp: e => { e["auth_algorithm"] = "sha1"; e["pfs"] = "group5"; });
        var text = Text(site, PeerConfigFormat.IpsecConf);
        Assert.Contains("keyexchange=ikev1\n", text);
        Assert.Contains("ike=aes128-sha1-modp1536!\n", text);
        Assert.Contains("esp=aes128-sha1-modp1536!\n", text);
    }

    [Fact]
    public void A_non_IP_peer_id_puts_an_at_sign_on_both_ids_as_Neutron_does()
    {
        var fqdnPeer = Site(c => c["peer_id"] = "peer.example.test").Expected();
        Assert.Equal("@peer.example.test", fqdnPeer.LocalId);
        Assert.Equal("192.0.2.10", fqdnPeer.RemoteId);   // empty local_id: the router's address, as the cloud side writes it

        var fqdnLocal = Site(c => c["local_id"] = "cloud.example.test").Expected();
        Assert.Equal("@198.51.100.20", fqdnLocal.LocalId);  // an IP literal too gets '@' once either id is not an IP
        Assert.Equal("@cloud.example.test", fqdnLocal.RemoteId);

        var ips = Site().Expected();
        Assert.Equal("198.51.100.20", ips.LocalId);
        Assert.Equal("192.0.2.10", ips.RemoteId);
    }

    [Fact]
    public void Libreswan_uses_its_own_words_and_has_an_mtu()
    {
        var site = Site(ike: i => i["pfs"] = "group19", peer: new[] { "10.2.0.0/24", "10.3.0.0/24" });
        var text = Text(site, PeerConfigFormat.Libreswan);
        Assert.Contains("ike=aes256-sha2_256;dh19\n", text);
        Assert.Contains("phase2alg=aes128-sha2_256;modp2048\n", text);
        Assert.Contains("leftsubnets={10.2.0.0/24 10.3.0.0/24}\n", text);
        Assert.Contains("mtu=1400\n", text);
        Assert.Contains("ikev2=yes\n", text);
    }

    [Fact]
    public void Response_only_makes_the_peer_start_the_tunnel()
    {
        var site = Site(c => c["initiator"] = "response-only");
        Assert.Contains("start_action = start\n", Text(site, PeerConfigFormat.Swanctl));
        Assert.Contains("auto=start\n", Text(site, PeerConfigFormat.IpsecConf));
    }

    [Fact]
    public void Gcm_gets_a_prf_in_IKE_and_no_integrity_in_ESP()
    {
        var site = Site(ike: i => i["encryption_algorithm"] = "aes-256-gcm-16", esp: e => e["encryption_algorithm"] = "aes-128-gcm-16");
        var expected = site.Expected();
        Assert.Equal("aes256gcm16-prfsha256-modp2048", expected.IkeProposal);
        Assert.Equal("aes128gcm16-modp2048", expected.ChildProposal);
    }

    [Theory]
    [InlineData(PeerConfigFormat.Swanctl)]
    [InlineData(PeerConfigFormat.IpsecConf)]
    [InlineData(PeerConfigFormat.Libreswan)]
    public void Ah_esp_is_refused_for_every_format_with_the_reason(PeerConfigFormat format)
    {
        var site = Site(esp: e => e["transform_protocol"] = "ah-esp");
        var error = Assert.Throws<OpenStackException>(() => PeerConfigWriter.Write(site, format, false));
        Assert.Equal("Format", error.ParameterName);
        Assert.Contains("ah-esp", error.Message);
    }

    [Fact]
    public void Ah_with_IKEv2_is_refused_for_Libreswan_only()
    {
        var site = Site(esp: e => e["transform_protocol"] = "ah");
        Assert.Contains("ah_proposals = sha256-modp2048\n", Text(site, PeerConfigFormat.Swanctl));
        var error = Assert.Throws<OpenStackException>(() => PeerConfigWriter.Write(site, PeerConfigFormat.Libreswan, false));
        Assert.Contains("IKEv2", error.Message);
    }

    [Fact]
    public void The_key_is_a_placeholder_unless_asked_for()
    {
        var files = PeerConfigWriter.Write(Site(), PeerConfigFormat.IpsecConf, includeSecret: false);
        Assert.All(files, f => Assert.DoesNotContain(Psk, f.Content));
        Assert.All(files, f => Assert.False(f.HoldsSecret));
        Assert.Contains(PeerConfigFile.PskPlaceholder, files.Single(f => f.FileName == "ipsec.secrets").Content);
    }

    public static IEnumerable<object[]> Variants() =>
        from format in new[] { PeerConfigFormat.Swanctl, PeerConfigFormat.IpsecConf, PeerConfigFormat.Libreswan }
        from variant in new[] { "legacy-v2", "defaults-v1-two-cidrs", "fqdn", "response-only-dpd-off" }
        select new object[] { format, variant };

    private static PeerSite Variant(string name) => name switch
    {
        "legacy-v2" => Site(),
        "defaults-v1-two-cidrs" => Site(ike: i => { i["ike_version"] = "v1"; i["auth_algorithm"] = "sha1"; i["encryption_algorithm"] = "aes-128"; i["pfs"] = "group5"; },
            subnetId: null, peer: new[] { "10.2.0.0/24", "10.3.0.0/24" }),
        "fqdn" => Site(c => { c["peer_id"] = "peer.example.test"; c["local_id"] = "cloud.example.test"; }),
        _ => Site(c => { c["initiator"] = "response-only"; c["dpd"] = JObject.Parse("""{"action": "disabled", "interval": 30, "timeout": 120}"""); }),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void What_is_written_reads_back_as_exactly_what_the_cloud_expects(PeerConfigFormat format, string variant)
    {
        var site = Variant(variant);
        var files = PeerConfigWriter.Write(site, format, includeSecret: true);
        var main = files[0].Content;
        Assert.Equal(format, PeerConfigReader.Recognise(main));
        var found = PeerConfigReader.Parse(main, format, files.Count > 1 ? files[1].Content : null);
        var findings = ConnectionDiagnosis.PeerConfigChecks(site, found);
        Assert.All(findings, f => Assert.True(f.Severity == FindingSeverity.Ok, $"{f.Check}: found {f.Found}, expected {f.Expected}"));
        Assert.Equal(17, findings.Count);
    }

    [Theory]
    [InlineData("secret = \"s3cret with spaces\"", "secret = \"wrong key\"", "PeerConfig.Psk")]
    [InlineData("proposals = aes256-sha256-modp2048", "proposals = aes128-sha1-modp1024", "PeerConfig.IkeProposal")]
    [InlineData("esp_proposals = aes128-sha256-modp2048", "esp_proposals = aes128-sha256-modp3072", "PeerConfig.ChildProposal")]
    [InlineData("id = 198.51.100.20", "id = 198.51.100.99", "PeerConfig.PeerId")]
    [InlineData("local_ts = 10.2.0.0/24", "local_ts = 10.9.0.0/24", "PeerConfig.PeerCidrs")]
    [InlineData("remote_addrs = 192.0.2.10", "remote_addrs = 192.0.2.11", "PeerConfig.CloudAddress")]
    [InlineData("version = 2", "version = 1", "PeerConfig.IkeVersion")]
    [InlineData("mode = tunnel", "mode = transport", "PeerConfig.Mode")]
    public void One_wrong_field_in_the_peers_file_is_the_one_error_named(string right, string wrong, string check)
    {
        var site = Site();
        var text = PeerConfigWriter.Write(site, PeerConfigFormat.Swanctl, true)[0].Content;
        Assert.Contains(right, text);
        var found = PeerConfigReader.Parse(text.Replace(right, wrong), PeerConfigFormat.Swanctl);
        var errors = ConnectionDiagnosis.PeerConfigChecks(site, found).Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Check).ToList();
        Assert.Equal(new[] { check }, errors);
    }

    [Fact]
    public void A_wrong_key_is_named_without_showing_either_key()
    {
        var site = Site();
        var text = PeerConfigWriter.Write(site, PeerConfigFormat.Swanctl, true)[0].Content.Replace(Psk, "the peer's own key");
        var findings = ConnectionDiagnosis.PeerConfigChecks(site, PeerConfigReader.Parse(text, PeerConfigFormat.Swanctl));
        var psk = findings.Single(f => f.Check == "PeerConfig.Psk");
        Assert.Equal(FindingSeverity.Error, psk.Severity);
        Assert.All(findings, f => Assert.DoesNotContain("s3cret", f.Found + f.Expected + f.Action, StringComparison.Ordinal));
        Assert.All(findings, f => Assert.DoesNotContain("own key", f.Found + f.Expected + f.Action, StringComparison.Ordinal));
    }

    [Fact]
    public void The_placeholder_left_in_place_is_its_own_finding()
    {
        var site = Site();
        var text = PeerConfigWriter.Write(site, PeerConfigFormat.Swanctl, includeSecret: false)[0].Content;
        var psk = ConnectionDiagnosis.PeerConfigChecks(site, PeerConfigReader.Parse(text, PeerConfigFormat.Swanctl)).Single(f => f.Check == "PeerConfig.Psk");
        Assert.Equal(FindingSeverity.Error, psk.Severity);
        Assert.Contains("placeholder", psk.Found);
    }

    [Fact]
    public void A_peer_that_offers_several_proposals_including_the_clouds_matches()
    {
        var site = Site();
        var text = PeerConfigWriter.Write(site, PeerConfigFormat.Swanctl, true)[0].Content
            .Replace("proposals = aes256-sha256-modp2048", "proposals = aes128-sha1-modp1024,aes256-sha256-modp2048");
        var ike = ConnectionDiagnosis.PeerConfigChecks(site, PeerConfigReader.Parse(text, PeerConfigFormat.Swanctl)).Single(f => f.Check == "PeerConfig.IkeProposal");
        Assert.Equal(FindingSeverity.Ok, ike.Severity);
    }

    [Fact]
    public void A_down_connection_whose_peer_file_matches_says_the_peer_does_not_answer()
    {
        var site = Site(c => c["status"] = "DOWN");
        var text = PeerConfigWriter.Write(site, PeerConfigFormat.Swanctl, true)[0].Content;
        var findings = ConnectionDiagnosis.PeerConfigChecks(site, PeerConfigReader.Parse(text, PeerConfigFormat.Swanctl), FindingSeverity.Error);
        var answers = findings.Single(f => f.Check == "PeerAnswers");
        Assert.Contains("does not answer", answers.Found);

        var wrong = PeerConfigReader.Parse(text.Replace(Psk, "other"), PeerConfigFormat.Swanctl);
        Assert.DoesNotContain(ConnectionDiagnosis.PeerConfigChecks(site, wrong, FindingSeverity.Error), f => f.Check == "PeerAnswers");
    }

    [Fact]
    public void Owner_only_files_are_mode_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Path.Combine(Path.GetTempPath(), "peer-" + Guid.NewGuid().ToString("n"));
        try
        {
            var file = PeerConfigWriter.Write(Site(), PeerConfigFormat.Swanctl, true)[0];
            var path = OwnerOnlyFile.Write(file, folder);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(file.Content, File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
