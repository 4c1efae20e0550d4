using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Network.Topology;

namespace OpenStackVpn.Embedded.Network.Vpn;

/// <summary>VPN services: a router with an external gateway and, in legacy mode, one of its subnets.</summary>
internal sealed class VpnServiceKind : ResourceKind
{
    public VpnServiceKind(bool origin)
        : base(Collections.VpnServices, "vpnservice", "vpnservices", true, AttributeMap(origin),
            VpnValues.Filters("status", "admin_state_up", "external_v4_ip", "external_v6_ip", "subnet_id", "router_id",
                "flavor_id"))
    {
        Origin = origin;
    }

    private bool Origin { get; }

    public static NeutronError Missing(string id) =>
        NeutronError.Typed(404, "VPNServiceNotFound", $"VPNService {id} could not be found");

    public override NeutronError NotFound(string id) => Missing(id);

    public override JObject View(StoredObject row, NetworkState state, NeutronContext context)
    {
        var view = base.View(row, state, context);
        view["status"] = StatusSimulator.Service(row, state);
        return view;
    }

    public override JObject NewRow(string id, JObject request, NetworkState state, NeutronContext context)
    {
        if (request["flavor_id"] is { Type: JTokenType.String } flavor)
        {
            throw NeutronError.Typed(404, "FlavorNotFound", $"Flavor {flavor} could not be found.");
        }

        var routerId = (string)request["router_id"]!;
        var router = state.Visible(Collections.Routers, routerId, context, RouterKind.Missing);
        if (!RouterKind.HasGateway(router))
        {
            throw NeutronError.Typed(400, "RouterIsNotExternal",
                $"Router {routerId} has no external network gateway set");
        }

        var subnetId = request.Value<string>("subnet_id");
        if (subnetId != null && !RouterKind.IsAttached(state, router, subnetId))
        {
            throw NotConnected(subnetId, routerId);
        }

        var gateway = RouterKind.GatewayAddresses(router).ToList();
        var row = new JObject
        {
            ["id"] = id,
            ["name"] = request["name"],
            ["description"] = request["description"],
            ["tenant_id"] = request["tenant_id"],
            ["subnet_id"] = request["subnet_id"],
            ["router_id"] = routerId,
            ["flavor_id"] = null,
            ["admin_state_up"] = request["admin_state_up"],
            ["external_v4_ip"] = gateway.FirstOrDefault(ip => IpText.AddressVersion(ip) == 4),
            ["external_v6_ip"] = gateway.FirstOrDefault(ip => IpText.AddressVersion(ip) == 6),
            ["status"] = "PENDING_CREATE",
            ["project_id"] = request["project_id"],
        };
        if (Origin)
        {
            row.Remove("flavor_id");
            row["availability_zone"] = request["availability_zone"];
        }

        return row;
    }

    public override void Update(StoredObject row, JObject changes, NetworkState state, NeutronContext context)
    {
        RefuseWhilePending(StatusSimulator.Service(row, state), row.Id);
        Assign(row.Data, changes);
    }

    public override void CheckDelete(StoredObject row, NetworkState state)
    {
        if (state.Store.All(Collections.Connections).Any(c => c.Text("vpnservice_id") == row.Id))
        {
            throw NeutronError.Typed(409, "VPNServiceInUse", $"VPNService {row.Id} is still in use");
        }
    }

    public static NeutronError NotConnected(string subnetId, string routerId) =>
        NeutronError.Typed(400, "SubnetIsNotConnectedToRouter",
            $"Subnet {subnetId} is not connected to Router {routerId}");

    /// <summary>Neutron refuses to change a service or connection the agent has not settled yet.</summary>
    public static void RefuseWhilePending(string status, string id)
    {
        if (StatusSimulator.IsPending(status))
        {
            throw NeutronError.Typed(400, "VPNStateInvalidToUpdate",
                $"Invalid state {status} of vpnaas resource {id} for updating");
        }
    }

    private static IEnumerable<AttributeSpec> AttributeMap(bool origin)
    {
        foreach (var head in Attr.Head())
        {
            yield return head;
        }

        // The origin cloud knows only legacy mode: the subnet is required.
        yield return origin ? new AttributeSpec("subnet_id") { AllowPut = false, Validate = FieldRules.Uuid(false) }
            : Attr.Reference("subnet_id", orNone: true);
        yield return Attr.Reference("router_id", orNone: false, sortKey: true);
        yield return Attr.AdminStateUp();
        yield return Attr.ReadOnly("external_v4_ip");
        yield return Attr.ReadOnly("external_v6_ip");
        yield return Attr.ReadOnly("status");
        yield return origin ? VpnValues.AvailabilityZone() : Attr.Reference("flavor_id", orNone: true);
    }
}
