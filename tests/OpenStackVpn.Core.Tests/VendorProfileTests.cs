using System.Linq;
using OpenStackVpn.Core.Peer;
using OpenStackVpn.Core.Peer.Vendors;
using Xunit;

namespace OpenStackVpn.Core.Tests;

/// <summary>-PeerProfile of a vendor format: the format's own value table says what the platform cannot
/// negotiate.</summary>
public sealed class VendorProfileTests
{
    [Fact]
    public void A_vendor_profile_names_every_value_its_table_refuses_with_the_vendor_documentation()
    {
        var site = PeerConfigTests.Site(ike: i => i["auth_algorithm"] = "aes-xcbc",
            esp: e => e["encryption_algorithm"] = "aes-128-ctr");
        var errors = PeerProfiles.Check(site, PeerProfiles.Named("fortigate"))
            .Where(f => f.Severity == FindingSeverity.Error).ToList();
        Assert.Equal(new[] { "PeerProfile.ike_integrity", "PeerProfile.esp_encryption" },
            errors.Select(f => f.Check));
        Assert.Contains("aes-xcbc", errors[0].Found);
        Assert.Contains("aes-128-ctr", errors[1].Found);
        Assert.All(errors, f => Assert.Contains(FortiGate.Phase2Doc, f.Source));
    }

    [Fact]
    public void A_vendor_profile_names_a_refused_choice_with_the_reason_from_its_table()
    {
        var site = PeerConfigTests.Site(esp: e => e["encapsulation_mode"] = "transport");
        var error = Assert.Single(PeerProfiles.Check(site, PeerProfiles.Named("JuniperSrx")));
        Assert.Equal(FindingSeverity.Error, error.Severity);
        Assert.Equal("PeerProfile.encapsulation_mode", error.Check);
        Assert.Contains(JuniperSrx.Words.Refused["encapsulation mode=transport"], error.Found);
    }

    [Fact]
    public void Every_vendor_profile_finds_no_error_in_a_connection_its_platform_supports()
    {
        foreach (var format in VendorDialects.All.Select(d => d.Format.ToString()))
        {
            var finding = Assert.Single(PeerProfiles.Check(PeerConfigTests.Site(), PeerProfiles.Named(format)));
            Assert.Equal(FindingSeverity.Ok, finding.Severity);
        }
    }

    [Fact]
    public void An_unknown_profile_is_refused_listing_the_known_ones_with_the_vendors()
    {
        var error = Assert.Throws<OpenStackException>(() => PeerProfiles.Named("openswan-2"));
        Assert.Equal("PeerProfile", error.ParameterName);
        Assert.Contains("strongswan-5.9", error.Message);
        Assert.All(VendorDialects.All, d => Assert.Contains(d.Format.ToString(), error.Message));
    }
}
