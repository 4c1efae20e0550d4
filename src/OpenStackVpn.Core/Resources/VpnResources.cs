using System.Collections.Generic;
using System.Linq;
using OpenStackVpn.Core.Resources.Rules;
using static OpenStackVpn.Core.Resources.ResourceField;

namespace OpenStackVpn.Core.Resources;

/// <summary>
/// The five VPNaaS resources, and the networking resources VPN services refer to, as the VPNaaS API reference describes
/// them. A field is named once here; the cmdlets' validation, completion, filters and references come from it.
/// </summary>
public static class VpnResources
{
    private const int Column = 255;

    /// <summary>The states of objects that an agent realises.</summary>
    public static readonly IReadOnlyList<string> Statuses = new[] { "ACTIVE", "DOWN", "BUILD", "ERROR",
        "PENDING_CREATE", "PENDING_UPDATE", "PENDING_DELETE" };

    /// <summary>Networks (read only here): an external one holds the routers' gateways.</summary>
    public static readonly ResourceKind<Network> Network = new(
        "network", "v2.0/networks", "network", "networks", "NetworkNotFound",
        Common().Concat(new[]
        {
            ReadOnly("status").Filter(),
            ReadOnly("admin_state_up").Filter(),
            ReadOnly("router:external").Filter(),
            ReadOnly("shared").Filter(),
            ReadOnly("subnets"),
            ReadOnly("mtu").Filter(),
        }));

    /// <summary>Routers (read only here): the gateway's addresses on the external network are
    /// where peers connect.</summary>
    public static readonly ResourceKind<Router> Router = new(
        "router", "v2.0/routers", "router", "routers", "RouterNotFound",
        Common().Concat(new[]
        {
            ReadOnly("status").Filter(),
            ReadOnly("admin_state_up").Filter(),
            ReadOnly("external_gateway_info"),
        }));

    /// <summary>Subnets (read only here).</summary>
    public static readonly ResourceKind<Subnet> Subnet = new(
        "subnet", "v2.0/subnets", "subnet", "subnets", "SubnetNotFound",
        Common().Concat(new[]
        {
            ReadOnly("cidr").Filter(),
            ReadOnly("ip_version").Filter(),
            ReadOnly("network_id").Filter().Refers(Network),
            ReadOnly("gateway_ip").Filter(),
        }));

    /// <summary>IKE policies.</summary>
    public static readonly ResourceKind<IkePolicy> IkePolicy = new(
        "IKE policy", "v2.0/vpn/ikepolicies", "ikepolicy", "ikepolicies", "IKEPolicyNotFound",
        Common().Concat(PolicyFields()).Concat(new[]
        {
            Updatable("phase1_negotiation_mode").Filter().OneOf("main", "aggressive"),
            Updatable("ike_version").Filter().OneOf("v1", "v2"),
        }),
        new PolicyRules());

    /// <summary>IPsec policies.</summary>
    public static readonly ResourceKind<IpsecPolicy> IpsecPolicy = new(
        "IPsec policy", "v2.0/vpn/ipsecpolicies", "ipsecpolicy", "ipsecpolicies", "IPsecPolicyNotFound",
        Common().Concat(PolicyFields()).Concat(new[]
        {
            Updatable("transform_protocol").Filter().OneOf("esp", "ah", "ah-esp"),
            Updatable("encapsulation_mode").Filter().OneOf("tunnel", "transport"),
        }),
        new PolicyRules());

    /// <summary>VPN endpoint groups. Neutron sorts them on nothing; the type filter is the
    /// endpoint_type column.</summary>
    public static readonly ResourceKind<VpnEndpointGroup> VpnEndpointGroup = new(
        "VPN endpoint group", "v2.0/vpn/endpoint-groups", "endpoint_group", "endpoint_groups",
            "VPNEndpointGroupNotFound",
        Common(sortable: false).Concat(new[]
        {
            CreateOnly("type").IsRequired().Filter("endpoint_type").OneOf("subnet", "cidr", "network", "router",
                "vlan"),
            CreateOnly("endpoints").IsRequired().ListsIds(Subnet, whenType: "subnet"),
        }),
        new EndpointGroupRules());

    /// <summary>VPN services.</summary>
    public static readonly ResourceKind<VpnService> VpnService = new(
        "VPN service", "v2.0/vpn/vpnservices", "vpnservice", "vpnservices", "VPNServiceNotFound",
        Common().Concat(new[]
        {
            ReadOnly("status").Filter().OneOf(Statuses.ToArray()),
            Updatable("admin_state_up").Filter(),
            CreateOnly("router_id").IsRequired().Filter().Sort().Refers(Router),
            CreateOnly("subnet_id").Filter().Refers(Subnet),
            ReadOnly("external_v4_ip").Filter(),
            ReadOnly("external_v6_ip").Filter(),
            CreateOnly("flavor_id").Filter(),
        }),
        null);

    /// <summary>IPsec site connections.</summary>
    public static readonly ResourceKind<IpsecSiteConnection> IpsecSiteConnection = new(
        "IPsec site connection", "v2.0/vpn/ipsec-site-connections", "ipsec_site_connection", "ipsec_site_connections",
            "IPsecSiteConnectionNotFound",
        Common().Concat(new[]
        {
            ReadOnly("status").Filter().OneOf(Statuses.ToArray()),
            Updatable("admin_state_up").Filter(),
            Updatable("peer_address").IsRequired().Filter().AtMost(Column),
            Updatable("peer_id").Filter().AtMost(Column),
            Updatable("local_id").Filter().AtMost(Column),
            Updatable("peer_cidrs"),
            Updatable("psk").IsRequired().IsSecret().AtMost(Column).ShownAs("Psk"),
            Updatable("mtu").Filter(),
            Updatable("initiator").Filter().OneOf("bi-directional", "response-only"),
            Updatable("dpd.action").Filter().OneOf("clear", "disabled", "hold", "restart", "restart-by-peer"),
            Updatable("dpd.interval").Filter(),
            Updatable("dpd.timeout").Filter(),
            ReadOnly("auth_mode").Filter(),
            ReadOnly("route_mode").Filter(),
            CreateOnly("vpnservice_id").IsRequired().Filter().Refers(VpnService),
            CreateOnly("ikepolicy_id").IsRequired().Filter().Refers(IkePolicy),
            CreateOnly("ipsecpolicy_id").IsRequired().Filter().Refers(IpsecPolicy),
            Updatable("local_ep_group_id").Filter().Refers(VpnEndpointGroup, type: "subnet"),
            Updatable("peer_ep_group_id").Filter().Refers(VpnEndpointGroup, type: "cidr"),
            CreateOnly("availability_zone").Filter(),
        }),
        new IpsecSiteConnectionRules());

    /// <summary>Every resource described here.</summary>
    public static IReadOnlyList<ResourceKind> All { get; } = new ResourceKind[]
    {
        Network, Router, Subnet, IkePolicy, IpsecPolicy, VpnEndpointGroup, VpnService, IpsecSiteConnection,
    };

    /// <summary>The description of the resource whose model is <typeparamref name="T"/>.</summary>
    public static ResourceKind<T> Of<T>() where T : NeutronResource =>
        Of(typeof(T)) as ResourceKind<T>
            ?? throw new System.InvalidOperationException($"{typeof(T).Name} is not a described resource.");

    /// <summary>The description of the resource whose model is <paramref name="model"/>, or null.</summary>
    public static ResourceKind? Of(System.Type model) => All.FirstOrDefault(kind => kind.ModelType == model);

    // What every Neutron object has; each resource gets its own copies, as its model resolves them.
    private static IEnumerable<ResourceField> Common(bool sortable = true)
    {
        ResourceField Sorted(ResourceField field) => sortable ? field.Sort() : field;
        yield return Sorted(ReadOnly("id").Filter());
        yield return Sorted(Updatable("name").Filter());
        yield return Updatable("description").Filter();
        yield return Sorted(CreateOnly("project_id").Filter());
        yield return Sorted(CreateOnly("tenant_id").Filter());
    }

    // What IKE and IPsec policies share: the algorithms, PFS and the lifetime. The values are neutron-lib's (the newest
    // release's): a value no release takes is refused before sending; one an older cloud lacks (group15..31, the ctr,
    // ccm and gcm modes) is its server's to refuse, and that refusal is retold with the parameter's name.
    private static ResourceField[] PolicyFields() => new[]
    {
        Updatable("auth_algorithm").Filter().OneOf("sha256", "sha384", "sha512", "sha1", "aes-xcbc", "aes-cmac"),
        Updatable("encryption_algorithm").Filter().OneOf(EncryptionAlgorithms().ToArray()),
        Updatable("pfs").Filter()
            .OneOf(new[] { 2, 5 }.Concat(Enumerable.Range(14, 18)).Select(g => "group" + g).ToArray()),
        Updatable("lifetime.units").Filter("lifetime_units").OneOf("seconds"),
        Updatable("lifetime.value").Filter("lifetime_value"),
    };

    private static IEnumerable<string> EncryptionAlgorithms() =>
        new[] { "aes-128", "aes-192", "aes-256", "3des" }
            .Concat(new[] { "128", "192", "256" }.Select(bits => $"aes-{bits}-ctr"))
            .Concat(
                from mode in new[] { "ccm", "gcm" } from bits in new[] { "128", "192", "256" } from icv in new[] { "8",
                "12", "16" } select $"aes-{bits}-{mode}-{icv}");
}
