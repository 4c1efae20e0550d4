using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Http;

namespace OpenStackVpn.Embedded.Network.Topology;

/// <summary>
/// <c>PUT /v2.0/routers/{id}/add_router_interface</c> and <c>remove_router_interface</c>, by subnet or by port, with
/// the
/// refusals of Neutron's L3 plugin and of VPNaaS (a subnet a VPN service uses stays on its router).
/// </summary>
internal static class RouterInterfaces
{
    public static CloudResponse Handle(
        string action, StoredObject router, CloudRequest request, NetworkState state, NeutronContext context)
    {
        var body = Body(request.Body);
        var subnetId = body.Value<string>("subnet_id");
        var portId = body.Value<string>("port_id");
        if (subnetId == null && portId == null)
        {
            throw BadRouter("Either subnet_id or port_id must be specified.");
        }

        if (subnetId != null && portId != null)
        {
            throw BadRouter("Cannot specify both subnet-id and port-id.");
        }

        var port = action == "add_router_interface"
            ? (subnetId != null ? AddBySubnet(router, subnetId, state, context)
                : AddByPort(router, portId!, state, context))
            : Remove(router, subnetId, portId, state, context);
        var subnets = Ports.SubnetIds(port).ToList();
        Times.Touch(router.Data, state);
        return CloudResponse.Json(200, new JObject
        {
            ["id"] = router.Id,
            ["tenant_id"] = router.Data["tenant_id"],
            ["port_id"] = port.Id,
            ["network_id"] = port.Data["network_id"],
            ["subnet_id"] = subnets.FirstOrDefault(),
            ["subnet_ids"] = new JArray(subnets),
        });
    }

    private static StoredObject AddBySubnet(
        StoredObject router, string subnetId, NetworkState state, NeutronContext context)
    {
        var subnet = state.Visible(Collections.Subnets, subnetId, context, SubnetKind.Missing);
        if (subnet.Text("gateway_ip") is not { } gateway)
        {
            throw BadRouter("Subnet for router interface must have a gateway IP.");
        }

        CheckNewSubnet(router, subnet, state);
        return Ports.Add(state, router.ProjectId, subnet.Text("network_id")!, router.Id, Ports.RouterInterface,
            new JArray(Ports.FixedIp(subnet.Id, gateway)));
    }

    private static StoredObject AddByPort(
        StoredObject router, string portId, NetworkState state, NeutronContext context)
    {
        var port = state.Visible(Collections.Ports, portId, context, PortKind.Missing);
        if (port.Text("device_id") is { Length: > 0 } device)
        {
            throw NeutronError.Typed(409, "PortInUse",
                $"Unable to complete operation on port {port.Id} for network {port.Text("network_id")}. "
                    + $"Port already has an attached device {device}.");
        }

        var subnets = Ports.SubnetIds(port).ToList();
        if (subnets.Count == 0)
        {
            throw BadRouter("Router port must have at least one fixed IP.");
        }

        foreach (var subnet in subnets)
        {
            CheckNewSubnet(router, state.Store.Find(Collections.Subnets, subnet)!, state);
        }

        port.Data["device_id"] = router.Id;
        port.Data["device_owner"] = Ports.RouterInterface;
        Times.Touch(port.Data, state);
        return port;
    }

    private static StoredObject Remove(
        StoredObject router, string? subnetId, string? portId, NetworkState state, NeutronContext context)
    {
        var interfaces = Ports.OfDevice(state, router.Id, Ports.RouterInterface).ToList();
        StoredObject port;
        if (subnetId != null)
        {
            state.Visible(Collections.Subnets, subnetId, context, SubnetKind.Missing);
            port = interfaces.FirstOrDefault(p => Ports.SubnetIds(p).Contains(subnetId))
                ?? throw NeutronError.Typed(404, "RouterInterfaceNotFoundForSubnet",
                    $"Router {router.Id} has no interface on subnet {subnetId}");
        }
        else
        {
            port = interfaces.FirstOrDefault(p => p.Id == portId)
                ?? throw NeutronError.Typed(404, "RouterInterfaceNotFound",
                    $"Router {router.Id} does not have an interface with id {portId}");
        }

        foreach (var subnet in Ports.SubnetIds(port))
        {
            if (state.Store.All(Collections.VpnServices)
                .FirstOrDefault(s => s.Text("router_id") == router.Id && s.Text("subnet_id") == subnet) is { } service)
            {
                throw NeutronError.Typed(409, "SubnetInUseByVPNService",
                    $"Subnet {subnet} is used by VPNService {service.Id}");
            }

            if (ConnectionsThrough(router, subnet, state).FirstOrDefault() is { } connection)
            {
                throw NeutronError.Typed(409, "SubnetInUseByIPsecSiteConnection",
                    $"Subnet {subnet} is used by ipsec site connection {connection.Id}");
            }
        }

        state.Store.Remove(Collections.Ports, port.Id);
        return port;
    }

    /// <summary>The connections of the router's VPN services whose local endpoint group holds the subnet.</summary>
    private static IEnumerable<StoredObject> ConnectionsThrough(
        StoredObject router, string subnetId, NetworkState state)
    {
        var services = state.Store.All(Collections.VpnServices).Where(s => s.Text("router_id") == router.Id)
            .Select(s => s.Id).ToList();
        return state.Store.All(Collections.Connections).Where(c =>
            services.Contains(c.Text("vpnservice_id") ?? "") &&
            state.Store.Find(Collections.EndpointGroups,
                c.Text("local_ep_group_id"))?.Data["endpoints"] is JArray endpoints &&
            endpoints.Any(e => (string?)e == subnetId));
    }

    /// <summary>One interface per subnet, and no two interfaces on overlapping CIDRs.</summary>
    private static void CheckNewSubnet(StoredObject router, StoredObject subnet, NetworkState state)
    {
        var cidr = Cidr.Parse(subnet.Text("cidr")!)!;
        foreach (var attached in Ports.OfDevice(state, router.Id, Ports.RouterInterface).SelectMany(Ports.SubnetIds)
            .Distinct().ToList())
        {
            if (attached == subnet.Id)
            {
                throw BadRouter($"Router already has a port on subnet {subnet.Id}.");
            }

            var other = state.Store.Find(Collections.Subnets, attached);
            if (other != null && Cidr.Parse(other.Text("cidr")!) is { } taken && taken.Overlaps(cidr))
            {
                throw BadRouter($"Cidr {cidr} of subnet {subnet.Id} overlaps with cidr {taken} of subnet {other.Id}.");
            }
        }
    }

    private static JObject Body(string? body)
    {
        try
        {
            return body != null && JsonText.Parse(body) is JObject parsed ? parsed : new JObject();
        }
        catch (JsonException)
        {
            throw NeutronError.Typed(400, "MalformedRequestBody", "Malformed request body: Cannot understand JSON.");
        }
    }

    private static NeutronError BadRouter(string why) =>
        NeutronError.Typed(400, "BadRequest", "Bad router request: " + why);
}
