using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>
/// What the embedded Neutron's generic resource path needs to know of one resource: its names, its attribute map
/// (validation, defaults, sort keys), its filterable columns, and its own rules for create, update and delete. The same
/// idea as the client's description (OpenStackVpn.Core.Resources.ResourceKind), written separately from Neutron.
/// </summary>
internal abstract class ResourceKind
{
    protected ResourceKind(
        string collection,
        string singular,
        string plural,
        bool underVpn,
        IEnumerable<AttributeSpec> attributes,
        IDictionary<string, string> filterColumns)
    {
        Collection = collection;
        Singular = singular;
        Plural = plural;
        UnderVpn = underVpn;
        Attributes = attributes.ToList();
        FilterColumns = new Dictionary<string, string>(filterColumns);
    }

    /// <summary>The URL segment, e.g. <c>ipsec-site-connections</c>; also the store's key.</summary>
    public string Collection { get; }

    public string Singular { get; }

    public string Plural { get; }

    /// <summary>True when the collection lives under <c>/v2.0/vpn/</c>.</summary>
    public bool UnderVpn { get; }

    /// <summary>The attribute map, in neutron-lib's order (errors name the first offender in this order).</summary>
    public IReadOnlyList<AttributeSpec> Attributes { get; }

    /// <summary>
    /// The database columns a list can filter on, with the JSON path of each in the view; any other filter is ignored.
    /// </summary>
    public IReadOnlyDictionary<string, string> FilterColumns { get; }

    /// <summary>True for resources Neutron serves through its newer (pecan) path, whose JSON has no spaces.</summary>
    public virtual bool CompactJson => false;

    public AttributeSpec? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    public abstract NeutronError NotFound(string id);

    public virtual bool IsVisible(StoredObject row, NeutronContext context) => context.CanSee(row);

    /// <summary>The fields Neutron's policy shows to an admin only (provider attributes, port bindings).</summary>
    protected virtual IReadOnlyList<string> AdminOnlyInView => System.Array.Empty<string>();

    /// <summary>The object as the caller sees it.</summary>
    public virtual JObject View(StoredObject row, NetworkState state, NeutronContext context)
    {
        var view = (JObject)row.Data.DeepClone();
        if (!context.IsAdmin)
        {
            foreach (var name in AdminOnlyInView)
            {
                view.Remove(name);
            }
        }

        return view;
    }

    /// <summary>
    /// The object as a POST or PUT answers it. Neutron builds that answer from the values as the request gave them (a
    /// lifetime or DPD value sent as text comes back as text) while the database keeps them as numbers, as later reads
    /// show.
    /// </summary>
    public virtual JObject WriteAnswer(StoredObject row, JObject request, NetworkState state, NeutronContext context) =>
        View(row, state, context);

    /// <summary>
    /// Applies the plugin's create rules to a request that passed the attribute map, and returns the new row.
    /// </summary>
    public abstract JObject NewRow(string id, JObject request, NetworkState state, NeutronContext context);

    /// <summary>Applies the plugin's update rules and changes the row.</summary>
    public abstract void Update(StoredObject row, JObject changes, NetworkState state, NeutronContext context);

    /// <summary>Refuses to delete an object still in use.</summary>
    public virtual void CheckDelete(StoredObject row, NetworkState state)
    {
    }

    /// <summary>
    /// A create's answer: the fields in Neutron's order for that answer, each with the value
    /// <paramref name="valueOf"/> gives (a field it gives none for is left out).
    /// </summary>
    protected static JObject InOrder(IEnumerable<string> order, System.Func<string, JToken?> valueOf)
    {
        var answer = new JObject();
        foreach (var name in order)
        {
            if (valueOf(name) is { } value)
            {
                answer[name] = value;
            }
        }

        return answer;
    }

    /// <summary>Copies the request's values over the row's fields of the same name.</summary>
    protected static void Assign(JObject row, JObject changes)
    {
        foreach (var change in changes.Properties())
        {
            if (row.ContainsKey(change.Name))
            {
                row[change.Name] = change.Value.DeepClone();
            }
        }
    }
}
