using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn;

/// <summary>
/// Parameter validation from the resource's description: the value must be one the field allows (case is ignored,
/// as ValidateSet does). Tab completion offers the same values through <see cref="FieldValueCompleter"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class AllowedValuesAttribute : ValidateArgumentsAttribute
{
    public AllowedValuesAttribute(Type model, string field) =>
        Field =
            (VpnResources.Of(model)
            ?? throw new ArgumentException($"{model.Name} is not a described resource.", nameof(model))).Field(field);

    /// <summary>The field whose allowed values the parameter takes.</summary>
    public ResourceField Field { get; }

    /// <inheritdoc/>
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var values = arguments is IEnumerable list and not string ? list.Cast<object?>() : new[] { arguments };
        foreach (var value in values.Select(v => (v is PSObject ps ? ps.BaseObject : v)?.ToString() ?? ""))
        {
            if (Field.AllowedSpelling(value) == null)
            {
                throw new ValidationMetadataException(
                    $"The argument \"{value}\" does not belong to the set " +
                        $"\"{string.Join(",", Field.AllowedValues)}\" that Neutron allows for {Field.Path}. Supply " +
                        $"an argument that is in the set and then try the command again.");
            }
        }
    }
}
