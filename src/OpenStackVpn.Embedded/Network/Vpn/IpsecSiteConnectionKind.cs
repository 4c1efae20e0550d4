using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network.Vpn;

/// <summary>
/// IPsec site connections: a VPN service, two policies, a peer, and the peer's networks (CIDRs or endpoint groups).
/// </summary>
internal sealed class IpsecSiteConnectionKind : ResourceKind
{
    public IpsecSiteConnectionKind(bool origin)
        : base(Collections.Connections, "ipsec_site_connection", "ipsec_site_connections", true, AttributeMap(origin),
            Columns(origin))
    {
        Origin = origin;
    }

    private static readonly string[] DpdKeys = { "action", "interval", "timeout" };

    private bool Origin { get; }

    public override NeutronError NotFound(string id) =>
        NeutronError.Typed(404, "IPsecSiteConnectionNotFound", $"ipsec_site_connection {id} not found");

    public override JObject View(StoredObject row, NetworkState state, NeutronContext context)
    {
        var view = base.View(row, state, context);
        view["status"] = StatusSimulator.Connection(row, state);
        return view;
    }

    public override JObject NewRow(string id, JObject request, NetworkState state, NeutronContext context)
    {
        var serviceId = request.Value<string>("vpnservice_id");
        // Upstream bugs kept: an unknown service or an unusable IPsec policy fail with a KeyError in the driver lookup
        // (500).
        var service = state.Store.Find(Collections.VpnServices, serviceId) ?? throw NeutronError.Internal();
        if (state.Store.Find(Collections.IpsecPolicies, request.Value<string>("ipsecpolicy_id")) is not { } ipsec
            || !context.CanSee(ipsec))
        {
            throw NeutronError.Internal();
        }

        state.Visible(Collections.VpnServices, serviceId, context, VpnServiceKind.Missing);
        state.Visible(Collections.IkePolicies, request.Value<string>("ikepolicy_id"), context, IkePolicyKind.Missing);
        var dpd = Dpd(request["dpd"], null);
        var cidrs = (JArray)request["peer_cidrs"]!;
        var local = request.Value<string>("local_ep_group_id");
        var peer = request.Value<string>("peer_ep_group_id");
        IpsecSiteConnectionRules.Mode(service, cidrs, local, peer);
        var version = IpsecSiteConnectionRules.Versions(service, cidrs, local, peer, state, context);
        IpsecSiteConnectionRules.Dpd(dpd);
        IpsecSiteConnectionRules.Mtu((long)request["mtu"]!, version);
        var address = IpsecSiteConnectionRules.ResolvePeer((string)request["peer_address"]!, service, state);

        var row = new JObject
        {
            ["id"] = id,
            ["tenant_id"] = request["tenant_id"],
            ["name"] = request["name"],
            ["description"] = request["description"],
            ["peer_address"] = address,
            ["peer_id"] = request["peer_id"],
            ["local_id"] = request["local_id"],
            ["route_mode"] = "static",
            ["mtu"] = request["mtu"],
            ["auth_mode"] = "psk",
            ["psk"] = request["psk"],
            ["initiator"] = request["initiator"],
            ["dpd"] = Stored(dpd),
            ["admin_state_up"] = request["admin_state_up"],
            ["status"] = "PENDING_CREATE",
            ["vpnservice_id"] = serviceId,
            ["ikepolicy_id"] = request["ikepolicy_id"],
            ["ipsecpolicy_id"] = request["ipsecpolicy_id"],
            ["peer_cidrs"] = cidrs,
            ["local_ep_group_id"] = local,
            ["peer_ep_group_id"] = peer,
            ["project_id"] = request["project_id"],
        };
        if (Origin)
        {
            row.Remove("local_ep_group_id");
            row.Remove("peer_ep_group_id");
            row["availability_zone"] = request["availability_zone"];
        }

        return row;
    }

    /// <summary>
    /// The previous values fill what the update leaves out, so the checks see the connection as it would become.
    /// </summary>
    public override void Update(StoredObject row, JObject changes, NetworkState state, NeutronContext context)
    {
        var service = state.Store.Find(Collections.VpnServices, row.Text("vpnservice_id"))!;
        var dpd = Dpd(changes["dpd"], (JObject)row.Data["dpd"]!);
        var cidrs = (JArray)(changes["peer_cidrs"] ?? row.Data["peer_cidrs"]!);
        var local = changes.ContainsKey("local_ep_group_id") ? changes.Value<string>("local_ep_group_id")
            : row.Text("local_ep_group_id");
        var peer = changes.ContainsKey("peer_ep_group_id") ? changes.Value<string>("peer_ep_group_id")
            : row.Text("peer_ep_group_id");
        IpsecSiteConnectionRules.Mode(service, cidrs, local, peer);
        var version = IpsecSiteConnectionRules.Versions(service, cidrs, local, peer, state, context);
        IpsecSiteConnectionRules.Dpd(dpd);
        if (changes["mtu"] is { } mtu)
        {
            IpsecSiteConnectionRules.Mtu((long)mtu, version);
        }

        if (changes["peer_address"] is { } address)
        {
            changes["peer_address"] = IpsecSiteConnectionRules.ResolvePeer((string)address!, service, state);
        }

        VpnServiceKind.RefuseWhilePending(StatusSimulator.Connection(row, state), row.Id);
        Assign(row.Data, changes);
        row.Data["dpd"] = Stored(dpd);
    }

    public override JObject WriteAnswer(
        StoredObject row, JObject request, NetworkState state, NeutronContext context) =>
        VpnValues.EchoGiven(base.WriteAnswer(row, request, state, context), request, "dpd");

    /// <summary>
    /// DPD as the plugin sees it: the given keys, as given, over the previous (or default hold/30/120) ones.
    /// </summary>
    private static JObject Dpd(JToken? given, JObject? previous)
    {
        var dpd = previous != null ? (JObject)previous.DeepClone()
            : new JObject { ["action"] = "hold", ["interval"] = 30, ["timeout"] = 120 };
        if (given is JObject update)
        {
            foreach (var key in DpdKeys.Where(update.ContainsKey))
            {
                dpd[key] = update[key]!.DeepClone();
            }
        }

        return dpd;
    }

    /// <summary>DPD as the database keeps it: integer columns.</summary>
    private static JObject Stored(JObject dpd) => new()
    {
        ["action"] = dpd["action"]!.DeepClone(),
        ["interval"] = Converters.ToInt(dpd["interval"]!),
        ["timeout"] = Converters.ToInt(dpd["timeout"]!),
    };

    private static IEnumerable<AttributeSpec> AttributeMap(bool origin)
    {
        foreach (var head in Attr.Head())
        {
            yield return head;
        }

        yield return Attr.Text("local_id", maxLength: null);
        yield return Attr.RequiredText("peer_address");
        yield return Attr.RequiredText("peer_id");
        yield return new AttributeSpec("peer_cidrs")
        {
            Default = new JArray(),
            Convert = Converters.ToList,
            Validate = origin ? value => FieldRules.SubnetListOrNone(value) ?? OneCidr(value)
                : FieldRules.SubnetListOrNone,
        };
        if (!origin)
        {
            yield return new AttributeSpec("local_ep_group_id") { Default = JValue.CreateNull(),
                Validate = FieldRules.Uuid(true) };
            yield return new AttributeSpec("peer_ep_group_id") { Default = JValue.CreateNull(),
                Validate = FieldRules.Uuid(true) };
        }

        yield return Attr.ReadOnly("route_mode");
        yield return new AttributeSpec("mtu") { Default = 1500, Convert = Converters.ToInt,
            Validate = FieldRules.NonNegative };
        yield return Attr.Choice("initiator", "bi-directional", "bi-directional", "response-only");
        yield return Attr.ReadOnly("auth_mode");
        yield return Attr.RequiredText("psk");
        yield return new AttributeSpec("dpd")
        {
            Default = new JObject(),
            Convert = Converters.NoneToEmptyDict,
            Validate = FieldRules.Dict(
                ("action", FieldRules.Values(origin ? VpnValues.OriginDpdActions : VpnValues.DpdActions)),
                ("interval", FieldRules.NonNegative),
                ("timeout", FieldRules.NonNegative)),
        };
        yield return Attr.AdminStateUp();
        yield return Attr.ReadOnly("status");
        yield return Attr.Reference("vpnservice_id", orNone: false);
        yield return Attr.Reference("ikepolicy_id", orNone: false);
        yield return Attr.Reference("ipsecpolicy_id", orNone: false);
        if (origin)
        {
            yield return VpnValues.AvailabilityZone();
        }
    }

    /// <summary>The origin cloud takes exactly one peer CIDR.</summary>
    private static string? OneCidr(JToken value) =>
        value is JArray { Count: > 1 } ? "Only one cidr can be specified" : null;

    private static Dictionary<string, string> Columns(bool origin)
    {
        var columns = VpnValues.Filters(
            "peer_address", "peer_id", "local_id", "route_mode", "mtu", "initiator", "auth_mode", "psk", "status",
                "admin_state_up",
            "vpnservice_id", "ikepolicy_id", "ipsecpolicy_id", "dpd_action=dpd.action", "dpd_interval=dpd.interval",
                "dpd_timeout=dpd.timeout");
        if (origin)
        {
            columns["availability_zone"] = "availability_zone";
        }
        else
        {
            columns["local_ep_group_id"] = "local_ep_group_id";
            columns["peer_ep_group_id"] = "peer_ep_group_id";
        }

        return columns;
    }
}
