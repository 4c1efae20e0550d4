using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded;
using Xunit;

namespace OpenStackVpn.Embedded.Tests;

/// <summary>Each refusal, with the status, NeutronError type and message the lab's Neutron gave for the same request.</summary>
public sealed class EmbeddedValidationTests
{
    private const string Unknown = "13a5e5bc-fe5b-44e1-9ba0-d827663fa5f3";

    private sealed record Case(string Collection, Func<MemberVpn, EmbeddedSeed, string> Body, int Status, string Type, Func<MemberVpn, EmbeddedSeed, string> Message);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Body shape (fixtures error-400-malformed-json, error-400-missing-resource-wrapper)
        ["malformed JSON"] = Raw("ipsec-site-connections", "{\"ipsec_site_connection\": {", 400, "MalformedRequestBody", "Malformed request body: Cannot understand JSON."),
        ["no wrapper"] = Raw("ipsec-site-connections", "{\"name\":\"x\"}", 400, "HTTPBadRequest", "Unable to find 'ipsec_site_connection' in request body"),
        ["empty list body"] = Raw("ipsec-site-connections", "[]", 400, "HTTPBadRequest", "Resource body required"),
        ["wrapper not an object"] = Raw("ikepolicies", "{\"ikepolicy\":[]}", 400, "HTTPBadRequest", "Object 'ikepolicy' contains invalid data"),
        // Attribute map
        ["missing psk"] = Conn(b => b.Remove("psk"), 400, "HTTPBadRequest", "Failed to parse request. Required attribute 'psk' not specified"),
        ["missing everything"] = Raw("ipsec-site-connections", "{\"ipsec_site_connection\":{}}", 400, "HTTPBadRequest", "Failed to parse request. Required attribute 'peer_address' not specified"),
        ["route_mode in POST"] = Conn(b => b["route_mode"] = "static", 400, "HTTPBadRequest", "Attribute 'route_mode' not allowed in POST"),
        ["availability_zone upstream"] = Conn(b => b["availability_zone"] = "nova", 400, "HTTPBadRequest", "Unrecognized attribute(s) 'availability_zone'"),
        ["name not a string"] = Conn(b => b["name"] = 5, 400, "HTTPBadRequest", "Invalid input for name. Reason: '5' is not a valid string."),
        ["name too long"] = Conn(b => b["name"] = new string('a', 256), 400, "HTTPBadRequest", $"Invalid input for name. Reason: '{new string('a', 256)}' exceeds maximum length of 255."),
        ["service id not a uuid"] = Conn(b => b["vpnservice_id"] = "bad", 400, "HTTPBadRequest", "Invalid input for vpnservice_id. Reason: 'bad' is not a valid UUID."),
        ["cidr /33"] = Conn(b => b["peer_cidrs"] = new JArray("10.1.0.0/33"), 400, "HTTPBadRequest", "Invalid input for peer_cidrs. Reason: '10.1.0.0/33' is not a valid IP subnet."),
        ["cidr text"] = Conn(b => b["peer_cidrs"] = new JArray("notacidr"), 400, "HTTPBadRequest", "Invalid input for peer_cidrs. Reason: 'notacidr' is not a valid IP subnet."),
        ["cidr without prefix"] = Conn(b => b["peer_cidrs"] = new JArray("10.1.0.5"), 400, "HTTPBadRequest", "Invalid input for peer_cidrs. Reason: '10.1.0.5' isn't a recognized IP subnet cidr, '10.1.0.5/32' is recommended."),
        ["duplicate cidrs"] = Conn(b => b["peer_cidrs"] = new JArray("10.1.0.0/24", "10.1.0.0/24"), 400, "HTTPBadRequest", "Invalid input for peer_cidrs. Reason: Duplicate items in the list: '10.1.0.0/24'."),
        ["mtu not an integer"] = Conn(b => b["mtu"] = "big", 400, "InvalidInput", "Invalid input for operation: 'big' is not an integer."),
        ["mtu negative"] = Conn(b => b["mtu"] = -1, 400, "HTTPBadRequest", "Invalid input for mtu. Reason: '-1' should be non-negative."),
        ["initiator"] = Conn(b => b["initiator"] = "sometimes", 400, "HTTPBadRequest", "Invalid input for initiator. Reason: sometimes is not in valid_values."),
        ["dpd action"] = Conn(b => b["dpd"] = new JObject { ["action"] = "bogus" }, 400, "HTTPBadRequest", "Invalid input for dpd. Reason: bogus is not in valid_values."),
        ["dpd key"] = Conn(b => b["dpd"] = new JObject { ["bogus"] = 20 }, 400, "HTTPBadRequest", "Invalid input for dpd. Reason: Unexpected keys supplied: bogus."),
        ["dpd not a dict"] = Conn(b => b["dpd"] = "x", 400, "HTTPBadRequest", "Invalid input for dpd. Reason: 'x' is not a dictionary."),
        ["dpd interval text"] = Conn(b => b["dpd"] = new JObject { ["interval"] = "x" }, 400, "HTTPBadRequest", "Invalid input for dpd. Reason: 'x' is not an integer."),
        ["foreign project"] = Conn(b => b["tenant_id"] = "00000000000000000000000000000000", 400, "HTTPBadRequest", "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin or advsvc privileges"),
        ["project and tenant differ"] = Conn(b => { b["tenant_id"] = "a"; b["project_id"] = "b"; }, 400, "HTTPBadRequest", "'project_id' and 'tenant_id' do not match"),
        ["admin_state_up"] = Conn(b => b["admin_state_up"] = "maybe", 400, "InvalidInput", "Invalid input for operation: 'maybe' cannot be converted to boolean."),
        // Plugin rules, in the plugin's order
        ["unknown service (upstream bug)"] = Conn(b => b["vpnservice_id"] = Unknown, 500, "HTTPInternalServerError", "Request Failed: internal server error while processing your request."),
        ["unknown IPsec policy (upstream bug)"] = Conn(b => b["ipsecpolicy_id"] = Unknown, 500, "HTTPInternalServerError", "Request Failed: internal server error while processing your request."),
        ["another project's service"] = new("ipsec-site-connections", (v, s) => Wrap("ipsec_site_connection", v.LegacyConnection(b => b["vpnservice_id"] = s.VpnServiceId)), 404, "VPNServiceNotFound", (v, s) => $"VPNService {s.VpnServiceId} could not be found"),
        ["unknown IKE policy"] = Conn(b => b["ikepolicy_id"] = Unknown, 404, "IKEPolicyNotFound", $"IKEPolicy {Unknown} could not be found"),
        ["legacy without cidrs"] = Conn(b => b.Remove("peer_cidrs"), 400, "MissingPeerCidrs", "Missing peer CIDRs for IPsec site-to-site connection"),
        ["legacy with groups"] = new("ipsec-site-connections", (v, s) => Wrap("ipsec_site_connection", v.LegacyConnection(b => { b["local_ep_group_id"] = v.LocalGroup; b["peer_ep_group_id"] = v.PeerGroup; })), 400, "InvalidEndpointGroup", (v, s) => "Endpoint groups local and peer cannot be specified, when VPN Service has subnet specified"),
        ["groups with cidrs"] = Group(b => b["peer_cidrs"] = new JArray("10.1.0.0/24"), 400, "PeerCidrsInvalid", "Peer CIDRs cannot be specified, when using endpoint groups"),
        ["groups without peer"] = Group(b => b.Remove("peer_ep_group_id"), 400, "MissingRequiredEndpointGroup", "Missing endpoint group peer for IPSec site-to-site connection"),
        ["groups without both"] = Group(b => { b.Remove("peer_ep_group_id"); b.Remove("local_ep_group_id"); }, 400, "MissingRequiredEndpointGroup", "Missing endpoint groups local and peer for IPSec site-to-site connection"),
        ["unknown group"] = Group(b => b["peer_ep_group_id"] = Unknown, 404, "VPNEndpointGroupNotFound", $"Endpoint group {Unknown} could not be found"),
        ["local group of cidrs"] = new("ipsec-site-connections", (v, s) => Wrap("ipsec_site_connection", v.GroupConnection(b => b["local_ep_group_id"] = v.PeerGroup)), 400, "WrongEndpointGroupType", (v, s) => $"Endpoint group {v.PeerGroup} type is 'cidr' and should be 'subnet'"),
        ["peer group of subnets"] = new("ipsec-site-connections", (v, s) => Wrap("ipsec_site_connection", v.GroupConnection(b => b["peer_ep_group_id"] = v.LocalGroup)), 400, "WrongEndpointGroupType", (v, s) => $"Endpoint group {v.LocalGroup} type is 'subnet' and should be 'cidr'"),
        ["mixed cidrs"] = Conn(b => b["peer_cidrs"] = new JArray("10.1.0.0/24", "fd00::/64"), 400, "MixedIPVersionsForPeerCidrs", "Peer CIDRs do not have the same IP version, as required for IPSec site-to-site connection"),
        ["IPv6 peer cidr on an IPv4 subnet"] = Conn(b => b["peer_cidrs"] = new JArray("fd00::/64"), 400, "MixedIPVersionsForIPSecConnection", "IP versions are not compatible between peer and local endpoints"),
        ["dpd timeout below interval"] = Conn(b => b["dpd"] = new JObject { ["action"] = "hold", ["interval"] = 30, ["timeout"] = 10 }, 400, "IPsecSiteConnectionDpdIntervalValueError", "ipsec_site_connection dpd_timeout is equal to or less than dpd_interval"),
        ["dpd before mtu"] = Conn(b => { b["mtu"] = 10; b["dpd"] = new JObject { ["timeout"] = 20 }; }, 400, "IPsecSiteConnectionDpdIntervalValueError", "ipsec_site_connection dpd_timeout is equal to or less than dpd_interval"),
        ["mtu too small"] = Conn(b => b["mtu"] = 10, 400, "IPsecSiteConnectionMtuError", "ipsec_site_connection MTU 10 is too small for ipv4"),
        ["peer not an address"] = Conn(b => b["peer_address"] = "not an ip!", 400, "VPNPeerAddressNotResolved", "Peer address not an ip! cannot be resolved"),
        ["peer name unknown"] = Conn(b => b["peer_address"] = "vpn.example.com", 400, "VPNPeerAddressNotResolved", "Peer address vpn.example.com cannot be resolved"),
        ["peer CIDR as address"] = Conn(b => b["peer_address"] = "172.24.4.226/32", 400, "VPNPeerAddressNotResolved", "Peer address 172.24.4.226/32 cannot be resolved"),
        ["IPv6 peer without IPv6 gateway"] = new("ipsec-site-connections", (v, s) => Wrap("ipsec_site_connection", v.LegacyConnection(b => b["peer_address"] = "fd00::1")), 400, "ExternalNetworkHasNoSubnet", (v, s) => $"Router's {s.MemberRouterId} external network has no IPv6 subnet"),
        // VPN services
        ["service without router"] = Raw("vpnservices", "{\"vpnservice\":{}}", 400, "HTTPBadRequest", "Failed to parse request. Required attribute 'router_id' not specified"),
        ["service status"] = new("vpnservices", (v, s) => Wrap("vpnservice", new JObject { ["router_id"] = s.MemberRouterId, ["status"] = "ACTIVE" }), 400, "HTTPBadRequest", (v, s) => "Attribute 'status' not allowed in POST"),
        ["service unknown router"] = new("vpnservices", (v, s) => Wrap("vpnservice", new JObject { ["router_id"] = Unknown }), 404, "RouterNotFound", (v, s) => $"Router {Unknown} could not be found"),
        ["service on another project's router"] = new("vpnservices", (v, s) => Wrap("vpnservice", new JObject { ["router_id"] = s.RouterId }), 404, "RouterNotFound", (v, s) => $"Router {s.RouterId} could not be found"),
        ["service subnet not on router"] = new("vpnservices", (v, s) => Wrap("vpnservice", new JObject { ["router_id"] = s.MemberRouterId, ["subnet_id"] = s.PrivateSubnetId }), 400, "SubnetIsNotConnectedToRouter", (v, s) => $"Subnet {s.PrivateSubnetId} is not connected to Router {s.MemberRouterId}"),
        ["service flavor"] = new("vpnservices", (v, s) => Wrap("vpnservice", new JObject { ["router_id"] = s.MemberRouterId, ["flavor_id"] = Unknown }), 404, "FlavorNotFound", (v, s) => $"Flavor {Unknown} could not be found."),
        // Policies
        ["ike auth md5"] = Raw("ikepolicies", "{\"ikepolicy\":{\"auth_algorithm\":\"md5\"}}", 400, "HTTPBadRequest", "Invalid input for auth_algorithm. Reason: md5 is not in valid_values."),
        ["ike pfs group1"] = Raw("ikepolicies", "{\"ikepolicy\":{\"pfs\":\"group1\"}}", 400, "HTTPBadRequest", "Invalid input for pfs. Reason: group1 is not in valid_values."),
        ["ike lifetime kilobytes"] = Raw("ikepolicies", "{\"ikepolicy\":{\"lifetime\":{\"units\":\"kilobytes\",\"value\":3600}}}", 400, "HTTPBadRequest", "Invalid input for lifetime. Reason: kilobytes is not in valid_values."),
        ["ike lifetime 59"] = Raw("ikepolicies", "{\"ikepolicy\":{\"lifetime\":{\"value\":59}}}", 400, "HTTPBadRequest", "Invalid input for lifetime. Reason: '59' is too small - must be at least '60'."),
        ["ike lifetime text"] = Raw("ikepolicies", "{\"ikepolicy\":{\"lifetime\":\"x\"}}", 400, "HTTPBadRequest", "Invalid input for lifetime. Reason: 'x' is not a dictionary."),
        ["ike two unknowns"] = Raw("ikepolicies", "{\"ikepolicy\":{\"bogus\":1,\"zzz\":2}}", 400, "HTTPBadRequest", "Unrecognized attribute(s) 'bogus, zzz'"),
        ["ike id in POST"] = Raw("ikepolicies", "{\"ikepolicy\":{\"id\":\"x\"}}", 400, "HTTPBadRequest", "Attribute 'id' not allowed in POST"),
        ["ike name null"] = Raw("ikepolicies", "{\"ikepolicy\":{\"name\":null}}", 400, "HTTPBadRequest", "Invalid input for name. Reason: 'None' is not a valid string."),
        ["ipsec transform"] = Raw("ipsecpolicies", "{\"ipsecpolicy\":{\"transform_protocol\":\"x\"}}", 400, "HTTPBadRequest", "Invalid input for transform_protocol. Reason: x is not in valid_values."),
        ["ipsec aes-gcm not in this release"] = Raw("ipsecpolicies", "{\"ipsecpolicy\":{\"encryption_algorithm\":\"aes-256-gcm-16\"}}", 400, "HTTPBadRequest", "Invalid input for encryption_algorithm. Reason: aes-256-gcm-16 is not in valid_values."),
        // Endpoint groups
        ["group without type"] = Raw("endpoint-groups", "{\"endpoint_group\":{}}", 400, "HTTPBadRequest", "Failed to parse request. Required attribute 'type' not specified"),
        ["group of bogus type"] = Raw("endpoint-groups", "{\"endpoint_group\":{\"type\":\"bogus\",\"endpoints\":[\"x\"]}}", 400, "HTTPBadRequest", "Invalid input for type. Reason: bogus is not in valid_values."),
        ["group without endpoints"] = new("endpoint-groups", (v, s) => "{\"endpoint_group\":{\"type\":\"cidr\"}}", 400, "MissingEndpointForEndpointGroup", (v, s) => $"No endpoints specified for endpoint group '{{'type': 'cidr', 'project_id': '{s.MemberProjectId}', 'tenant_id': '{s.MemberProjectId}', 'name': '', 'description': '', 'endpoints': []}}'"),
        ["group with empty endpoints"] = new("endpoint-groups", (v, s) => "{\"endpoint_group\":{\"type\":\"cidr\",\"endpoints\":[]}}", 400, "MissingEndpointForEndpointGroup", (v, s) => $"No endpoints specified for endpoint group '{{'type': 'cidr', 'endpoints': [], 'project_id': '{s.MemberProjectId}', 'tenant_id': '{s.MemberProjectId}', 'name': '', 'description': ''}}'"),
        ["group bad cidr"] = Raw("endpoint-groups", "{\"endpoint_group\":{\"type\":\"cidr\",\"endpoints\":[\"10.1.0.5\"]}}", 400, "InvalidEndpointInEndpointGroup", "Endpoint '10.1.0.5' is invalid for group type 'cidr': Invalid CIDR"),
        ["group subnet not a uuid"] = Raw("endpoint-groups", "{\"endpoint_group\":{\"type\":\"subnet\",\"endpoints\":[\"notuuid\"]}}", 400, "InvalidEndpointInEndpointGroup", "Endpoint 'notuuid' is invalid for group type 'subnet': Invalid UUID"),
        ["group unknown subnet"] = Raw("endpoint-groups", "{\"endpoint_group\":{\"type\":\"subnet\",\"endpoints\":[\"" + Unknown + "\"]}}", 400, "NonExistingSubnetInEndpointGroup", $"Subnet {Unknown} in endpoint group does not exist"),
        ["group another project's subnet"] = new("endpoint-groups", (v, s) => "{\"endpoint_group\":{\"type\":\"subnet\",\"endpoints\":[\"" + s.PrivateSubnetId + "\"]}}", 400, "NonExistingSubnetInEndpointGroup", (v, s) => $"Subnet {s.PrivateSubnetId} in endpoint group does not exist"),
        ["group duplicate endpoints (lab: 500)"] = Raw("endpoint-groups", "{\"endpoint_group\":{\"type\":\"cidr\",\"endpoints\":[\"10.1.0.0/24\",\"10.1.0.0/24\"]}}", 500, "HTTPInternalServerError", "Request Failed: internal server error while processing your request."),
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_bad_create_is_refused_as_the_lab_refuses_it(string name)
    {
        var test = Cases[name];
        using var client = new EmbeddedClient();
        var vpn = await MemberVpn.CreateAsync(client);
        var before = await client.NeutronAsync("GET", "vpn/" + test.Collection + "?fields=id");

        var reply = await client.NeutronAsync("POST", "vpn/" + test.Collection, test.Body(vpn, client.Seed));

        Assert.Equal((test.Status, test.Type, test.Message(vpn, client.Seed)), (reply.Status, reply.Type, reply.Message));
        Assert.Equal("", (string?)reply.Body.SelectToken("NeutronError.detail"));
        Assert.Equal(before.Text, (await client.NeutronAsync("GET", "vpn/" + test.Collection + "?fields=id")).Text);
    }

    [Fact]
    public async Task Values_the_lab_accepts_are_accepted_mtu_zero_included()
    {
        using var client = new EmbeddedClient();
        var vpn = await MemberVpn.CreateAsync(client);
        foreach (var change in new Action<JObject>[]
        {
            b => b["mtu"] = 0,
            b => b["mtu"] = "1400",
            b => b["peer_cidrs"] = "10.1.0.0/24",
            b => b["peer_cidrs"] = new JArray("10.1.0.5/24"),
            b => b["dpd"] = new JObject { ["interval"] = 0, ["timeout"] = 1 },
            b => b["psk"] = "",
            b => b["peer_id"] = "",
            b => b["admin_state_up"] = "yes",
            b => b["local_id"] = new string('a', 256),
        })
        {
            var reply = await client.NeutronAsync("POST", "vpn/ipsec-site-connections", new JObject { ["ipsec_site_connection"] = vpn.LegacyConnection(change) });
            Assert.True(reply.Status == 201, reply.ToString());
        }

        Assert.Equal(201, (await client.NeutronAsync("POST", "vpn/ikepolicies", "{\"ikepolicy\":{\"name\":\" x\",\"phase1_negotiation_mode\":\"aggressive\",\"auth_algorithm\":\"sha512\"}}")).Status);
        Assert.Equal(201, (await client.NeutronAsync("POST", "vpn/endpoint-groups", "{\"endpoint_group\":{\"type\":\"vlan\",\"endpoints\":[\"x\"]}}")).Status);
        Assert.Equal(201, (await client.NeutronAsync("POST", "vpn/endpoint-groups", "{\"endpoint_group\":{\"type\":\"cidr\",\"endpoints\":[\"10.1.0.0/24\",\"fd00::/64\"]}}")).Status);
    }

    [Fact]
    public async Task A_router_without_gateway_cannot_carry_a_VPN_service()
    {
        using var client = new EmbeddedClient();
        client.Cloud.Network.Store.Find("routers", client.Seed.MemberRouterId)!.Data["external_gateway_info"] = null;
        var reply = await client.NeutronAsync("POST", "vpn/vpnservices", new JObject { ["vpnservice"] = new JObject { ["router_id"] = client.Seed.MemberRouterId } });
        Assert.Equal((400, "RouterIsNotExternal", $"Router {client.Seed.MemberRouterId} has no external network gateway set"), (reply.Status, reply.Type, reply.Message));
    }

    private static Case Conn(Action<JObject> change, int status, string type, string message) =>
        new("ipsec-site-connections", (v, s) => Wrap("ipsec_site_connection", v.LegacyConnection(change)), status, type, (v, s) => message);

    private static Case Group(Action<JObject> change, int status, string type, string message) =>
        new("ipsec-site-connections", (v, s) => Wrap("ipsec_site_connection", v.GroupConnection(change)), status, type, (v, s) => message);

    private static Case Raw(string collection, string body, int status, string type, string message) =>
        new(collection, (v, s) => body, status, type, (v, s) => message);

    private static string Wrap(string singular, JObject fields) => new JObject { [singular] = fields }.ToString(Formatting.None);
}
