using System.Linq;
using System.Text.RegularExpressions;
using OpenStackVpn.Core.Peer;
using Xunit;

namespace OpenStackVpn.Core.Tests;

/// <summary>One peer gateway with several connections in one set of files, and a peer behind NAT.</summary>
public sealed class PeerGatewayTests
{
    private const string PskOfSite = "s3cret with spaces";

    private static PeerSite Second(string peerAddress = "198.51.100.20", string psk = "s3cret with spaces") => PeerConfigTests.Site(c =>
    {
        c["id"] = "0d0d0d0d-1111-4222-8333-444444444444";
        c["name"] = "branch-1-backup";
        c["peer_address"] = peerAddress;
        c["peer_id"] = peerAddress;
        c["psk"] = psk;
    }, local: new[] { "10.5.0.0/24" });

    [Theory]
    [InlineData(PeerConfigFormat.Swanctl, "swanctl.conf")]
    [InlineData(PeerConfigFormat.IpsecConf, "ipsec.conf")]
    [InlineData(PeerConfigFormat.Libreswan, "neutron-peer-198.51.100.20.conf")]
    public void Connections_of_one_peer_go_into_one_file_per_kind_with_one_key_line(PeerConfigFormat format, string fileName)
    {
        var files = PeerConfigWriter.Write(new[] { PeerConfigTests.Site(), Second() }, format, true, null);
        Assert.Equal(format == PeerConfigFormat.Swanctl ? 1 : 2, files.Count);
        Assert.Equal(fileName, files[0].FileName);
        Assert.Contains("neutron-cbc152a0-7e93-4f98-9f04-b085a4bf2511", files[0].Content);
        Assert.Contains("neutron-0d0d0d0d-1111-4222-8333-444444444444", files[0].Content);
        Assert.Contains("10.5.0.0/24", files[0].Content);
        var keys = files.Sum(f => f.Content.Split('\n').Count(l => l.Contains(" : PSK ") || l.TrimStart().StartsWith("secret = ", System.StringComparison.Ordinal)));
        Assert.Equal(1, keys);
    }

    [Fact]
    public void Connections_with_equal_IKE_settings_are_children_of_one_swanctl_connection_read_back_one_by_one()
    {
        // The cloud's charon negotiates the second one inside the first one's IKE SA (the tunnel lab's gateway test).
        var file = PeerConfigWriter.Write(new[] { Second(psk: PskOfSite), PeerConfigTests.Site() },
            PeerConfigFormat.Swanctl, true, null)[0];
        var content = file.Content.Replace("\r", "");
        Assert.Equal(1, Regex.Count(content, @"(?m)^    proposals = "));
        Assert.Matches(@"(?m)^  neutron-0d0d0d0d-1111-4222-8333-444444444444 \{$", content);
        Assert.Matches(@"(?m)^      neutron-cbc152a0-7e93-4f98-9f04-b085a4bf2511 \{$", content);
        Assert.Matches(@"(?m)^      neutron-0d0d0d0d-1111-4222-8333-444444444444 \{$", content);
        var read = PeerFileReaders.Read(PeerFileText.FromString(content, "(text)"), "(text)", "Swanctl");
        Assert.Equal(new[] { "10.5.0.0/24", "10.1.0.0/24" },
            read.Connections.Select(c => c.Settings.RemoteSubnets.Single()).ToArray());
    }

    [Fact]
    public void A_swanctl_file_with_the_two_as_separate_connections_is_a_warning_naming_the_other()
    {
        var separate = PeerConfigWriter.Write(PeerConfigTests.Site(), PeerConfigFormat.Swanctl, false)[0].Content
            + PeerConfigWriter.Write(Second(), PeerConfigFormat.Swanctl, false)[0].Content;
        var merged = PeerConfigWriter.Write(new[] { PeerConfigTests.Site(), Second() }, PeerConfigFormat.Swanctl,
            false, null)[0].Content;
        var (_, warned) = PeerConnectionChoice.Choose(Read(separate), PeerConfigTests.Site());
        var (_, clean) = PeerConnectionChoice.Choose(Read(merged), PeerConfigTests.Site());
        Assert.Equal(FindingSeverity.Warning, warned.Severity);
        Assert.Contains("'neutron-0d0d0d0d-1111-4222-8333-444444444444' is another swanctl connection", warned.Found);
        Assert.Equal(FindingSeverity.Ok, clean.Severity);
    }

    private static PeerFile Read(string text) =>
        PeerFileReaders.Read(PeerFileText.FromString(text.Replace("\r", ""), "(text)"), "(text)", "Swanctl");

    [Fact]
    public void Connections_with_different_IKE_settings_stay_separate_swanctl_connections()
    {
        var aes128 = PeerConfigTests.Site(c => c["id"] = "0e0e0e0e-1111-4222-8333-444444444444",
            ike: i => i["encryption_algorithm"] = "aes-128", local: new[] { "10.6.0.0/24" });
        var content = PeerConfigWriter.Write(new[] { PeerConfigTests.Site(), aes128 }, PeerConfigFormat.Swanctl,
            false, null)[0].Content;
        Assert.Equal(2, Regex.Count(content, @"(?m)^    proposals = "));
        Assert.DoesNotContain("one IKE SA for", content);
    }

    [Fact]
    public void Connections_of_different_peers_in_one_folder_are_refused_with_the_reason()
    {
        var error = Assert.Throws<OpenStackException>(() =>
            PeerConfigWriter.Write(new[] { PeerConfigTests.Site(), Second("203.0.113.9") }, PeerConfigFormat.Swanctl, false, null));
        Assert.Equal("Path", error.ParameterName);
        Assert.Contains("different peers", error.Message);
        Assert.Contains("203.0.113.9", error.Message);
    }

    [Fact]
    public void The_same_ids_with_different_keys_are_refused_as_a_gateway_could_not_tell_them_apart()
    {
        var error = Assert.Throws<OpenStackException>(() =>
            PeerConfigWriter.Write(new[] { PeerConfigTests.Site(), Second(psk: "another key") }, PeerConfigFormat.IpsecConf, true, null));
        Assert.Equal("Path", error.ParameterName);
        Assert.Contains("not the pre-shared key", error.Message);
        Assert.DoesNotContain("another key", error.Message);
    }

    [Theory]
    [InlineData(PeerConfigFormat.Swanctl, "10.20.0.5", "local_addrs = 10.20.0.5\n")]
    [InlineData(PeerConfigFormat.Swanctl, "%any", "local_addrs = %any\n")]
    [InlineData(PeerConfigFormat.IpsecConf, "%defaultroute", "left=%defaultroute\n")]
    [InlineData(PeerConfigFormat.Libreswan, "%defaultroute", "left=%defaultroute\n")]
    public void A_peer_behind_NAT_gets_its_own_address_and_keeps_the_ids_the_cloud_expects(PeerConfigFormat format, string address, string line)
    {
        var files = PeerConfigWriter.Write(new[] { PeerConfigTests.Site() }, format, false, address);
        Assert.Contains(line, files[0].Content);
        Assert.Contains(format == PeerConfigFormat.Swanctl ? "id = 198.51.100.20\n" : "leftid=198.51.100.20\n", files[0].Content);
    }

    [Theory]
    [InlineData(PeerConfigFormat.Swanctl, "%defaultroute", "no %defaultroute")]
    [InlineData(PeerConfigFormat.IpsecConf, "gateway.local", "neither an IP address")]
    public void A_local_address_the_format_cannot_take_is_refused_naming_the_parameter(PeerConfigFormat format, string address, string why)
    {
        var error = Assert.Throws<OpenStackException>(() => PeerConfigWriter.Write(new[] { PeerConfigTests.Site() }, format, false, address));
        Assert.Equal("PeerLocalAddress", error.ParameterName);
        Assert.Contains(why, error.Message);
    }
}
