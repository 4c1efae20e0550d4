using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network.Topology;

/// <summary>
/// Networks: a project sees its own and the external and shared ones; sharing, external and provider fields are for
/// admins; a network with ports cannot be deleted, and deleting it deletes its subnets.
/// </summary>
internal sealed class NetworkKind : ResourceKind
{
    private static readonly string[] AdminOnlyFields =
    {
        "shared", "router:external", "provider:network_type", "provider:physical_network", "provider:segmentation_id",
        "is_default",
    };

    // The order of a POST's answer, which is not the order a GET shows.
    private static readonly string[] AnswerOrder =
    {
        "id", "name", "tenant_id", "admin_state_up", "mtu", "status", "subnets", "shared", "project_id",
        "port_security_enabled", "router:external", "provider:network_type", "provider:physical_network",
        "provider:segmentation_id", "is_default", "availability_zone_hints", "availability_zones",
        "ipv4_address_scope", "ipv6_address_scope", "description", "tags", "created_at", "updated_at",
        "revision_number",
    };

    public NetworkKind()
        : base(Collections.Networks, "network", "networks", false, AttributeMap(),
            TopologyColumns.Filters("admin_state_up", "status", "shared", "router:external", "mtu"))
    {
    }

    public override bool CompactJson => true;

    public static NeutronError Missing(string id) =>
        NeutronError.Typed(404, "NetworkNotFound", $"Network {id} could not be found.");

    public override NeutronError NotFound(string id) => Missing(id);

    public override bool IsVisible(StoredObject row, NeutronContext context) =>
        context.CanSee(row) || row.Data.Value<bool>("router:external") || row.Data.Value<bool>("shared");

    protected override IReadOnlyList<string> AdminOnlyInView { get; } =
        new[] { "provider:network_type", "provider:physical_network", "provider:segmentation_id" };

    /// <summary>
    /// A create answers in its own order, with is_default even for a network that is not external; an update as a GET.
    /// </summary>
    public override JObject WriteAnswer(StoredObject row, JObject request, NetworkState state, NeutronContext context)
    {
        var view = View(row, state, context);
        return request.ContainsKey("tenant_id")
            ? InOrder(AnswerOrder, name => name == "is_default" ? request[name] : view[name])
            : view;
    }

    public override JObject NewRow(string id, JObject request, NetworkState state, NeutronContext context)
    {
        Policy.AdminOnly(this, "create_network", request, context, AdminOnlyFields);
        var external = (bool)request["router:external"]!;
        var data = new JObject
        {
            ["id"] = id,
            ["name"] = request["name"],
            ["tenant_id"] = request["tenant_id"],
            ["admin_state_up"] = request["admin_state_up"],
            ["mtu"] = request["mtu"] is { Type: not JTokenType.Null } mtu ? mtu : external ? 1500 : 1450,
            ["status"] = "ACTIVE",
            ["subnets"] = new JArray(),
            ["shared"] = request["shared"],
            ["availability_zone_hints"] = request["availability_zone_hints"],
            ["availability_zones"] = new JArray(),
            ["ipv4_address_scope"] = null,
            ["ipv6_address_scope"] = null,
            ["router:external"] = external,
            ["description"] = request["description"],
            ["port_security_enabled"] = request["port_security_enabled"],
        };
        if (external)
        {
            data["is_default"] = request["is_default"];
        }

        data["tags"] = new JArray();
        Times.Stamp(data, state, 1);
        data["project_id"] = request["project_id"];
        var type = request.Value<string>("provider:network_type") ?? (external ? "flat" : "vxlan");
        data["provider:network_type"] = type;
        data["provider:physical_network"] = request["provider:physical_network"] is { Type: JTokenType.String } physical
            ? physical : type == "flat" ? "public" : null;
        data["provider:segmentation_id"] = request["provider:segmentation_id"] is { Type: not JTokenType.Null } segment
            ? segment : type == "vxlan" ? 500 + state.Store.All(Collections.Networks).Count : null;
        return data;
    }

    public override void Update(StoredObject row, JObject changes, NetworkState state, NeutronContext context)
    {
        Policy.AdminOnly(this, "update_network", changes, context, AdminOnlyFields);
        Assign(row.Data, changes);
        Times.Touch(row.Data, state);
    }

    public override void CheckDelete(StoredObject row, NetworkState state)
    {
        var ports = Ports.OnNetwork(state, row.Id).Select(p => p.Id).ToList();
        if (ports.Count > 0)
        {
            throw NeutronError.Typed(409, "NetworkInUse",
                $"Unable to complete operation on network {row.Id}. There are one or more ports "
                    + $"still in use on the network, id for these ports is: {string.Join(", ", ports)}.");
        }

        // Neutron deletes the subnets of a network that is deleted.
        foreach (var subnet in state.Store.All(Collections.Subnets).Where(s => s.Text("network_id") == row.Id).ToList())
        {
            state.Store.Remove(Collections.Subnets, subnet.Id);
        }
    }

    /// <summary>Adds or removes a subnet in the network's list, which Neutron keeps sorted by id.</summary>
    public static void SetSubnet(NetworkState state, string networkId, string subnetId, bool present)
    {
        var network = state.Store.Find(Collections.Networks, networkId)!;
        var ids = ((JArray)network.Data["subnets"]!).Select(s => (string)s!).Where(s => s != subnetId).ToList();
        if (present)
        {
            ids.Add(subnetId);
        }

        network.Data["subnets"] = new JArray(ids.OrderBy(s => s, StringComparer.Ordinal));
        Times.Touch(network.Data, state);
    }

    private static IEnumerable<AttributeSpec> AttributeMap()
    {
        foreach (var head in Attr.Head())
        {
            yield return head;
        }

        yield return Attr.AdminStateUp();
        yield return Attr.ReadOnly("status");
        yield return Attr.ReadOnly("subnets");
        yield return Flag("shared", false);
        yield return Flag("router:external", false);
        yield return new AttributeSpec("mtu") { Default = JValue.CreateNull(), Convert = v => v.Type == JTokenType.Null
            ? v : Converters.ToInt(v), Validate = v => v.Type == JTokenType.Null ? null : FieldRules.NonNegative(v) };
        yield return Flag("port_security_enabled", true);
        yield return new AttributeSpec("availability_zone_hints") { Default = new JArray(),
            Convert = Converters.ToList };
        yield return new AttributeSpec("provider:network_type") { Default = JValue.CreateNull(), Validate = v =>
            v.Type == JTokenType.Null ? null : FieldRules.String(255)(v) };
        yield return new AttributeSpec("provider:physical_network") { Default = JValue.CreateNull(), Validate = v =>
            v.Type == JTokenType.Null ? null : FieldRules.String(64)(v) };
        yield return new AttributeSpec("provider:segmentation_id") { Default = JValue.CreateNull(), Convert = v =>
            v.Type == JTokenType.Null ? v : Converters.ToInt(v) };
        yield return Flag("is_default", false);
        yield return Attr.ReadOnly("availability_zones");
        yield return Attr.ReadOnly("ipv4_address_scope");
        yield return Attr.ReadOnly("ipv6_address_scope");
        yield return Attr.ReadOnly("tags");
    }

    private static AttributeSpec Flag(string name, bool @default) =>
        new(name) { Default = @default, Convert = Converters.ToBoolean };
}
