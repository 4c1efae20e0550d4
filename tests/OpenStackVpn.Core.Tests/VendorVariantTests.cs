using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Peer;
using OpenStackVpn.Core.Peer.Vendors;
using Xunit;

namespace OpenStackVpn.Core.Tests;

/// <summary>
/// Each vendor format with Neutron's other choices (IKEv1 defaults, GCM, FQDN ids, several networks, response-only,
/// AH, transport mode): either written and read back with no finding, or refused with the platform's name.
/// </summary>
public sealed class VendorVariantTests
{
    private static readonly Dictionary<string, Func<PeerSite>> Variants = new()
    {
        ["ikev1-defaults"] = () => PeerConfigTests.Site(
            c => c["psk"] = "v1Key",
            i =>
            {
                i["ike_version"] = "v1";
                i["auth_algorithm"] = "sha1";
                i["encryption_algorithm"] = "aes-128";
                i["pfs"] = "group5";
            },
            e => { e["auth_algorithm"] = "sha1"; e["pfs"] = "group5"; }),
        ["ikev1-aggressive"] = () => PeerConfigTests.Site(
            c => c["psk"] = "aggrKey",
            i =>
            {
                i["ike_version"] = "v1";
                i["phase1_negotiation_mode"] = "aggressive";
                i["auth_algorithm"] = "sha1";
            },
            e => e["auth_algorithm"] = "sha1"),
        ["gcm"] = () => PeerConfigTests.Site(
            c => c["psk"] = "gcmKey",
            i => i["encryption_algorithm"] = "aes-256-gcm-16",
            e => e["encryption_algorithm"] = "aes-256-gcm-16"),
        ["fqdn-ids"] = () => PeerConfigTests.Site(c => { c["psk"] = "fqdnKey"; c["peer_id"] = "branch.example.test"; }),
        ["two-networks"] = () => PeerConfigTests.Site(
            c => { c["psk"] = "twoKey"; c["peer_cidrs"] = new JArray("10.2.0.0/24", "10.3.0.0/24"); },
            local: new[] { "10.1.0.0/24", "10.4.0.0/24" }, peer: new[] { "10.2.0.0/24", "10.3.0.0/24" }),
        ["user-fqdn-id"] = () => PeerConfigTests.Site(c =>
        {
            c["psk"] = "userKey";
            c["peer_id"] = "branch@example.test";
        }),
        ["response-only"] = () => PeerConfigTests.Site(c =>
            { c["psk"] = "respKey"; c["initiator"] = "response-only"; }),
        ["ah"] = () => PeerConfigTests.Site(c => c["psk"] = "ahKey", esp: e => e["transform_protocol"] = "ah"),
        ["transport"] = () => PeerConfigTests.Site(c => c["psk"] = "trKey", esp: e =>
            e["encapsulation_mode"] = "transport"),
        ["dpd-disabled"] = () => PeerConfigTests.Site(c =>
            { c["psk"] = "dpdKey"; c["dpd"] = JObject.Parse("{\"action\": \"disabled\"}"); }),
    };

    // What each format refuses of the variants (and so must refuse): everything else must round-trip.
    private static readonly Dictionary<PeerConfigFormat, string[]> Refused = new()
    {
        [PeerConfigFormat.CiscoIosXe] = new[] { "user-fqdn-id" },
        [PeerConfigFormat.CiscoAsa] = new[] { "fqdn-ids", "user-fqdn-id", "ah", "transport" },
        [PeerConfigFormat.JuniperSrx] = new[] { "user-fqdn-id", "transport" },
        [PeerConfigFormat.FortiGate] = new[] { "user-fqdn-id", "ah" },
        [PeerConfigFormat.PaloAlto] = new[] { "user-fqdn-id", "transport" },
        [PeerConfigFormat.MikroTik] = new[] { "gcm", "user-fqdn-id" },
        [PeerConfigFormat.VyOS] = new[] { "user-fqdn-id", "ah" },
        [PeerConfigFormat.WindowsRras] = new[]
        {
            "ikev1-defaults", "ikev1-aggressive", "gcm", "fqdn-ids", "user-fqdn-id", "ah", "transport", "dpd-disabled",
        },
    };

    // These platforms start a policy-based tunnel on the first packet only: read back, response-only is reported.
    private static readonly PeerConfigFormat[] StartOnTraffic =
    {
        PeerConfigFormat.CiscoIosXe, PeerConfigFormat.CiscoAsa, PeerConfigFormat.PaloAlto, PeerConfigFormat.MikroTik,
    };

    public static TheoryData<PeerConfigFormat, string> Cases()
    {
        var data = new TheoryData<PeerConfigFormat, string>();
        foreach (var format in VendorFormatTests.VendorFormats)
        {
            foreach (var variant in Variants.Keys)
            {
                data.Add(format, variant);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_variant_is_written_and_read_back_clean_or_refused_by_name(PeerConfigFormat format, string variant)
    {
        var site = Variants[variant]();
        var dialect = VendorDialects.Writer(format)!;
        if (Refused[format].Contains(variant))
        {
            var e = Assert.Throws<OpenStackException>(() => PeerConfigWriter.Write(site, format, true));
            Assert.Contains(dialect.Platform, e.Message);
            return;
        }

        var text = VendorFormatTests.Around[format] + PeerConfigWriter.Write(site, format, true).Single().Content;
        Assert.Equal(format, VendorDialects.Recognise(text));
        var found = VendorDialects.Reader(format)!.Read(text, site);
        var notOk = ConnectionDiagnosis.PeerConfigChecks(site, found).Where(f => f.Severity != FindingSeverity.Ok)
            .Select(f => $"{f.Check}: {f.Found} (expected {f.Expected})").ToList();
        if (variant == "response-only" && StartOnTraffic.Contains(format))
        {
            Assert.Equal("PeerConfig.StartAction: route (expected start)", Assert.Single(notOk));
            return;
        }

        Assert.Empty(notOk);
    }
}
