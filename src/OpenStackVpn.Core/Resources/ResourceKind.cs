using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Newtonsoft.Json;
using OpenStackVpn.Core.Resources.Rules;

namespace OpenStackVpn.Core.Resources;

/// <summary>
/// The one description of a resource: its URL and JSON names, its fields (access, allowed values, filters, sort keys,
/// references), its status, and who refers to it. Validation, list queries, references, waits and "in use by" messages
/// all read it; generic code never asks which resource it has.
/// </summary>
public abstract class ResourceKind
{
    private protected ResourceKind(
        string displayName, string path, string singular, string plural, string notFoundType,
        IEnumerable<ResourceField> fields, ResourceRules? rules)
    {
        DisplayName = displayName;
        Path = path;
        Singular = singular;
        Plural = plural;
        NotFoundType = notFoundType;
        Fields = fields.ToArray();
        Rules = rules ?? new ResourceRules();
        FilterPaths = Fields.Where(f => f.FilterKey != null)
            .ToDictionary(f => f.FilterKey!, f => f.Path, StringComparer.Ordinal);
        SortKeys = Fields.Where(f => f.Sortable).Select(f => f.Path).ToArray();
    }

    /// <summary>The name users read, e.g. "IPsec site connection".</summary>
    public string DisplayName { get; }

    /// <summary>The plural users read, e.g. "IPsec policies".</summary>
    public string DisplayPlural => DisplayName.EndsWith("y", StringComparison.Ordinal)
        ? DisplayName.Substring(0, DisplayName.Length - 1) + "ies"
        : DisplayName + "s";

    /// <summary>The collection path under the network endpoint, e.g. v2.0/vpn/ipsec-site-connections.</summary>
    public string Path { get; }

    /// <summary>The JSON key of one object.</summary>
    public string Singular { get; }

    /// <summary>The JSON key of a list; the paging links are under <c>{Plural}_links</c>.</summary>
    public string Plural { get; }

    /// <summary>Neutron's error type for a missing object.</summary>
    public string NotFoundType { get; }

    /// <summary>The model class of the resource.</summary>
    public abstract Type ModelType { get; }

    /// <summary>Every field, as the API reference describes it.</summary>
    public IReadOnlyList<ResourceField> Fields { get; }

    /// <summary>The keys Neutron sorts on (it answers 400 for any other).</summary>
    public IReadOnlyCollection<string> SortKeys { get; }

    /// <summary>Filter key to the JSON path of its value in an object, to check results on the client.</summary>
    public IReadOnlyDictionary<string, string> FilterPaths { get; }

    /// <summary>The status field, or null for a resource without one.</summary>
    public ResourceField? Status => Fields.FirstOrDefault(f => f.Path == "status");

    /// <summary>The fields of other resources that hold this resource's id: what uses an object of this kind.</summary>
    public IEnumerable<(ResourceKind Kind, ResourceField Field)> ReferredBy =>
        VpnResources.All.SelectMany(kind => kind.Fields.Where(f => f.RefersTo == this).Select(f => (kind, f)));

    internal ResourceRules Rules { get; }

    /// <summary>The field at a JSON path; an unknown path is a programming error.</summary>
    public ResourceField Field(string path) =>
        Fields.FirstOrDefault(f => f.Path == path)
            ?? throw new ArgumentException($"{DisplayPlural} have no field '{path}'.", nameof(path));

    /// <summary>
    /// The JSON field of a property given by its model name (PeerAddress) or JSON name (peer_address), for Neutron's
    /// <c>fields</c>.
    /// </summary>
    public string FieldName(string name)
    {
        var wanted = Simplify(name);
        var field = Fields.FirstOrDefault(
            f => Simplify(f.TopLevel) == wanted || Simplify(f.Property.Split('.')[0]) == wanted);
        if (field != null)
        {
            return field.TopLevel;
        }

        var known = Fields.Select(f => f.TopLevel).Distinct().OrderBy(f => f, StringComparer.Ordinal);
        throw OpenStackException.Argument(
            "Property", $"'{name}' is not a field of {DisplayPlural}. Fields: {string.Join(", ", known)}.");
    }

    /// <summary>The value of <paramref name="field"/> in <paramref name="resource"/>, read through the model.</summary>
    public object? ValueOf(NeutronResource resource, ResourceField field)
    {
        object? value = resource;
        var type = ModelType;
        foreach (var name in field.Property.Split('.'))
        {
            var property = type.GetProperty(
                name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!;
            value = value == null ? null : property.GetValue(value);
            type = property.PropertyType;
        }

        return value;
    }

    /// <summary>The status of <paramref name="resource"/>, or null when the resource has none.</summary>
    public string? StatusOf(NeutronResource resource) => Status == null ? null : ValueOf(resource, Status) as string;

    /// <summary>
    /// A reference to an object of this kind: the object itself, or the text of an id or a unique name; anything else
    /// is an argument error of <paramref name="parameter"/>.
    /// </summary>
    internal object CheckReference(object? value, string parameter)
    {
        if (value is NeutronResource resource)
        {
            return ModelType.IsInstanceOfType(resource)
                ? resource
                : throw OpenStackException.Argument(
                    parameter, $"it takes a {DisplayName}, not a {resource.GetType().Name}.");
        }

        var text = value?.ToString();
        return string.IsNullOrEmpty(text)
            ? throw OpenStackException.Argument(parameter, $"it is empty; give a {DisplayName} object, id or name.")
            : text!;
    }

    /// <summary>
    /// Hands this description, its model type known, to <paramref name="call"/>: how code that holds any description
    /// reaches generic code, without the description knowing that code.
    /// </summary>
    internal abstract TResult WithModel<TResult>(IModelCall<TResult> call);

    private protected static string Simplify(string name) => name.Replace("_", "").ToLowerInvariant();
}

/// <summary>The description of the resource whose model is <typeparamref name="T"/>.</summary>
public sealed class ResourceKind<T> : ResourceKind where T : NeutronResource
{
    internal ResourceKind(
        string displayName, string path, string singular, string plural, string notFoundType,
        IEnumerable<ResourceField> fields, ResourceRules? rules = null)
        : base(displayName, path, singular, plural, notFoundType, fields, rules)
    {
        foreach (var field in Fields.Where(f => f.Property.Length == 0))
        {
            field.Property = ModelProperty(typeof(T), field.Path)
                ?? throw new InvalidOperationException(
                    $"The model {typeof(T).Name} has no property for the field {field.Path}.");
        }
    }

    /// <inheritdoc/>
    public override Type ModelType => typeof(T);

    internal override TResult WithModel<TResult>(IModelCall<TResult> call) => call.Call(this);

    // The property whose JSON name is each part of the path in turn: dpd.action is Dpd.Action.
    private static string? ModelProperty(Type type, string path)
    {
        var names = new List<string>();
        foreach (var part in path.Split('.'))
        {
            var property = type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .FirstOrDefault(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName == part);
            if (property == null)
            {
                return null;
            }

            names.Add(property.Name);
            type = property.PropertyType;
        }

        return string.Join(".", names);
    }
}

/// <summary>
/// Generic work on a description whose model type is known only at run time (<see cref="ResourceKind.WithModel"/>).
/// </summary>
internal interface IModelCall<out TResult>
{
    TResult Call<T>(ResourceKind<T> kind) where T : NeutronResource;
}
