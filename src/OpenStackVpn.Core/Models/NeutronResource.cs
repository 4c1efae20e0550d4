using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn;

/// <summary>What every Neutron object has: id, name, description, owner; and every field the server sent that the
/// model does not know.</summary>
public abstract class NeutronResource
{
    /// <summary>The object's UUID.</summary>
    [JsonProperty("id")]
    public string Id { get; set; } = "";

    /// <summary>Its name (may be empty; names are not unique).</summary>
    [JsonProperty("name")]
    public string? Name { get; set; }

    /// <summary>Its description.</summary>
    [JsonProperty("description")]
    public string? Description { get; set; }

    /// <summary>The owning project.</summary>
    [JsonProperty("project_id")]
    public string? ProjectId { get; set; }

    /// <summary>The owning project, under its older name.</summary>
    [JsonProperty("tenant_id")]
    public string? TenantId { get; set; }

    /// <summary>Fields the server sent that this model does not name, by their JSON names,
    /// as plain .NET values.</summary>
    [JsonIgnore]
    public FieldBag AdditionalProperties =>
        new(_extra.ToDictionary(pair => pair.Key, pair => ToPlain(pair.Value)));

    [JsonExtensionData]
    private IDictionary<string, JToken> _extra = new Dictionary<string, JToken>();

    /// <summary>Drops every secret the object holds (the pre-shared key of a connection), so that
    /// output cannot leak it.</summary>
    public virtual void ForgetSecrets()
    {
    }

    internal static object? ToPlain(JToken token) => token switch
    {
        JValue value => value.Value,
        JArray array => array.Select(ToPlain).ToArray(),
        JObject obj => obj.Properties().ToDictionary(p => p.Name, p => ToPlain(p.Value)),
        _ => token.ToString(),
    };
}
