using System;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Resources;
using Xunit;

namespace OpenStackVpn.Core.Tests;

// The description's rules are checked before anything is sent: these run with no session at all, so a rule that
// needed a request would fail with a NullReferenceException, not with the OpenStackException asserted.
public sealed class FieldValuesTests
{
    private static async Task<OpenStackException> Refused(Func<Task> prepare) => await Assert.ThrowsAsync<OpenStackException>(prepare);

    private static Task<ResourceChange<T>> Create<T>(ResourceKind<T> kind, FieldValues values) where T : NeutronResource =>
        ResourceClient.PrepareCreateAsync(null!, kind, values, NullLogSink.Instance, CancellationToken.None);

    private static Task<ResourceChange<T>> Update<T>(ResourceKind<T> kind, FieldValues values) where T : NeutronResource =>
        ResourceClient.PrepareUpdateAsync(null!, kind, "6f1b8a8e-0000-4000-8000-000000000001", values, NullLogSink.Instance, CancellationToken.None);

    [Theory]
    [InlineData("vpnservice_id")]
    [InlineData("ikepolicy_id")]
    [InlineData("availability_zone")]
    [InlineData("project_id")]
    public async Task A_create_only_field_is_refused_in_an_update(string field)
    {
        var e = await Refused(() => Update(VpnResources.IpsecSiteConnection, new FieldValues().Set(field, "x")));
        Assert.Equal(field, e.ParameterName);
        Assert.Contains("can only be set when the object is created", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_the_server_sets_is_refused()
    {
        var e = await Refused(() => Update(VpnResources.VpnService, new FieldValues().Set("status", "ACTIVE")));
        Assert.Equal("status", e.ParameterName);
    }

    [Fact]
    public async Task A_create_without_a_required_field_names_it()
    {
        var e = await Refused(() => Create(VpnResources.VpnEndpointGroup, new FieldValues().Set("type", "cidr")));
        Assert.Equal("endpoints", e.ParameterName);
        Assert.Contains("required", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_the_description_does_not_allow_is_refused_with_the_allowed_ones()
    {
        var e = await Refused(() => Update(VpnResources.IpsecSiteConnection, new FieldValues().Set("dpd.action", "bogus")));
        Assert.Equal("dpd.action", e.ParameterName);
        Assert.Contains("restart-by-peer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_longer_than_the_column_is_refused_without_being_turned_into_text()
    {
        var e = await Refused(() => Update(VpnResources.IpsecSiteConnection, new FieldValues().Set("psk", Secrets.ToSecure(new string('k', 256)))));
        Assert.Equal("psk", e.ParameterName);
        Assert.DoesNotContain("kkkk", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reference_of_the_wrong_kind_is_refused_before_it_is_looked_up()
    {
        var e = await Refused(() => Update(VpnResources.IpsecSiteConnection, new FieldValues().Set("local_ep_group_id", new IkePolicy { Id = "x" })));
        Assert.Equal("local_ep_group_id", e.ParameterName);
        Assert.Contains("VPN endpoint group", e.Message, StringComparison.Ordinal);
    }
}
