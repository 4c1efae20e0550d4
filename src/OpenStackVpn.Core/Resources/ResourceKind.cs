using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Newtonsoft.Json;
using OpenStackVpn.Core.Resources.Rules;

namespace OpenStackVpn.Core.Resources;

/// <summary>What the generic resource path needs to know of one VPNaaS resource: its URL, its JSON names, what it filters and sorts on.</summary>
public sealed class ResourceKind<T> where T : NeutronResource
{
    internal ResourceKind(string displayName, string path, string singular, string plural, string notFoundType, IEnumerable<string> sortKeys, IEnumerable<string> filterColumns, ResourceRules? rules = null)
    {
        Rules = rules ?? new ResourceRules();
        DisplayName = displayName;
        Path = path;
        Singular = singular;
        Plural = plural;
        NotFoundType = notFoundType;
        SortKeys = sortKeys.ToArray();
        FilterPaths = filterColumns.ToDictionary(
            column => column.Split('=')[0],
            column => column.Contains('=') ? column.Split('=')[1] : column,
            StringComparer.Ordinal);
    }

    /// <summary>The name users read, e.g. "IPsec site connection".</summary>
    public string DisplayName { get; }

    /// <summary>The plural users read, e.g. "IPsec policies".</summary>
    public string DisplayPlural => DisplayName.EndsWith("y", StringComparison.Ordinal) ? DisplayName.Substring(0, DisplayName.Length - 1) + "ies" : DisplayName + "s";

    /// <summary>The collection path under the network endpoint, e.g. v2.0/vpn/ipsec-site-connections.</summary>
    public string Path { get; }

    /// <summary>The JSON key of one object.</summary>
    public string Singular { get; }

    /// <summary>The JSON key of a list; the paging links are under <c>{Plural}_links</c>.</summary>
    public string Plural { get; }

    /// <summary>Neutron's error type for a missing object.</summary>
    public string NotFoundType { get; }

    /// <summary>The resource's own rules for create and update.</summary>
    public ResourceRules Rules { get; }

    /// <summary>The keys Neutron sorts on (it answers 400 for any other).</summary>
    public IReadOnlyCollection<string> SortKeys { get; }

    /// <summary>Filter key (a model column) to the JSON path of its value in an object, to check results on the client.</summary>
    public IReadOnlyDictionary<string, string> FilterPaths { get; }

    /// <summary>The JSON field of a property given by its model name (PeerAddress) or JSON name (peer_address), for Neutron's <c>fields</c>.</summary>
    public string FieldName(string name)
    {
        if (FieldNames.TryGetValue(Simplify(name), out var field))
        {
            return field;
        }

        throw OpenStackException.Argument("Property", $"'{name}' is not a field of {DisplayPlural}. Fields: {string.Join(", ", FieldNames.Values.Distinct().OrderBy(f => f, StringComparer.Ordinal))}.");
    }

    private static readonly Dictionary<string, string> FieldNames = typeof(T)
        .GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        .Select(p => (p.Name, Json: p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName))
        .Where(p => p.Json != null)
        .SelectMany(p => new[] { (Key: Simplify(p.Name), p.Json), (Key: Simplify(p.Json!), p.Json) })
        .GroupBy(p => p.Key)
        .ToDictionary(g => g.Key, g => g.First().Json!, StringComparer.Ordinal);

    private static string Simplify(string name) => name.Replace("_", "").ToLowerInvariant();
}

/// <summary>The five VPNaaS resources, and the networking resources VPN services refer to.</summary>
public static class VpnResources
{
    private static readonly string[] CommonColumns = { "id", "name", "description", "project_id", "tenant_id" };
    private static readonly string[] CommonSortKeys = { "id", "name", "project_id", "tenant_id" };

    /// <summary>IPsec site connections.</summary>
    public static readonly ResourceKind<IpsecSiteConnection> IpsecSiteConnection = new(
        "IPsec site connection",
        "v2.0/vpn/ipsec-site-connections",
        "ipsec_site_connection",
        "ipsec_site_connections",
        "IPsecSiteConnectionNotFound",
        CommonSortKeys,
        CommonColumns.Concat(new[]
        {
            "status", "admin_state_up", "peer_address", "peer_id", "local_id", "route_mode", "mtu", "initiator",
            "auth_mode", "vpnservice_id", "ikepolicy_id", "ipsecpolicy_id", "local_ep_group_id", "peer_ep_group_id",
            "dpd_action=dpd.action", "dpd_interval=dpd.interval", "dpd_timeout=dpd.timeout", "availability_zone",
        }),
        new IpsecSiteConnectionRules());

    /// <summary>VPN services.</summary>
    public static readonly ResourceKind<VpnService> VpnService = new(
        "VPN service",
        "v2.0/vpn/vpnservices",
        "vpnservice",
        "vpnservices",
        "VPNServiceNotFound",
        CommonSortKeys.Append("router_id"),
        CommonColumns.Concat(new[] { "status", "admin_state_up", "router_id", "subnet_id", "external_v4_ip", "external_v6_ip", "flavor_id" }),
        new VpnServiceRules());

    /// <summary>IKE policies.</summary>
    public static readonly ResourceKind<IkePolicy> IkePolicy = new(
        "IKE policy",
        "v2.0/vpn/ikepolicies",
        "ikepolicy",
        "ikepolicies",
        "IKEPolicyNotFound",
        CommonSortKeys,
        CommonColumns.Concat(new[]
        {
            "auth_algorithm", "encryption_algorithm", "phase1_negotiation_mode", "ike_version", "pfs",
            "lifetime_units=lifetime.units", "lifetime_value=lifetime.value",
        }),
        new PolicyRules());

    /// <summary>IPsec policies.</summary>
    public static readonly ResourceKind<IpsecPolicy> IpsecPolicy = new(
        "IPsec policy",
        "v2.0/vpn/ipsecpolicies",
        "ipsecpolicy",
        "ipsecpolicies",
        "IPsecPolicyNotFound",
        CommonSortKeys,
        CommonColumns.Concat(new[]
        {
            "transform_protocol", "auth_algorithm", "encryption_algorithm", "encapsulation_mode", "pfs",
            "lifetime_units=lifetime.units", "lifetime_value=lifetime.value",
        }),
        new PolicyRules());

    /// <summary>VPN endpoint groups. Neutron sorts them on nothing; the type filter is the endpoint_type column.</summary>
    public static readonly ResourceKind<VpnEndpointGroup> VpnEndpointGroup = new(
        "VPN endpoint group",
        "v2.0/vpn/endpoint-groups",
        "endpoint_group",
        "endpoint_groups",
        "VPNEndpointGroupNotFound",
        Array.Empty<string>(),
        CommonColumns.Append("endpoint_type=type"),
        new EndpointGroupRules());

    /// <summary>Routers (read only here).</summary>
    public static readonly ResourceKind<Router> Router = new(
        "router", "v2.0/routers", "router", "routers", "RouterNotFound", CommonSortKeys, CommonColumns.Append("status"));

    /// <summary>Subnets (read only here).</summary>
    public static readonly ResourceKind<Subnet> Subnet = new(
        "subnet", "v2.0/subnets", "subnet", "subnets", "SubnetNotFound", CommonSortKeys, CommonColumns.Concat(new[] { "cidr", "ip_version", "network_id" }));
}
