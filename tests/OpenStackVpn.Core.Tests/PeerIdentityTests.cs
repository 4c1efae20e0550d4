using System.Linq;
using OpenStackVpn.Core.Peer;
using Xunit;

namespace OpenStackVpn.Core.Tests;

/// <summary>
/// The ids of the peer's files mirror what neutron-vpnaas writes on the cloud side (base_ipsec.py: "@" before peer_id and
/// a non-empty local_id when either is not an IP address, whatever they start with), in every id form Neutron accepts.
/// </summary>
public sealed class PeerIdentityTests
{
    [Theory]
    [InlineData("198.51.100.20", "", "198.51.100.20", "192.0.2.10", "ID_IPV4_ADDR")]
    [InlineData("2001:db8::20", "", "2001:db8::20", "192.0.2.10", "ID_IPV6_ADDR")]
    [InlineData("peer.example.test", "", "@peer.example.test", "192.0.2.10", "ID_FQDN")]
    [InlineData("@peer.example.test", "", "@@peer.example.test", "192.0.2.10", "ID_USER_FQDN")]
    [InlineData("branch@example.test", "", "@branch@example.test", "192.0.2.10", "ID_FQDN")]
    [InlineData("@branch@example.test", "", "@@branch@example.test", "192.0.2.10", "ID_USER_FQDN")]
    [InlineData("#0a0b0c0d", "", "\"@#0a0b0c0d\"", "192.0.2.10", "ID_KEY_ID")]
    [InlineData("198.51.100.20", "cloud.example.test", "@198.51.100.20", "@cloud.example.test", "ID_FQDN")]
    [InlineData("198.51.100.20", "192.0.2.10", "198.51.100.20", "192.0.2.10", "ID_IPV4_ADDR")]
    public void The_ids_are_what_the_cloud_side_writes_for_every_id_form(string peerId, string localId, string peer, string cloud, string type)
    {
        var site = PeerConfigTests.Site(c => { c["peer_id"] = peerId; c["local_id"] = localId; });
        var text = PeerConfigWriter.Write(site, PeerConfigFormat.Swanctl, false)[0].Content;
        Assert.Contains($"    local {{\n      auth = psk\n      id = {peer}\n", text);
        Assert.Contains($"    remote {{\n      auth = psk\n      id = {cloud}\n", text);
        Assert.Contains($"    id-peer = {peer}\n", text);
        var conf = PeerConfigWriter.Write(site, PeerConfigFormat.IpsecConf, false);
        Assert.Contains($"leftid={peer}\n", conf[0].Content);
        Assert.Contains($"{peer} {cloud} : PSK", conf[1].Content);
        Assert.Equal(type, PeerIdentity.TypeOf(peer.Trim('"')));
        var found = PeerConfigReader.Parse(text, PeerConfigFormat.Swanctl);
        Assert.Equal(site.Expected().LocalId, found.LocalId);
    }

    [Theory]
    [InlineData("@branch@example.test", "branch@example.test")]
    [InlineData("branch@example.test", "@branch@example.test")]
    [InlineData("#0a0b0c0d", "\"@#0a0b0c0d\"")]
    [InlineData("peer.example.test", "@peer.example.test")]
    public void Libreswan_writes_the_same_identity_in_its_own_syntax_and_reads_it_back(string peerId, string libreswan)
    {
        var site = PeerConfigTests.Site(c => c["peer_id"] = peerId);
        var files = PeerConfigWriter.Write(site, PeerConfigFormat.Libreswan, true);
        Assert.Contains($"leftid={libreswan}\n", files[0].Content);
        Assert.StartsWith($"{libreswan} ", files[1].Content.Split('\n').First(l => l.Contains(" : PSK ")));
        var found = PeerConfigReader.Parse(files[0].Content, PeerConfigFormat.Libreswan, files[1].Content);
        Assert.Equal(site.Expected().LocalId, found.LocalId);
    }

    [Fact]
    public void An_at_sign_id_without_a_user_part_is_refused_for_Libreswan_with_the_reason()
    {
        var site = PeerConfigTests.Site(c => c["peer_id"] = "@branch.example.test");
        var error = Assert.Throws<OpenStackException>(() => PeerConfigWriter.Write(site, PeerConfigFormat.Libreswan, false));
        Assert.Equal("Format", error.ParameterName);
        Assert.Contains("USER_FQDN 'branch.example.test'", error.Message);
    }

    [Fact]
    public void IncludeSecret_without_a_key_in_the_answer_is_an_error_naming_the_parameter_not_a_placeholder()
    {
        var site = PeerConfigTests.Site(c => c.Remove("psk"));
        var error = Assert.Throws<OpenStackException>(() => PeerConfigWriter.Write(site, PeerConfigFormat.Swanctl, includeSecret: true));
        Assert.Equal("IncludeSecret", error.ParameterName);
        Assert.Contains("no pre-shared key", error.Message);
        Assert.Contains(PeerConfigFile.PskPlaceholder, PeerConfigWriter.Write(site, PeerConfigFormat.Swanctl, includeSecret: false)[0].Content);
    }
}
