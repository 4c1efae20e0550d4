using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Resources;

/// <summary>
/// When a field may be written: never (the server sets it), only in a create, or in a create and later updates.
/// </summary>
public enum FieldAccess
{
    /// <summary>Set by the server; a client never sends it.</summary>
    ReadOnly,

    /// <summary>Sent in a create only; Neutron refuses it in an update.</summary>
    CreateOnly,

    /// <summary>Sent in a create or an update.</summary>
    Updatable,
}

/// <summary>
/// One field of a resource as the client sees it, from the API reference: its JSON name, its model property and its
/// rules.
/// </summary>
public sealed class ResourceField
{
    private static readonly string[] None = Array.Empty<string>();

    private ResourceField(string path, FieldAccess access)
    {
        Path = path;
        Access = access;
    }

    /// <summary>The JSON path in the object, e.g. peer_address or dpd.action.</summary>
    public string Path { get; }

    /// <summary>
    /// The top-level JSON field that holds it (what Neutron's <c>fields</c> names), e.g. dpd for dpd.action.
    /// </summary>
    public string TopLevel => Path.Split('.')[0];

    /// <summary>
    /// The model property that holds it, e.g. PeerAddress or Dpd.Action; set from the model's JSON names.
    /// </summary>
    public string Property { get; internal set; } = "";

    /// <summary>Whether the field may be written, and when.</summary>
    public FieldAccess Access { get; }

    /// <summary>True when a create must give it.</summary>
    public bool Required { get; private set; }

    /// <summary>
    /// True for a secret (the pre-shared key): kept as a SecureString until the request body is written.
    /// </summary>
    public bool Secret { get; private set; }

    /// <summary>The longest text Neutron stores, or null when the server alone decides.</summary>
    public int? MaxLength { get; private set; }

    /// <summary>The only values Neutron accepts; empty when any value may be sent.</summary>
    public IReadOnlyList<string> AllowedValues { get; private set; } = None;

    /// <summary>
    /// Values to offer on Tab: the allowed values, or hints where the cloud's release decides (algorithms, groups).
    /// </summary>
    public IReadOnlyList<string> SuggestedValues => _suggested ?? AllowedValues;

    /// <summary>
    /// The list filter (query parameter) Neutron honours for this field, or null when it filters on nothing.
    /// </summary>
    public string? FilterKey { get; private set; }

    /// <summary>True when Neutron sorts on it.</summary>
    public bool Sortable { get; private set; }

    /// <summary>The resource whose id this field holds, or null.</summary>
    public ResourceKind? RefersTo { get; private set; }

    /// <summary>
    /// The type the referred object must have (a local endpoint group lists subnets), or null for any.
    /// </summary>
    public string? ReferredType { get; private set; }

    /// <summary>
    /// The resource whose ids a list field holds when the object's own type is <see cref="ListsIdsWhenType"/> (the
    /// endpoints of a subnet endpoint group are subnets), or null. Offered on Tab only: the ids are sent as given.
    /// </summary>
    public ResourceKind? ListsIdsOf { get; private set; }

    /// <summary>The object's type (its <c>type</c> field) for which <see cref="ListsIdsOf"/> holds.</summary>
    public string? ListsIdsWhenType { get; private set; }

    private IReadOnlyList<string>? _suggested;

    internal static ResourceField ReadOnly(string path) => new(path, FieldAccess.ReadOnly);

    internal static ResourceField CreateOnly(string path) => new(path, FieldAccess.CreateOnly);

    internal static ResourceField Updatable(string path) => new(path, FieldAccess.Updatable);

    internal ResourceField IsRequired()
    {
        Required = true;
        return this;
    }

    internal ResourceField IsSecret()
    {
        Secret = true;
        return this;
    }

    internal ResourceField AtMost(int length)
    {
        MaxLength = length;
        return this;
    }

    internal ResourceField OneOf(params string[] values)
    {
        AllowedValues = values;
        return this;
    }

    internal ResourceField Suggest(IEnumerable<string> values)
    {
        _suggested = values.ToArray();
        return this;
    }

    /// <summary>
    /// Filterable, by <paramref name="key"/> when Neutron's query parameter is not the field's own name.
    /// </summary>
    internal ResourceField Filter(string? key = null)
    {
        FilterKey = key ?? Path.Replace('.', '_');
        return this;
    }

    internal ResourceField Sort()
    {
        Sortable = true;
        return this;
    }

    /// <summary>
    /// Shown to users as the public model property <paramref name="property"/> (the PSK's JSON property is private).
    /// </summary>
    internal ResourceField ShownAs(string property)
    {
        Property = property;
        return this;
    }

    internal ResourceField Refers(ResourceKind kind, string? type = null)
    {
        RefersTo = kind;
        ReferredType = type;
        return this;
    }

    internal ResourceField ListsIds(ResourceKind kind, string whenType)
    {
        ListsIdsOf = kind;
        ListsIdsWhenType = whenType;
        return this;
    }

    /// <summary>
    /// The allowed value that <paramref name="value"/> names, in Neutron's spelling (case is ignored); null when it is
    /// not one.
    /// </summary>
    public string? AllowedSpelling(string value) =>
        AllowedValues.FirstOrDefault(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc/>
    public override string ToString() => Path;
}
