using System;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Resources;
using Xunit;

namespace OpenStackVpn.Core.Tests;

public sealed class ResourceQueryTests
{
    private static readonly ResourceKind<IpsecSiteConnection> Kind = VpnResources.IpsecSiteConnection;

    [Fact]
    public void Filters_fields_sort_and_limit_become_Neutron_query_parameters()
    {
        var query = new ListQuery { PageSize = 2 }.Where("name", "a b").Where("name", "c").SortBy("name:desc");
        query.Fields.Add("peer_address");
        Assert.Equal("name=a%20b&name=c&fields=peer_address&fields=id&fields=name&sort_key=name&sort_dir=desc&limit=2", query.ToQueryString());
    }

    [Fact]
    public void An_unknown_filter_is_refused_before_any_request()
    {
        var e = Assert.Throws<OpenStackException>(() => new ListQuery().Where("colour", "red").Validate(Kind));
        Assert.Equal("Filter", e.ParameterName);
    }

    [Fact]
    public void A_sort_key_Neutron_refuses_is_refused_first()
    {
        var e = Assert.Throws<OpenStackException>(() => new ListQuery().SortBy("mtu").Validate(Kind));
        Assert.Equal("Sort", e.ParameterName);
        Assert.Throws<OpenStackException>(() => new ListQuery().SortBy("name:sideways"));
    }

    [Fact]
    public void Results_are_checked_against_the_filters_on_the_client()
    {
        var query = new ListQuery().Where("status", "ACTIVE").Where("dpd_action", "hold").Where("admin_state_up", "True");
        var active = JObject.Parse("""{"status": "ACTIVE", "admin_state_up": true, "dpd": {"action": "hold"}}""");
        var pending = JObject.Parse("""{"status": "PENDING_CREATE", "admin_state_up": true, "dpd": {"action": "hold"}}""");
        var noZone = JObject.Parse("""{"status": "ACTIVE"}""");
        Assert.True(query.Matches(active, Kind));
        Assert.False(query.Matches(pending, Kind));
        Assert.False(new ListQuery().Where("availability_zone", "AZ1").Matches(noZone, Kind));
    }

    [Fact]
    public void The_next_page_is_the_query_of_the_next_link_on_our_own_endpoint()
    {
        var links = JArray.Parse("""
            [{"rel": "next", "href": "http://internal-name:9696/v2.0/vpn/ipsec-site-connections?limit=2&marker=b"},
             {"rel": "previous", "href": "http://internal-name:9696/v2.0/vpn/ipsec-site-connections?limit=2&marker=a&page_reverse=True"}]
            """);
        Assert.Equal("limit=2&marker=b", ResponseReader.NextQuery(links, "limit=2"));
        Assert.Null(ResponseReader.NextQuery(links, "limit=2&marker=b"));
        Assert.Null(ResponseReader.NextQuery(null, "limit=2"));
    }

    [Theory]
    [InlineData("PeerAddress", "peer_address")]
    [InlineData("peer_address", "peer_address")]
    [InlineData("LocalEndpointGroupId", "local_ep_group_id")]
    [InlineData("Psk", "psk")]
    [InlineData("ikepolicyid", "ikepolicy_id")]
    public void Properties_are_named_by_model_or_JSON_name(string name, string field) =>
        Assert.Equal(field, Kind.FieldName(name));

    [Fact]
    public void A_connection_keeps_fields_it_does_not_know()
    {
        var connection = JObject.Parse("""{"id": "x", "psk": "s3cret", "availability_zone": "AZ1", "flavor": "gold"}""").ToObject<IpsecSiteConnection>()!;
        Assert.Equal("AZ1", connection.AvailabilityZone);
        Assert.Equal("gold", connection.AdditionalProperties["flavor"]);
        Assert.False(connection.AdditionalProperties.ContainsKey("psk"));
    }

    [Fact]
    public void A_connection_hides_the_psk_from_its_public_surface_and_forgets_it_when_told()
    {
        var connection = JObject.Parse("""{"id": "x", "name": "n", "psk": "s3cret"}""").ToObject<IpsecSiteConnection>()!;
        // Kept, for -IncludeSecret, only as a Secret (a SecureString inside): no public property, extra field or
        // ToString shows it as text.
        Assert.IsType<Secret>(connection.Psk);
        Assert.Equal("s3cret", Secrets.ToPlain(connection.Psk));
        var shown = typeof(IpsecSiteConnection).GetProperties()
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != nameof(IpsecSiteConnection.Psk))
            .Select(p => Newtonsoft.Json.JsonConvert.SerializeObject(p.GetValue(connection)))
            .Append(connection.ToString() ?? "");
        Assert.DoesNotContain(shown, text => text.Contains("s3cret", StringComparison.Ordinal));

        connection.ForgetSecrets();
        Assert.Null(connection.Psk);
        Assert.DoesNotContain("s3cret", JObject.FromObject(connection).ToString(), StringComparison.Ordinal);
    }
}
