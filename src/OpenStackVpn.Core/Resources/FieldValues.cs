using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Resources;

/// <summary>
/// What a create or an update gives, field by field (JSON paths of the resource's description): text, numbers,
/// booleans, lists of text, a SecureString for a secret, and for a reference a model object, an id or a unique name.
/// </summary>
public sealed class FieldValues
{
    private readonly List<KeyValuePair<string, object?>> _values = new();

    /// <summary>The fields given, in the order they were given.</summary>
    public IReadOnlyList<string> Fields => _values.Select(pair => pair.Key).ToArray();

    /// <summary>The number of fields given.</summary>
    public int Count => _values.Count;

    /// <summary>Gives <paramref name="field"/> a value, replacing any earlier one.</summary>
    public FieldValues Set(string field, object? value)
    {
        _values.RemoveAll(pair => pair.Key == field);
        _values.Add(new KeyValuePair<string, object?>(field, value));
        return this;
    }

    /// <summary>True when <paramref name="field"/> was given.</summary>
    public bool Has(string field) => _values.Any(pair => pair.Key == field);

    /// <summary>The value given for <paramref name="field"/>, or null.</summary>
    public object? this[string field] => _values.FirstOrDefault(pair => pair.Key == field).Value;

    internal IEnumerable<KeyValuePair<string, object?>> Pairs => _values;
}
