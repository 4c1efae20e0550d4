using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>The in-memory database: rows per collection, in insertion order (Neutron's default order is the database's).</summary>
internal sealed class ResourceStore
{
    private readonly Dictionary<string, List<StoredObject>> _collections = new();

    public IReadOnlyList<StoredObject> All(string collection) =>
        _collections.TryGetValue(collection, out var rows) ? rows : (IReadOnlyList<StoredObject>)System.Array.Empty<StoredObject>();

    public StoredObject? Find(string collection, string? id) =>
        id == null ? null : All(collection).FirstOrDefault(o => o.Id == id);

    public void Add(string collection, StoredObject row)
    {
        if (!_collections.TryGetValue(collection, out var rows))
        {
            _collections[collection] = rows = new List<StoredObject>();
        }

        rows.Add(row);
    }

    public void Remove(string collection, string id)
    {
        if (_collections.TryGetValue(collection, out var rows))
        {
            rows.RemoveAll(o => o.Id == id);
        }
    }
}
