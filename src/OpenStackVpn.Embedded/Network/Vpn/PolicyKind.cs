using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network.Vpn;

/// <summary>
/// What IKE and IPsec policies share: a row of their own fields in Neutron's order with a merged lifetime,
/// the lifetime echoed as sent, and no update or delete while a connection uses them.
/// </summary>
internal abstract class PolicyKind : ResourceKind
{
    private readonly string _usedBy;
    private readonly string _label;
    private readonly string[] _fields;

    // usedBy: the connection column that refers to the policy; label: Neutron's name in its errors (IKEPolicy);
    // fields: the policy's own fields in the order Neutron answers them, "lifetime" among them.
    protected PolicyKind(
        string collection,
        string singular,
        string plural,
        bool origin,
        IEnumerable<AttributeSpec> attributes,
        string usedBy,
        string label,
        params string[] fields)
        : base(collection, singular, plural, true, attributes,
            VpnValues.Filters(fields.Where(f => f != "lifetime")
                .Concat(new[] { "lifetime_units=lifetime.units", "lifetime_value=lifetime.value" }).ToArray()))
    {
        Origin = origin;
        _usedBy = usedBy;
        _label = label;
        _fields = fields;
    }

    /// <summary>True for the origin cloud's dialect.</summary>
    protected bool Origin { get; }

    /// <inheritdoc/>
    public override NeutronError NotFound(string id) =>
        NeutronError.Typed(404, _label + "NotFound", $"{_label} {id} could not be found");

    /// <inheritdoc/>
    public override JObject NewRow(string id, JObject request, NetworkState state, NeutronContext context)
    {
        var row =
            new JObject { ["id"] = id, ["tenant_id"] = request["tenant_id"], ["name"] = request["name"],
                ["description"] = request["description"] };
        foreach (var field in _fields)
        {
            row[field] = field == "lifetime" ? VpnValues.MergeLifetime(request["lifetime"], null) : request[field];
        }

        row["project_id"] = request["project_id"];
        if (Origin)
        {
            row["availability_zone"] = request["availability_zone"];
        }

        return row;
    }

    /// <inheritdoc/>
    public override JObject WriteAnswer(
        StoredObject row, JObject request, NetworkState state, NeutronContext context) =>
        VpnValues.EchoGiven(base.WriteAnswer(row, request, state, context), request, "lifetime");

    /// <inheritdoc/>
    public override void Update(StoredObject row, JObject changes, NetworkState state, NeutronContext context)
    {
        VpnValues.RefuseIfUsed(state, _usedBy, row, _label + "InUse", _label);
        var lifetime = VpnValues.MergeLifetime(changes["lifetime"], row.Data["lifetime"]);
        Assign(row.Data, changes);
        row.Data["lifetime"] = lifetime;
    }

    /// <inheritdoc/>
    public override void CheckDelete(StoredObject row, NetworkState state) =>
        VpnValues.RefuseIfUsed(state, _usedBy, row, _label + "InUse", _label);
}
