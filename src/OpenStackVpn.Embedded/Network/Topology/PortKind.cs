using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network.Topology;

/// <summary>
/// Ports: those routers make (interfaces and gateways) and plain ones a project makes on its networks; listable by
/// device_id and device_owner. A router's ports are its own: they go with remove_router_interface, never by DELETE.
/// </summary>
internal sealed class PortKind : ResourceKind
{
    private static readonly string[] AdminOnlyFields = { "binding:host_id", "binding:profile", "mac_address" };

    // The order of a POST's answer, which is not the order a GET shows.
    private static readonly string[] AnswerOrder =
    {
        "id", "name", "network_id", "tenant_id", "mac_address", "admin_state_up", "status", "device_id", "device_owner",
        "fixed_ips", "project_id", "port_security_enabled", "security_groups", "binding:vnic_type", "binding:profile",
        "binding:host_id", "binding:vif_type", "binding:vif_details", "allowed_address_pairs", "extra_dhcp_opts",
        "description", "tags", "created_at", "updated_at", "revision_number",
    };

    public PortKind()
        : base(Collections.Ports, "port", "ports", false, AttributeMap(),
            TopologyColumns.Filters("network_id", "device_id", "device_owner", "mac_address", "admin_state_up",
                "status"))
    {
    }

    public override bool CompactJson => true;

    public static NeutronError Missing(string id) =>
        NeutronError.Typed(404, "PortNotFound", $"Port {id} could not be found.");

    public override NeutronError NotFound(string id) => Missing(id);

    protected override IReadOnlyList<string> AdminOnlyInView { get; } =
        new[] { "binding:profile", "binding:host_id", "binding:vif_type", "binding:vif_details" };

    public override JObject WriteAnswer(StoredObject row, JObject request, NetworkState state, NeutronContext context)
    {
        var view = View(row, state, context);
        return request.ContainsKey("tenant_id") ? InOrder(AnswerOrder, name => view[name]) : view;
    }

    public override JObject NewRow(string id, JObject request, NetworkState state, NeutronContext context)
    {
        Policy.AdminOnly(this, "create_port", request, context, AdminOnlyFields);
        var networkId = (string)request["network_id"]!;
        var network = state.Visible(Collections.Networks, networkId, context, NetworkKind.Missing);
        var subnets = state.Store.All(Collections.Subnets).Where(s => s.Text("network_id") == network.Id).ToList();
        var fixedIps = new JArray();
        if (request["fixed_ips"] is JArray wanted && wanted.Count > 0)
        {
            foreach (var ip in wanted.OfType<JObject>())
            {
                var subnet = ip.Value<string>("subnet_id") is { } subnetId
                    ? subnets.FirstOrDefault(s => s.Id == subnetId) ?? throw SubnetKind.Missing(subnetId)
                    : subnets.FirstOrDefault()
                        ?? throw NeutronError.Typed(400, "BadRequest", "Bad port request: No subnet on the network.");
                fixedIps.Add(ip.Value<string>("ip_address") is { } address ? Ports.FixedIp(subnet.Id, address)
                    : Ports.Allocate(state, subnet));
            }
        }
        else if (subnets.FirstOrDefault(s => s.Data.Value<int>("ip_version") == 4) is { } first)
        {
            fixedIps.Add(Ports.Allocate(state, first));
        }

        var data =
            Ports.Data(state, id, (string)request["project_id"]!, network.Id, (string)request["device_id"]!,
                (string)request["device_owner"]!, fixedIps, (string)request["name"]!, (bool)request["admin_state_up"]!);
        data["description"] = request["description"];
        data["port_security_enabled"] = request["port_security_enabled"];
        return data;
    }

    public override void Update(StoredObject row, JObject changes, NetworkState state, NeutronContext context)
    {
        Policy.AdminOnly(this, "update_port", changes, context, AdminOnlyFields);
        Assign(row.Data, changes);
        Times.Touch(row.Data, state);
    }

    /// <summary>
    /// A router's ports are not the project's to delete: Neutron's policy answers that there is no such port.
    /// </summary>
    public override void CheckDelete(StoredObject row, NetworkState state)
    {
        if ((row.Text("device_owner") ?? "").StartsWith("network:router", System.StringComparison.Ordinal))
        {
            throw Missing(row.Id);
        }
    }

    private static IEnumerable<AttributeSpec> AttributeMap()
    {
        foreach (var head in Attr.Head())
        {
            yield return head;
        }

        yield return Attr.Reference("network_id", orNone: false);
        yield return Attr.AdminStateUp();
        yield return new AttributeSpec("mac_address") { AllowPut = false, Default = JValue.CreateNull() };
        yield return new AttributeSpec("fixed_ips") { Default = JValue.CreateNull(), Convert = v =>
            v.Type == JTokenType.Null ? v : Converters.ToList(v) };
        yield return new AttributeSpec("device_id") { Default = "", Validate = FieldRules.String(255) };
        yield return new AttributeSpec("device_owner") { Default = "", Validate = FieldRules.String(255) };
        yield return Attr.ReadOnly("status");
        yield return new AttributeSpec("port_security_enabled") { Default = true, Convert = Converters.ToBoolean };
        yield return new AttributeSpec("security_groups") { Default = new JArray(), Convert = Converters.ToList };
        yield return new AttributeSpec("allowed_address_pairs") { Default = new JArray(), Convert = Converters.ToList };
        yield return new AttributeSpec("extra_dhcp_opts") { Default = new JArray(), Convert = Converters.ToList };
        yield return new AttributeSpec("binding:vnic_type") { Default = "normal" };
        yield return new AttributeSpec("binding:host_id") { Default = "" };
        yield return new AttributeSpec("binding:profile") { Default = new JObject() };
        yield return Attr.ReadOnly("binding:vif_type");
        yield return Attr.ReadOnly("binding:vif_details");
        yield return Attr.ReadOnly("tags");
    }
}
