using System.Linq;
using OpenStackVpn.Core.Peer;
using Xunit;

namespace OpenStackVpn.Core.Tests;

/// <summary>Proposals by meaning, in strongSwan's and Libreswan's words; secrets chosen by their selectors; the peer
/// profiles.</summary>
public sealed class ProposalMeaningTests
{
    private static readonly ProposalMeaning Cloud = ProposalMeaning.ParseList("aes256-sha256-modp2048", ike: true,
        libreswan: false)[0];

    [Theory]
    [InlineData("aes256-sha256-modp2048", false)]
    [InlineData("aes256-sha2_256-modp2048", false)]
    [InlineData("aes256-sha2_256;dh14", true)]
    [InlineData("aes256-sha2;modp2048", true)]
    [InlineData("aes+aes256-sha1+sha2_256-dh19+dh14", true)]
    [InlineData("aes-256-sha2_256-dh14", true)]
    [InlineData("aes128-sha1-modp1024,aes256-sha256-modp2048!", false)]
    public void The_same_transforms_in_other_words_meet(string text, bool libreswan) =>
        Assert.Contains(ProposalMeaning.ParseList(text, ike: true, libreswan), p => p.Meets(Cloud, requireGroup: true));

    [Theory]
    [InlineData("aes128-sha256-modp2048", false)]
    [InlineData("aes256-sha1-modp2048", false)]
    [InlineData("aes256-sha256-modp1024", false)]
    [InlineData("aes256-sha2_256;dh19", true)]
    public void Another_transform_does_not_meet(string text, bool libreswan) =>
        Assert.DoesNotContain(ProposalMeaning.ParseList(text, ike: true, libreswan), p => p.Meets(Cloud,
            requireGroup: true));

    [Theory]
    [InlineData("aes_gcm_c-256", "aes256gcm16")]
    [InlineData("aes_gcm256", "aes256gcm16")]
    [InlineData("aes_gcm_a128", "aes128gcm8")]
    [InlineData("aes256gcm128", "aes256gcm16")]
    [InlineData("aes128gcm", "aes128gcm16")]
    [InlineData("aes_ctr", "aes128ctr")]
    public void Cipher_aliases_map_to_one_name(string word, string canonical) =>
        Assert.Equal(canonical, ProposalMeaning.ParseList(word, ike: false, libreswan: true)[0].Encryption.Single());

    [Fact]
    public void A_word_neither_parser_knows_is_kept_to_be_named() =>
        Assert.Equal(new[] { "rot13" }, ProposalMeaning.ParseList("rot13-sha256-modp2048", ike: true,
            libreswan: false)[0].Unknown);

    [Fact]
    public void A_secrets_line_for_both_ids_beats_a_wildcard_and_one_for_another_peer_does_not_fit()
    {
        var settings = new PeerSettings { LocalId = "198.51.100.20", RemoteId = "192.0.2.10",
            LocalAddress = "198.51.100.20", RemoteAddress = "192.0.2.10" };
        var both = IpsecSecrets.Score(new[] { "198.51.100.20", "192.0.2.10" }, settings);
        var wildcard = IpsecSecrets.Score(new[] { "%any" }, settings);
        var other = IpsecSecrets.Score(new[] { "198.51.100.20", "203.0.113.9" }, settings);
        Assert.True(both > wildcard && wildcard > 0, $"{both} {wildcard}");
        Assert.Equal(0, other);
        Assert.Equal(1, IpsecSecrets.Score(System.Array.Empty<string>(), settings));
    }

    [Fact]
    public void Every_profile_limit_names_a_known_setting_and_the_page_it_comes_from()
    {
        var known = PeerProfiles.Settings(PeerConfigTests.Site()).Keys.ToList();
        Assert.Contains(PeerProfiles.All, p => p.Name == "strongswan-5.9");
        Assert.Contains(PeerProfiles.All, p => p.Name == "libreswan-5");
        Assert.All(PeerProfiles.All.SelectMany(p => p.Limits), l =>
        {
            Assert.Contains(l.Setting, known);
            Assert.StartsWith("https://", l.Source);
        });
    }

    [Fact]
    public void A_profile_names_each_setting_it_cannot_negotiate()
    {
        var site = PeerConfigTests.Site(ike: i => { i["ike_version"] = "v1"; i["pfs"] = "group2"; });
        var errors = PeerProfiles.Check(site, PeerProfiles.Named("libreswan-5")).Select(f => f.Check).ToList();
        Assert.Equal(new[] { "PeerProfile.ike_version", "PeerProfile.ike_group" }, errors);
        Assert.Equal(FindingSeverity.Ok, PeerProfiles.Check(PeerConfigTests.Site(),
            PeerProfiles.Named("strongswan-6")).Single().Severity);
        Assert.Equal("PeerProfile", Assert.Throws<OpenStackException>(() =>
            PeerProfiles.Named("openswan-2")).ParameterName);
    }
}
