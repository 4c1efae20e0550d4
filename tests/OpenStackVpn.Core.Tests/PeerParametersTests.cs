using OpenStackVpn.Core.Peer;
using Xunit;

namespace OpenStackVpn.Core.Tests;

/// <summary>The parameter sheet: IANA names and strongSwan's words for the same values, flat, with no key in it.</summary>
public sealed class PeerParametersTests
{
    [Fact]
    public void The_sheet_names_each_transform_as_IANA_does_and_as_strongSwan_writes_it()
    {
        var sheet = PeerParameters.From(PeerConfigTests.Site(c => c["peer_id"] = "@branch@example.test", peer: new[] { "10.2.0.0/24", "10.3.0.0/24" }));
        Assert.Equal("198.51.100.20", sheet.PeerAddress);
        Assert.Equal("192.0.2.10", sheet.CloudAddress);
        Assert.Equal(("@@branch@example.test", "ID_USER_FQDN"), (sheet.PeerId, sheet.PeerIdType));
        Assert.Equal(("192.0.2.10", "ID_IPV4_ADDR"), (sheet.CloudId, sheet.CloudIdType));
        Assert.Equal("ENCR_AES_CBC (256)", sheet.IkeEncryption);
        Assert.Equal("AUTH_HMAC_SHA2_256_128", sheet.IkeIntegrity);
        Assert.Equal("PRF_HMAC_SHA2_256", sheet.IkePrf);
        Assert.Equal("2048-bit MODP (group 14)", sheet.IkeDhGroup);
        Assert.Equal("aes256-sha256-modp2048", sheet.IkeProposal);
        Assert.Equal(("ESP", "tunnel", "ENCR_AES_CBC (128)"), (sheet.ChildProtocol, sheet.EncapsulationMode, sheet.ChildEncryption));
        Assert.Equal((28800, 3600), (sheet.IkeLifetimeSeconds!.Value, sheet.ChildLifetimeSeconds!.Value));
        Assert.Equal(("hold", 30, 120), (sheet.DpdAction, sheet.DpdIntervalSeconds!.Value, sheet.DpdTimeoutSeconds!.Value));
        Assert.Equal(("10.2.0.0/24, 10.3.0.0/24", "10.1.0.0/24", 1400), (sheet.PeerNetworks, sheet.CloudNetworks, sheet.Mtu!.Value));
        Assert.StartsWith("either", sheet.Initiator);
    }

    [Fact]
    public void Combined_mode_has_no_integrity_and_a_newer_group_its_IANA_name()
    {
        var sheet = PeerParameters.From(PeerConfigTests.Site(
            ike: i => { i["encryption_algorithm"] = "aes-256-gcm-16"; i["pfs"] = "group28"; i["ike_version"] = "v1"; },
            esp: e => { e["encryption_algorithm"] = "aes-128-ccm-8"; e["pfs"] = "group31"; }));
        Assert.Equal("ENCR_AES_GCM_16 (256)", sheet.IkeEncryption);
        Assert.Equal("none (combined mode)", sheet.IkeIntegrity);
        Assert.Equal("PRF_HMAC_SHA2_256", sheet.IkePrf);
        Assert.Equal("256-bit Brainpool ECP (group 28)", sheet.IkeDhGroup);
        Assert.Equal("aes256gcm16-prfsha256-ecp256bp", sheet.IkeProposal);
        Assert.Equal("ENCR_AES_CCM_8 (128)", sheet.ChildEncryption);
        Assert.Equal("none (combined mode)", sheet.ChildIntegrity);
        Assert.Equal("Curve25519 (group 31)", sheet.PfsGroup);
        Assert.Equal("main", sheet.Phase1Mode);
    }

    [Fact]
    public void Every_property_is_a_scalar_and_none_holds_the_key()
    {
        var sheet = PeerParameters.From(PeerConfigTests.Site(c => c["initiator"] = "response-only"));
        foreach (var property in typeof(PeerParameters).GetProperties())
        {
            var type = System.Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            Assert.True(type == typeof(string) || type.IsPrimitive, $"{property.Name} is a {type.Name}");
            Assert.DoesNotContain("s3cret", property.GetValue(sheet)?.ToString() ?? "");
        }

        Assert.StartsWith("peer", sheet.Initiator);
        Assert.Equal(31, typeof(PeerParameters).GetProperties().Length);
    }
}
