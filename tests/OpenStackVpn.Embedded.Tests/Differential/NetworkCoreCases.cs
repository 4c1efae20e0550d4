using System.Collections.Generic;

namespace OpenStackVpn.Embedded.Tests.Differential;

/// <summary>
/// The network core a VPN stands on, as a runbook builds it and tears it down: a network, subnets (defaults, gateways, pools,
/// CIDR checks), a router with an external gateway, interfaces by subnet and by port, the ports they make, and the ties
/// VPNaaS puts on them. Statuses, types and messages as the lab answered them (probed 2026-12-01 as member); compared in
/// full with the lab when it runs.
/// </summary>
public static class NetworkCoreCases
{
    private const string Bad = "HTTPBadRequest";

    public static IEnumerable<DiffCase> Build()
    {
        // Without the lab, a success is compared with the lab's captured answer (Captures), a refusal with what the lab said.
        DiffCase Case(string name, string method, string path, string? body, int status, string type = "", string message = "", Agreement agreement = Agreement.Values) =>
            new(name, method, path) { Body = body, Observed = (status, type, message), Agreement = agreement, Fixture = Captures.Of(name) };
        string Subnet(string fields) => "{\"subnet\":{\"network_id\":\"<core_net>\",\"ip_version\":4" + fields + "}}";

        yield return Case("core network create", "POST", "v2.0/networks", "{\"network\":{\"name\":\"core-net\"}}", 201) with { Capture = "core_net" };
        yield return Case("core network show", "GET", "v2.0/networks/<core_net>", null, 200);
        yield return Case("core network shared as member", "POST", "v2.0/networks", "{\"network\":{\"name\":\"core-x\",\"shared\":true}}", 403, "PolicyNotAuthorized", "(rule:create_network and rule:create_network:shared) is disallowed by policy");
        yield return Case("core network made external by a member", "PUT", "v2.0/networks/<core_net>", "{\"network\":{\"router:external\":true}}", 403, "PolicyNotAuthorized", "(rule:update_network and rule:update_network:router:external) is disallowed by policy");
        yield return Case("core network renamed", "PUT", "v2.0/networks/<core_net>", "{\"network\":{\"name\":\"core-net2\",\"mtu\":1400}}", 200);

        yield return Case("core subnet with defaults", "POST", "v2.0/subnets", Subnet(",\"name\":\"core-sub\",\"cidr\":\"10.20.0.0/24\""), 201) with { Capture = "core_sub" };
        yield return Case("core subnet gateway inside splits the pool", "POST", "v2.0/subnets", Subnet(",\"name\":\"core-sub2\",\"cidr\":\"10.21.0.0/24\",\"gateway_ip\":\"10.21.0.100\""), 201) with { Capture = "core_sub2" };
        yield return Case("core subnet without gateway", "POST", "v2.0/subnets", Subnet(",\"name\":\"core-sub3\",\"cidr\":\"10.22.0.0/28\",\"gateway_ip\":null,\"enable_dhcp\":false"), 201) with { Capture = "core_sub3" };
        yield return Case("core subnet gateway outside the CIDR", "POST", "v2.0/subnets", Subnet(",\"name\":\"core-sub4\",\"cidr\":\"10.23.0.0/24\",\"gateway_ip\":\"10.99.0.1\""), 201);
        yield return Case("core subnet host bits dropped, version as text", "POST", "v2.0/subnets", "{\"subnet\":{\"network_id\":\"<core_net>\",\"ip_version\":\"4\",\"name\":\"core-sub5\",\"cidr\":\"10.24.0.5/24\"}}", 201);
        yield return Case("core subnet IPv6", "POST", "v2.0/subnets", "{\"subnet\":{\"network_id\":\"<core_net>\",\"ip_version\":6,\"name\":\"core-sub6\",\"cidr\":\"fd00:20::/64\"}}", 201);
        yield return Case("core subnet pools given", "POST", "v2.0/subnets", Subnet(",\"name\":\"core-sub7\",\"cidr\":\"10.25.0.0/24\",\"gateway_ip\":\"10.25.0.254\",\"allocation_pools\":[{\"start\":\"10.25.0.10\",\"end\":\"10.25.0.20\"}]"), 201);
        yield return Case("core subnet bad prefix", "POST", "v2.0/subnets", Subnet(",\"cidr\":\"10.30.0.0/33\""), 400, "InvalidInput", "Invalid input for operation: 10.30.0.0/33 is not in a CIDR format.");
        yield return Case("core subnet cidr text", "POST", "v2.0/subnets", Subnet(",\"cidr\":\"bogus\""), 400, "InvalidInput", "Invalid input for operation: bogus is not in a CIDR format.");
        yield return Case("core subnet overlaps", "POST", "v2.0/subnets", Subnet(",\"cidr\":\"10.20.0.0/25\""), 400, "InvalidInput", "Invalid input for operation: Requested subnet with cidr: 10.20.0.0/25 for network: <core_net> overlaps with another subnet.");
        yield return Case("core subnet version mismatch", "POST", "v2.0/subnets", "{\"subnet\":{\"network_id\":\"<core_net>\",\"ip_version\":6,\"cidr\":\"10.30.0.0/24\"}}", 400, "InvalidInput", "Invalid input for operation: cidr '10.30.0.0/24' does not match the ip_version '6'.");
        yield return Case("core subnet version 5", "POST", "v2.0/subnets", "{\"subnet\":{\"network_id\":\"<core_net>\",\"ip_version\":5,\"cidr\":\"10.30.0.0/24\"}}", 400, Bad, "Invalid input for ip_version. Reason: 5 is not in valid_values.");
        yield return Case("core subnet pool outside", "POST", "v2.0/subnets", Subnet(",\"cidr\":\"10.30.0.0/24\",\"allocation_pools\":[{\"start\":\"10.30.1.2\",\"end\":\"10.30.1.9\"}]"), 400, "OutOfBoundsAllocationPool", "The allocation pool 10.30.1.2-10.30.1.9 spans beyond the subnet cidr 10.30.0.0/24.");
        yield return Case("core subnet pool reversed", "POST", "v2.0/subnets", Subnet(",\"cidr\":\"10.30.0.0/24\",\"allocation_pools\":[{\"start\":\"10.30.0.20\",\"end\":\"10.30.0.10\"}]"), 400, "InvalidAllocationPool", "The allocation pool {'start': '10.30.0.20', 'end': '10.30.0.10'} is not valid.");
        yield return Case("core subnet pools overlap", "POST", "v2.0/subnets", Subnet(",\"cidr\":\"10.30.0.0/24\",\"allocation_pools\":[{\"start\":\"10.30.0.10\",\"end\":\"10.30.0.20\"},{\"start\":\"10.30.0.15\",\"end\":\"10.30.0.30\"}]"), 409, "OverlappingAllocationPools", "Found overlapping allocation pools: 10.30.0.10-10.30.0.20 10.30.0.15-10.30.0.30 for subnet 10.30.0.0/24.");
        yield return Case("core subnet pool holds the gateway", "POST", "v2.0/subnets", Subnet(",\"cidr\":\"10.30.0.0/24\",\"allocation_pools\":[{\"start\":\"10.30.0.1\",\"end\":\"10.30.0.9\"}]"), 409, "GatewayConflictWithAllocationPools", "Gateway ip 10.30.0.1 conflicts with allocation pool 10.30.0.1-10.30.0.9.");
        yield return Case("core subnet gateway not an address", "POST", "v2.0/subnets", Subnet(",\"cidr\":\"10.30.0.0/24\",\"gateway_ip\":\"x\""), 400, Bad, "Invalid input for gateway_ip. Reason: 'x' is not a valid IP address.");
        yield return Case("core subnet prefix too long for DHCP", "POST", "v2.0/subnets", Subnet(",\"cidr\":\"10.30.0.0/31\""), 400, "InvalidInput", "Invalid input for operation: Subnet has a prefix length that is incompatible with DHCP service enabled.");
        yield return Case("core subnet without network", "POST", "v2.0/subnets", "{\"subnet\":{\"ip_version\":4,\"cidr\":\"10.30.0.0/24\"}}", 400, Bad, "Failed to parse request. Required attribute 'network_id' not specified");
        yield return Case("core subnet without version", "POST", "v2.0/subnets", "{\"subnet\":{\"network_id\":\"<core_net>\",\"cidr\":\"10.30.0.0/24\"}}", 400, Bad, "Failed to parse request. Required attribute 'ip_version' not specified");
        yield return Case("core subnet without cidr", "POST", "v2.0/subnets", Subnet(""), 400, "BadRequest", "Bad subnets request: a subnetpool must be specified in the absence of a cidr.");
        yield return Case("core subnet on an unknown network", "POST", "v2.0/subnets", "{\"subnet\":{\"network_id\":\"<random>\",\"ip_version\":4,\"cidr\":\"10.30.0.0/24\"}}", 404, "NetworkNotFound", "Network <random> could not be found.");
        yield return Case("core subnet on the external network", "POST", "v2.0/subnets", "{\"subnet\":{\"network_id\":\"<ext_net>\",\"ip_version\":4,\"cidr\":\"10.30.0.0/24\"}}", 403, "HTTPForbidden", "Tenant <member_project> not allowed to create subnet on this network");
        yield return Case("core subnet renamed", "PUT", "v2.0/subnets/<core_sub2>", "{\"subnet\":{\"name\":\"core-sub2b\"}}", 200);
        yield return Case("core network lists its subnets by id", "GET", "v2.0/networks/<core_net>?fields=subnets", null, 200);

        yield return Case("core router with a gateway", "POST", "v2.0/routers", "{\"router\":{\"name\":\"core-router\",\"external_gateway_info\":{\"network_id\":\"<ext_net>\"}}}", 201, agreement: Agreement.Keys) with { Capture = "core_router" };
        yield return Case("core router without a gateway", "POST", "v2.0/routers", "{\"router\":{\"name\":\"core-router2\"}}", 201) with { Capture = "core_router2" };
        yield return Case("core router gateway on an internal network", "POST", "v2.0/routers", "{\"router\":{\"external_gateway_info\":{\"network_id\":\"<core_net>\"}}}", 400, "BadRequest", "Bad router request: Network <core_net> is not an external network.");
        yield return Case("core router gateway on an unknown network", "POST", "v2.0/routers", "{\"router\":{\"external_gateway_info\":{\"network_id\":\"<random>\"}}}", 404, "NetworkNotFound", "Network <random> could not be found.");
        yield return Case("core router gateway address chosen by a member", "POST", "v2.0/routers", "{\"router\":{\"external_gateway_info\":{\"network_id\":\"<ext_net>\",\"external_fixed_ips\":[{\"ip_address\":\"172.24.4.150\"}]}}}", 403, "PolicyNotAuthorized", "(rule:create_router and (rule:create_router:external_gateway_info and (rule:create_router:external_gateway_info:network_id and rule:create_router:external_gateway_info:external_fixed_ips))) is disallowed by policy");
        yield return Case("core router gateway without network", "POST", "v2.0/routers", "{\"router\":{\"external_gateway_info\":{\"bogus\":1}}}", 400, Bad, "Invalid input for external_gateway_info. Reason: Validation of dictionary's keys failed. Expected keys: {'network_id'} Provided keys: {'bogus'}.");

        const string Add = "v2.0/routers/<core_router>/add_router_interface";
        const string Remove = "v2.0/routers/<core_router>/remove_router_interface";
        yield return Case("core interface by subnet", "PUT", Add, "{\"subnet_id\":\"<core_sub>\"}", 200);
        yield return Case("core interface twice", "PUT", Add, "{\"subnet_id\":\"<core_sub>\"}", 400, "BadRequest", "Bad router request: Router already has a port on subnet <core_sub>.");
        yield return Case("core interface without subnet or port", "PUT", Add, "{}", 400, "BadRequest", "Bad router request: Either subnet_id or port_id must be specified.");
        yield return Case("core interface with subnet and port", "PUT", Add, "{\"subnet_id\":\"<core_sub>\",\"port_id\":\"<random>\"}", 400, "BadRequest", "Bad router request: Cannot specify both subnet-id and port-id.");
        yield return Case("core interface on an unknown subnet", "PUT", Add, "{\"subnet_id\":\"<random>\"}", 404, "SubnetNotFound", "Subnet <random> could not be found.");
        yield return Case("core interface on a subnet without gateway", "PUT", Add, "{\"subnet_id\":\"<core_sub3>\"}", 400, "BadRequest", "Bad router request: Subnet for router interface must have a gateway IP.");
        yield return Case("core interface of an unknown router", "PUT", "v2.0/routers/<random>/add_router_interface", "{\"subnet_id\":\"<core_sub>\"}", 404, "RouterNotFound", "Router <random> could not be found");
        yield return Case("core ports of the router", "GET", "v2.0/ports?device_id=<core_router>&fields=device_owner&fields=fixed_ips&fields=status&fields=network_id", null, 200);
        yield return Case("core interface ports by owner", "GET", "v2.0/ports?device_owner=network:router_interface&network_id=<core_net>&fields=device_id", null, 200);

        yield return Case("core port create", "POST", "v2.0/ports", "{\"port\":{\"name\":\"core-port\",\"network_id\":\"<core_net>\",\"fixed_ips\":[{\"subnet_id\":\"<core_sub2>\"}]}}", 201, agreement: Agreement.Keys) with
        {
            Capture = "core_port",
            KnownDifference = new Known("the embedded cloud has no security groups, so a new port is in none; the lab puts it in the project's default group", "$.port.security_groups: 1 items expected, 0 answered"),
        };
        yield return Case("core interface by port", "PUT", Add, "{\"port_id\":\"<core_port>\"}", 200);
        yield return Case("core interface by a port in use", "PUT", "v2.0/routers/<core_router2>/add_router_interface", "{\"port_id\":\"<core_port>\"}", 409, "PortInUse", "Unable to complete operation on port <core_port> for network <core_net>. Port already has an attached device <core_router>.");
        yield return Case("core interface removed by port", "PUT", Remove, "{\"port_id\":\"<core_port>\"}", 200);
        yield return Case("core port gone with its interface", "GET", "v2.0/ports/<core_port>", null, 404, "PortNotFound", "Port <core_port> could not be found.");
        yield return Case("core interface removed by an unknown port", "PUT", Remove, "{\"port_id\":\"<random>\"}", 404, "RouterInterfaceNotFound", "Router <core_router> does not have an interface with id <random>");
        yield return Case("core interface removed from a subnet not on it", "PUT", Remove, "{\"subnet_id\":\"<core_sub2>\"}", 404, "RouterInterfaceNotFoundForSubnet", "Router <core_router> has no interface on subnet <core_sub2>");

        yield return Case("core VPN service on the new router", "POST", "v2.0/vpn/vpnservices", "{\"vpnservice\":{\"name\":\"core-vpn\",\"router_id\":\"<core_router>\",\"subnet_id\":\"<core_sub>\"}}", 201) with { Capture = "core_vpn" };
        yield return Case("core router shows its gateway", "GET", "v2.0/routers/<core_router>?fields=external_gateway_info", null, 200, agreement: Agreement.Keys);
        yield return Case("core interface a VPN service uses", "PUT", Remove, "{\"subnet_id\":\"<core_sub>\"}", 409, "SubnetInUseByVPNService", "Subnet <core_sub> is used by VPNService <core_vpn>");
        yield return Case("core gateway a VPN service uses", "PUT", "v2.0/routers/<core_router>", "{\"router\":{\"external_gateway_info\":{}}}", 409, "RouterInUse", "Router <core_router> is currently used by VPN service (<core_vpn>)");
        yield return Case("core router with interfaces", "DELETE", "v2.0/routers/<core_router>", null, 409, "RouterInUse", "Router <core_router> has ports still attached: <id1>");
        yield return Case("core subnet in use", "DELETE", "v2.0/subnets/<core_sub>", null, 409, "SubnetInUse", "Unable to complete operation on subnet <core_sub>: One or more ports have an IP allocation from this subnet.");
        yield return Case("core network in use", "DELETE", "v2.0/networks/<core_net>", null, 409, "NetworkInUse", "Unable to complete operation on network <core_net>. There are one or more ports still in use on the network, id for these ports is: <id1>.");
        yield return Case("core VPN service deleted", "DELETE", "v2.0/vpn/vpnservices/<core_vpn>", null, 204);

        // Endpoint-group mode: the subnet is held by the connection's local group instead of the service.
        yield return Case("core VPN service without subnet", "POST", "v2.0/vpn/vpnservices", "{\"vpnservice\":{\"name\":\"core-vpn2\",\"router_id\":\"<core_router>\"}}", 201) with { Capture = "core_vpn2" };
        yield return Case("core local group of the subnet", "POST", "v2.0/vpn/endpoint-groups", "{\"endpoint_group\":{\"name\":\"core-local\",\"type\":\"subnet\",\"endpoints\":[\"<core_sub>\"]}}", 201) with { Capture = "core_local" };
        yield return Case("core peer group", "POST", "v2.0/vpn/endpoint-groups", "{\"endpoint_group\":{\"name\":\"core-peer\",\"type\":\"cidr\",\"endpoints\":[\"10.160.0.0/24\"]}}", 201) with { Capture = "core_peer" };
        yield return Case("core connection through the groups", "POST", "v2.0/vpn/ipsec-site-connections", "{\"ipsec_site_connection\":{\"name\":\"core-conn\",\"vpnservice_id\":\"<core_vpn2>\",\"ikepolicy_id\":\"<ike>\",\"ipsecpolicy_id\":\"<ipsec>\",\"peer_address\":\"172.24.4.241\",\"peer_id\":\"172.24.4.241\",\"psk\":\"secret\",\"local_ep_group_id\":\"<core_local>\",\"peer_ep_group_id\":\"<core_peer>\"}}", 201) with { Capture = "core_conn" };
        yield return Case("core interface a connection's local group uses", "PUT", Remove, "{\"subnet_id\":\"<core_sub>\"}", 409, "SubnetInUseByIPsecSiteConnection", "Subnet <core_sub> is used by ipsec site connection <core_conn>");
        yield return Case("core connection deleted", "DELETE", "v2.0/vpn/ipsec-site-connections/<core_conn>", null, 204);
        yield return Case("core VPN service without subnet deleted", "DELETE", "v2.0/vpn/vpnservices/<core_vpn2>", null, 204);

        yield return Case("core interface removed by subnet", "PUT", Remove, "{\"subnet_id\":\"<core_sub>\"}", 200);
        yield return Case("core subnet an endpoint group names", "DELETE", "v2.0/subnets/<core_sub>", null, 409, "SubnetInUse", "Unable to complete operation on subnet <core_sub>: Callback neutron_vpnaas.db.vpn.vpn_db.subnet_callback-8781568106700 failed with \"Subnet <core_sub> is used by endpoint group <core_local>\".");
        yield return Case("core local group deleted", "DELETE", "v2.0/vpn/endpoint-groups/<core_local>", null, 204);
        yield return Case("core peer group deleted", "DELETE", "v2.0/vpn/endpoint-groups/<core_peer>", null, 204);
        yield return Case("core interface removed twice", "PUT", Remove, "{\"subnet_id\":\"<core_sub>\"}", 404, "RouterInterfaceNotFoundForSubnet", "Router <core_router> has no interface on subnet <core_sub>");
        yield return Case("core gateway cleared", "PUT", "v2.0/routers/<core_router>", "{\"router\":{\"external_gateway_info\":{}}}", 200);
        yield return Case("core VPN service on a router without gateway", "POST", "v2.0/vpn/vpnservices", "{\"vpnservice\":{\"router_id\":\"<core_router>\"}}", 400, "RouterIsNotExternal", "Router <core_router> has no external network gateway set");
        yield return Case("core router deleted", "DELETE", "v2.0/routers/<core_router>", null, 204);
        yield return Case("core network deleted with its subnets", "DELETE", "v2.0/networks/<core_net>", null, 204);
        yield return Case("core subnet gone with its network", "GET", "v2.0/subnets/<core_sub>", null, 404, "SubnetNotFound", "Subnet <core_sub> could not be found.");
    }
}
