using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>The in-memory database: rows per collection, in insertion order (Neutron's default order is the
/// database's), indexed by id.</summary>
internal sealed class ResourceStore
{
    private readonly Dictionary<string, List<StoredObject>> _collections = new();
    private readonly Dictionary<(string Collection, string Id), StoredObject> _byId = new();
    private readonly Dictionary<(string Collection, string Field), ILookup<string, StoredObject>> _referring = new();

    public IReadOnlyList<StoredObject> All(string collection) =>
        _collections.TryGetValue(collection, out var rows) ? rows
            : (IReadOnlyList<StoredObject>)System.Array.Empty<StoredObject>();

    public StoredObject? Find(string collection, string? id) =>
        id != null && _byId.TryGetValue((collection, id), out var row) ? row : null;

    public void Add(string collection, StoredObject row)
    {
        if (!_collections.TryGetValue(collection, out var rows))
        {
            _collections[collection] = rows = new List<StoredObject>();
        }

        rows.Add(row);
        _byId[(collection, row.Id)] = row;
        _referring.Clear();
    }

    /// <summary>The rows whose <paramref name="field"/> (one that never changes, e.g. a connection's vpnservice_id) is
    /// <paramref name="id"/>, in order.</summary>
    public IEnumerable<StoredObject> Referring(string collection, string field, string id)
    {
        if (!_referring.TryGetValue((collection, field), out var lookup))
        {
            _referring[(collection, field)] = lookup = All(collection).ToLookup(row => row.Text(field) ?? "",
                System.StringComparer.Ordinal);
        }

        return lookup[id];
    }

    public void Remove(string collection, string id)
    {
        if (_collections.TryGetValue(collection, out var rows))
        {
            rows.RemoveAll(o => o.Id == id);
            _byId.Remove((collection, id));
            _referring.Clear();
        }
    }
}
