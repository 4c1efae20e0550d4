using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network.Core;

/// <summary>Networks: a project sees its own and the external ones; the provider fields are for admins only.</summary>
internal sealed class NetworkType : ReadOnlyResourceType
{
    public NetworkType()
        : base(Collections.Networks, "network", "networks",
            CoreColumns.Attributes("admin_state_up", "status", "shared", "router:external", "mtu"),
            CoreColumns.Filters("admin_state_up", "status", "shared", "router:external", "mtu"))
    {
    }

    public override bool CompactJson => true;

    public override NeutronError NotFound(string id) => NeutronError.Typed(404, "NetworkNotFound", $"Network {id} could not be found.");

    public override bool IsVisible(StoredObject row, NeutronContext context) =>
        context.CanSee(row) || row.Data.Value<bool>("router:external") || row.Data.Value<bool>("shared");

    public override JObject View(StoredObject row, NetworkState state, NeutronContext context)
    {
        var view = base.View(row, state, context);
        if (!context.IsAdmin)
        {
            view.Remove("provider:network_type");
            view.Remove("provider:physical_network");
            view.Remove("provider:segmentation_id");
        }

        return view;
    }
}
