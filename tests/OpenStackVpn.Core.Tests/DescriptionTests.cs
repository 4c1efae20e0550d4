using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Newtonsoft.Json;
using OpenStackVpn.Core.Config;
using OpenStackVpn.Core.Resources;
using Xunit;

namespace OpenStackVpn.Core.Tests;

public sealed class DescriptionTests
{
    public static IEnumerable<object[]> Kinds => VpnResources.All.Select(kind => new object[] { kind.Singular });

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_JSON_field_of_a_model_is_described(string singular)
    {
        var kind = VpnResources.All.Single(k => k.Singular == singular);
        var described = kind.Fields.Select(f => f.TopLevel).ToHashSet();
        var modelFields = kind.ModelType.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName)
            .Where(name => name != null)
            .ToList();
        var undescribed = modelFields.Except(described).ToList();
        Assert.True(undescribed.Count == 0, $"{kind.DisplayName} fields without a description: {string.Join(", ", undescribed)}");
    }

    [Fact]
    public void What_refers_to_a_resource_comes_from_the_other_descriptions()
    {
        Assert.Equal(new[] { "local_ep_group_id", "peer_ep_group_id" }, VpnResources.VpnEndpointGroup.ReferredBy.Select(r => r.Field.Path));
        Assert.Equal(new[] { "vpnservice_id" }, VpnResources.VpnService.ReferredBy.Select(r => r.Field.Path));
        Assert.Empty(VpnResources.IpsecSiteConnection.ReferredBy);
    }

    [Fact]
    public void A_filter_on_a_nested_field_asks_for_its_top_level_field()
    {
        var query = new ListQuery().Where("dpd_action", "hold").Where("lifetime_value", "3600");
        query.Fields.Add("name");
        Assert.Contains("fields=dpd", query.ToQueryString(VpnResources.IpsecSiteConnection), StringComparison.Ordinal);
        Assert.Contains("fields=lifetime&", query.ToQueryString(VpnResources.IkePolicy) + "&", StringComparison.Ordinal);
    }

    [Fact]
    public void The_status_is_read_through_the_description()
    {
        Assert.Equal("DOWN", VpnResources.VpnService.StatusOf(new VpnService { Status = "DOWN" }));
        Assert.Null(VpnResources.IkePolicy.StatusOf(new IkePolicy()));
    }

    [Fact]
    public void Typed_secrets_reach_the_settings_as_the_same_SecureStrings()
    {
        var password = Secrets.ToSecure("typed")!;
        var settings = ConnectionSettings.Resolve(
            new Dictionary<string, string?> { ["auth_url"] = "http://k/v3", ["username"] = "u" }, null, _ => null, ".",
            new ConnectionSecrets { Password = password });
        Assert.Same(password, settings.Password);
    }

    [Fact]
    public void No_Newtonsoft_type_is_in_the_public_surface_of_Core()
    {
        var leaks = typeof(VpnResources).Assembly.GetExportedTypes()
            .SelectMany(t => PublicTypesOf(t).Where(IsNewtonsoft).Select(leak => $"{t.Name}: {leak}"))
            .Distinct()
            .ToList();
        Assert.Empty(leaks);
    }

    private static bool IsNewtonsoft(Type type) =>
        type.Namespace?.StartsWith("Newtonsoft", StringComparison.Ordinal) == true
        || (type.IsGenericType && type.GetGenericArguments().Any(IsNewtonsoft))
        || (type.HasElementType && IsNewtonsoft(type.GetElementType()!));

    private static IEnumerable<Type> PublicTypesOf(Type type)
    {
        const BindingFlags Visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType != null)
        {
            yield return type.BaseType;
        }

        foreach (var member in type.GetMembers(Visible | BindingFlags.NonPublic))
        {
            var visible = member switch
            {
                MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
                FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
                PropertyInfo p => p.GetAccessors(true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
                _ => false,
            };
            if (!visible)
            {
                continue;
            }

            switch (member)
            {
                case MethodBase method:
                    foreach (var parameter in method.GetParameters())
                    {
                        yield return parameter.ParameterType;
                    }

                    if (method is MethodInfo info)
                    {
                        yield return info.ReturnType;
                    }

                    break;
                case FieldInfo field:
                    yield return field.FieldType;
                    break;
                case PropertyInfo property:
                    yield return property.PropertyType;
                    break;
            }
        }
    }
}
