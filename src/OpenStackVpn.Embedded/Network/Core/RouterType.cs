using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network.Core;

/// <summary>Routers: their external gateway, and (hidden) the subnets they have interfaces on.</summary>
internal sealed class RouterType : ReadOnlyResourceType
{
    public RouterType()
        : base(Collections.Routers, "router", "routers",
            CoreColumns.Attributes("admin_state_up", "status"),
            CoreColumns.Filters("admin_state_up", "status"))
    {
    }

    public static NeutronError Missing(string id) => NeutronError.Typed(404, "RouterNotFound", $"Router {id} could not be found");

    public override NeutronError NotFound(string id) => Missing(id);

    public override JObject View(StoredObject row, NetworkState state, NeutronContext context)
    {
        var view = base.View(row, state, context);
        if (!context.IsAdmin)
        {
            view.Remove("distributed");
            view.Remove("ha");
        }

        return view;
    }

    /// <summary>The router's external fixed IPs.</summary>
    public static IEnumerable<string> GatewayAddresses(StoredObject router) =>
        router.Data.SelectToken("external_gateway_info.external_fixed_ips") is JArray ips
            ? ips.Select(ip => ip.Value<string>("ip_address")).OfType<string>()
            : Enumerable.Empty<string>();

    public static bool HasGateway(StoredObject router) => router.Data["external_gateway_info"] is JObject;

    /// <summary>True when the router has an interface (a port) on the subnet.</summary>
    public static bool IsAttached(StoredObject router, string? subnetId) =>
        router.Hidden["interfaces"] is JArray interfaces && interfaces.Any(i => (string?)i == subnetId);
}
