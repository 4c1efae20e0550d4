using System;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>One row of the in-memory database: the object as Neutron shows it, plus what
/// only the server knows.</summary>
internal sealed class StoredObject
{
    public StoredObject(string id, string projectId, JObject data, DateTimeOffset createdAt)
    {
        Id = id;
        ProjectId = projectId;
        Data = data;
        CreatedAt = createdAt;
    }

    public string Id { get; }

    public string ProjectId { get; }

    /// <summary>The fields in the order Neutron writes them (status is the stored one; views
    /// may compute another).</summary>
    public JObject Data { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Set by <see cref="EmbeddedCloud.SetStatus"/>: the stored status wins over the simulation.</summary>
    public bool StatusForced { get; set; }

    public string? Text(string field) => Data[field]?.Type == JTokenType.String ? (string?)Data[field] : null;
}
