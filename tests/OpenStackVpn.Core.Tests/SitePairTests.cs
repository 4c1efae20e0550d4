using System.Linq;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Pair;
using OpenStackVpn.Core.Peer;
using Xunit;

namespace OpenStackVpn.Core.Tests;

/// <summary>The site pair's key, and the comparison of two ends, on API-shaped objects.</summary>
public sealed class SitePairTests
{
    [Fact]
    public void A_generated_key_is_40_letters_and_digits_new_each_time_and_uses_the_whole_alphabet()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => Secrets.ToPlain(PairKey.New())!).ToList();
        Assert.All(keys, key => Assert.Matches("^[A-Za-z0-9]{40}$", key));
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(PairKey.Alphabet.Length, string.Concat(keys).Distinct().Count());
    }

    [Fact]
    public void Two_mirrored_ends_agree_on_every_field()
    {
        var findings = PairComparison.Compare(PeerConfigTests.Site(), Mirror());
        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal(2, findings.Count(f => f.Check == "PeerConfig.Psk" && f.Severity == FindingSeverity.Ok));
    }

    [Fact]
    public void A_changed_key_or_group_on_one_end_is_named_on_both_without_the_key()
    {
        var findings = PairComparison.Compare(PeerConfigTests.Site(), Mirror(psk: "another key", pfs: "group5"));
        var errors = findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        Assert.Equal(new[] { "PeerConfig.IkeProposal", "PeerConfig.Psk" },
            errors.Select(f => f.Check).Distinct().OrderBy(c => c, System.StringComparer.Ordinal));
        Assert.Equal(4, errors.Count);
        Assert.DoesNotContain(findings, f => $"{f.Found} {f.Expected} {f.Action}".Contains("another key"));
        Assert.DoesNotContain(findings, f => $"{f.Found} {f.Expected} {f.Action}".Contains("s3cret"));
    }

    // The other end of PeerConfigTests.Site(): its service at the peer's address, its networks the peer CIDRs.
    private static PeerSite Mirror(string psk = "s3cret with spaces", string pfs = "group14")
    {
        var a = PeerConfigTests.Site();
        var connection = JObject.FromObject(a.Connection);
        connection["id"] = "d0d0d0d0-7e93-4f98-9f04-b085a4bf2511";
        connection["peer_address"] = connection["peer_id"] = a.Service.ExternalV4Ip;
        connection["peer_cidrs"] = new JArray(a.LocalCidrs.ToArray());
        connection["psk"] = psk;
        var service = JObject.FromObject(a.Service);
        service["external_v4_ip"] = a.Connection.PeerAddress;
        var ike = JObject.FromObject(a.IkePolicy);
        ike["pfs"] = pfs;
        return new PeerSite(connection.ToObject<IpsecSiteConnection>()!, service.ToObject<VpnService>()!,
            ike.ToObject<IkePolicy>()!, a.IpsecPolicy, a.PeerCidrs, a.LocalCidrs);
    }
}
