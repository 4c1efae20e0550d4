using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded;
using Xunit;

namespace OpenStackVpn.Embedded.Tests;

/// <summary>In-use conflicts, project isolation, update rules and routing refusals.</summary>
public sealed class EmbeddedRulesTests
{
    private static void Refused(Reply reply, int status, string type, string message) =>
        Assert.Equal((status, type, message), (reply.Status, reply.Type, reply.Message));

    [Fact]
    public async Task Objects_in_use_refuse_changes_and_deletion_with_their_own_types()
    {
        using var client = new EmbeddedClient();
        var vpn = await MemberVpn.CreateAsync(client);
        await client.CreateAsync("ipsec-site-connections", "ipsec_site_connection", vpn.LegacyConnection());
        await client.CreateAsync("ipsec-site-connections", "ipsec_site_connection", vpn.GroupConnection());

        var ikeInUse = $"IKEPolicy {vpn.IkePolicy} is in use by existing IPsecSiteConnection and can't be updated or deleted";
        Refused(await client.NeutronAsync("DELETE", "vpn/ikepolicies/" + vpn.IkePolicy), 409, "IKEPolicyInUse", ikeInUse);
        Refused(await client.NeutronAsync("PUT", "vpn/ikepolicies/" + vpn.IkePolicy, "{\"ikepolicy\":{\"name\":\"x\"}}"), 409, "IKEPolicyInUse", ikeInUse);
        var ipsecInUse = $"IPsecPolicy {vpn.IpsecPolicy} is in use by existing IPsecSiteConnection and can't be updated or deleted";
        Refused(await client.NeutronAsync("DELETE", "vpn/ipsecpolicies/" + vpn.IpsecPolicy), 409, "IPsecPolicyInUse", ipsecInUse);
        Refused(await client.NeutronAsync("PUT", "vpn/ipsecpolicies/" + vpn.IpsecPolicy, "{\"ipsecpolicy\":{}}"), 409, "IPsecPolicyInUse", ipsecInUse);
        Refused(await client.NeutronAsync("DELETE", "vpn/vpnservices/" + vpn.LegacyService), 409, "VPNServiceInUse", $"VPNService {vpn.LegacyService} is still in use");
        Refused(await client.NeutronAsync("DELETE", "vpn/endpoint-groups/" + vpn.LocalGroup), 400, "EndpointGroupInUse", $"Endpoint group {vpn.LocalGroup} is in use and cannot be deleted");
        // An invalid value is refused by the attribute map before the plugin looks at use.
        Refused(await client.NeutronAsync("PUT", "vpn/ikepolicies/" + vpn.IkePolicy, "{\"ikepolicy\":{\"pfs\":\"x\"}}"), 400, "HTTPBadRequest", "Invalid input for pfs. Reason: x is not in valid_values.");
    }

    [Fact]
    public async Task Another_projects_object_or_a_malformed_id_is_404_never_403()
    {
        using var client = new EmbeddedClient();
        var seed = client.Seed;
        Refused(await client.NeutronAsync("GET", "vpn/ikepolicies/" + seed.IkePolicyId), 404, "IKEPolicyNotFound", $"IKEPolicy {seed.IkePolicyId} could not be found");
        Refused(await client.NeutronAsync("PUT", "vpn/vpnservices/" + seed.VpnServiceId, "{\"vpnservice\":{\"name\":\"x\"}}"), 404, "VPNServiceNotFound", $"VPNService {seed.VpnServiceId} could not be found");
        Refused(await client.NeutronAsync("DELETE", "vpn/ipsec-site-connections/" + seed.ConnectionId), 404, "IPsecSiteConnectionNotFound", $"ipsec_site_connection {seed.ConnectionId} not found");
        Refused(await client.NeutronAsync("GET", "vpn/ipsecpolicies/" + seed.IpsecPolicyId), 404, "IPsecPolicyNotFound", $"IPsecPolicy {seed.IpsecPolicyId} could not be found");
        Refused(await client.NeutronAsync("GET", "vpn/ipsec-site-connections/not-a-uuid"), 404, "IPsecSiteConnectionNotFound", "ipsec_site_connection not-a-uuid not found");
        Refused(await client.NeutronAsync("GET", "vpn/endpoint-groups/not-a-uuid"), 404, "VPNEndpointGroupNotFound", "Endpoint group not-a-uuid could not be found");
        Assert.Empty((await client.NeutronAsync("GET", "vpn/ipsec-site-connections")).Body["ipsec_site_connections"]!);
    }

    [Fact]
    public async Task Admin_sees_every_project_and_may_create_in_another()
    {
        using var client = new EmbeddedClient();
        var vpn = await MemberVpn.CreateAsync(client);
        await client.CreateAsync("ipsec-site-connections", "ipsec_site_connection", vpn.LegacyConnection());
        Assert.Equal(6, (await client.NeutronAsync("GET", "vpn/ipsec-site-connections", user: "admin")).Body["ipsec_site_connections"]!.Count());
        Assert.Single((await client.NeutronAsync("GET", $"vpn/ipsec-site-connections?project_id={client.Seed.MemberProjectId}", user: "admin")).Body["ipsec_site_connections"]!);

        var forMember = await client.NeutronAsync("POST", "vpn/ikepolicies", new JObject { ["ikepolicy"] = new JObject { ["tenant_id"] = client.Seed.MemberProjectId } }, user: "admin");
        Assert.Equal(201, forMember.Status);
        Assert.Equal(client.Seed.MemberProjectId, (string?)forMember.Body.SelectToken("ikepolicy.project_id"));
        Assert.Equal(2, (await client.NeutronAsync("GET", "vpn/ikepolicies")).Body["ikepolicies"]!.Count());
    }

    [Fact]
    public async Task Updates_refuse_read_only_fields_pending_objects_and_switching_modes()
    {
        using var client = new EmbeddedClient(new EmbeddedCloudOptions { ActivationDelay = null });
        var vpn = await MemberVpn.CreateAsync(client);
        var id = await client.CreateAsync("ipsec-site-connections", "ipsec_site_connection", vpn.LegacyConnection());
        var path = "vpn/ipsec-site-connections/" + id;

        Refused(await client.NeutronAsync("PUT", path, "{\"ipsec_site_connection\":{\"name\":\"x\"}}"), 400, "VPNStateInvalidToUpdate", $"Invalid state PENDING_CREATE of vpnaas resource {id} for updating");
        // Validation comes before the state check.
        Refused(await client.NeutronAsync("PUT", path, "{\"ipsec_site_connection\":{\"mtu\":10}}"), 400, "IPsecSiteConnectionMtuError", "ipsec_site_connection MTU 10 is too small for ipv4");
        Refused(await client.NeutronAsync("PUT", path, "{\"ipsec_site_connection\":{\"vpnservice_id\":\"" + vpn.GroupService + "\"}}"), 400, "HTTPBadRequest", "Cannot update read-only attribute vpnservice_id");
        Refused(await client.NeutronAsync("PUT", path, "{\"ipsec_site_connection\":{\"status\":\"ACTIVE\"}}"), 400, "HTTPBadRequest", "Cannot update read-only attribute status");
        Refused(await client.NeutronAsync("PUT", path, "{\"ipsec_site_connection\":{\"tenant_id\":\"" + client.Seed.MemberProjectId + "\"}}"), 400, "HTTPBadRequest", "Cannot update read-only attribute tenant_id");
        Refused(await client.NeutronAsync("PUT", path, "{\"ipsec_site_connection\":{\"tenant_id\":\"x\"}}"), 400, "HTTPBadRequest", "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin or advsvc privileges");
        Refused(await client.NeutronAsync("PUT", path, ""), 400, "BadRequest", "Bad body request: Invalid format: b''.");

        client.Cloud.SetStatus("ipsec-site-connections", id, "ACTIVE");
        Refused(await client.NeutronAsync("PUT", path, "{\"ipsec_site_connection\":{\"peer_cidrs\":[]}}"), 400, "MissingPeerCidrs", "Missing peer CIDRs for IPsec site-to-site connection");
        Refused(await client.NeutronAsync("PUT", path, "{\"ipsec_site_connection\":{\"local_ep_group_id\":\"" + vpn.LocalGroup + "\"}}"), 400, "InvalidEndpointGroup", "Endpoint group local cannot be specified, when VPN Service has subnet specified");
        Refused(await client.NeutronAsync("PUT", path, "{\"ipsec_site_connection\":{\"dpd\":{\"timeout\":15}}}"), 400, "IPsecSiteConnectionDpdIntervalValueError", "ipsec_site_connection dpd_timeout is equal to or less than dpd_interval");
        Refused(await client.NeutronAsync("PUT", path, "{\"ipsec_site_connection\":{\"mtu\":null}}"), 400, "InvalidInput", "Invalid input for operation: 'None' is not an integer.");

        var updated = await client.NeutronAsync("PUT", path, "{\"ipsec_site_connection\":{\"peer_cidrs\":[\"10.8.0.0/24\",\"10.7.0.0/24\"],\"peer_address\":\"peer.oslab.test\",\"mtu\":\"1300\",\"dpd\":null}}");
        Assert.Equal(200, updated.Status);
        Assert.Equal("ACTIVE/172.24.4.230/1300", $"{updated.Body.SelectToken("ipsec_site_connection.status")}/{updated.Body.SelectToken("ipsec_site_connection.peer_address")}/{updated.Body.SelectToken("ipsec_site_connection.mtu")}");
        Assert.Equal(new[] { "10.8.0.0/24", "10.7.0.0/24" }, updated.Body.SelectToken("ipsec_site_connection.peer_cidrs")!.Select(c => (string)c!));
    }

    [Fact]
    public async Task Parallel_clients_each_get_their_own_object_and_the_lists_stay_consistent()
    {
        using var client = new EmbeddedClient();
        await client.TokenAsync("member");
        var ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.CreateAsync("ikepolicies", "ikepolicy", new JObject { ["name"] = "p" + i })));
        Assert.Equal(40, ids.Distinct().Count());
        var listed = (await client.NeutronAsync("GET", "vpn/ikepolicies?fields=id")).Body["ikepolicies"]!.Select(p => (string)p["id"]!);
        Assert.Equal(ids.OrderBy(i => i), listed.OrderBy(i => i));
    }

    [Fact]
    public async Task Routing_refusals_match_Neutrons()
    {
        using var client = new EmbeddedClient();
        Refused(await client.NeutronAsync("PATCH", "vpn/ipsec-site-connections/" + client.Seed.ConnectionId, "{}"), 405, "HTTPMethodNotAllowed", "The server could not comply with the request since it is either malformed or otherwise incorrect.");
        Refused(await client.NeutronAsync("GET", "vpn/bogus"), 404, "HTTPNotFound", "The resource could not be found.");
        Refused(await client.NeutronAsync("GET", "bogus"), 404, "HTTPNotFound", "The resource could not be found.");
        Refused(await client.NeutronAsync("PUT", "vpn/ipsec-site-connections", "{}"), 404, "IPsecSiteConnectionNotFound", "ipsec_site_connection None not found");
        Refused(await client.NeutronAsync("DELETE", "vpn/vpnservices"), 404, "VPNServiceNotFound", "VPNService None could not be found");
        Assert.Equal(200, (await client.NeutronAsync("GET", "vpn/ipsec-site-connections.json")).Status);
        Assert.StartsWith("req-", (await client.NeutronAsync("GET", "vpn/bogus")).Header("X-Openstack-Request-Id"), System.StringComparison.Ordinal);
        var noToken = await client.SendAsync("GET", new System.Uri(client.Cloud.BaseUri, "network/v2.0/vpn/ipsec-site-connections"), null, null);
        Assert.Equal(401, noToken.Status);
        Assert.Equal(401, (await client.SendAsync("GET", new System.Uri(client.Cloud.BaseUri, "network/v2.0/vpn/ipsec-site-connections"), null, "bogus")).Status);
    }
}
