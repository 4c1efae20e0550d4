using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded;
using Xunit;

namespace OpenStackVpn.Embedded.Tests;

/// <summary>The newest neutron-vpnaas's value sets (profile Latest) beside the lab's (Upstream, the default).</summary>
public sealed class EmbeddedLatestProfileTests
{
    private static JObject Ike(string encryption, string auth, string pfs) => new()
    {
        ["ikepolicy"] = new JObject { ["name"] = "m", ["encryption_algorithm"] = encryption, ["auth_algorithm"] = auth, ["pfs"] = pfs },
    };

    private static JObject Ipsec(string encryption, string auth, string pfs) => new()
    {
        ["ipsecpolicy"] = new JObject { ["name"] = "m", ["encryption_algorithm"] = encryption, ["auth_algorithm"] = auth, ["pfs"] = pfs },
    };

    [Theory]
    [InlineData("aes-256-ctr", "aes-xcbc", "group30")]
    [InlineData("aes-192-ccm-12", "aes-cmac", "group17")]
    [InlineData("aes-128-gcm-8", "sha512", "group22")]
    public async Task Latest_takes_the_newest_values_and_the_default_profile_refuses_them(string encryption, string auth, string pfs)
    {
        using var latest = new EmbeddedClient(new EmbeddedCloudOptions { Profile = EmbeddedProfile.Latest });
        var ike = await latest.NeutronAsync("POST", "vpn/ikepolicies", Ike(encryption, auth, pfs));
        Assert.Equal(201, ike.Status);
        Assert.Equal(pfs, (string?)ike.Body.SelectToken("ikepolicy.pfs"));
        Assert.Equal(201, (await latest.NeutronAsync("POST", "vpn/ipsecpolicies", Ipsec(encryption, auth, pfs))).Status);

        using var lab = new EmbeddedClient();
        var refused = await lab.NeutronAsync("POST", "vpn/ikepolicies", Ike(encryption, "sha1", "group5"));
        Assert.Equal((400, "HTTPBadRequest"), (refused.Status, refused.Type));
        Assert.Contains(encryption, refused.Message);
    }

    [Fact]
    public async Task Latest_announces_the_shim_extensions_of_the_newer_values()
    {
        using var latest = new EmbeddedClient(new EmbeddedCloudOptions { Profile = EmbeddedProfile.Latest });
        var aliases = (await latest.NeutronAsync("GET", "extensions")).Body["extensions"]!.Select(e => (string)e["alias"]!).ToList();
        Assert.Contains("vpn-aes-ccm-gcm", aliases);
        Assert.Contains("vpn-aes-ctr", aliases);
        Assert.Contains("vpn-endpoint-groups", aliases);
        using var lab = new EmbeddedClient();
        Assert.DoesNotContain("vpn-aes-ctr", (await lab.NeutronAsync("GET", "extensions")).Body["extensions"]!.Select(e => (string)e["alias"]!));
    }
}
