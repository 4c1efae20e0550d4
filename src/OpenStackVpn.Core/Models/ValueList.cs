using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using Newtonsoft.Json;

namespace OpenStackVpn;

/// <summary>
/// A list of values (CIDRs, addresses, ids) that reads as one text where a program wants one value: Export-Csv writes
/// "10.1.0.0/24, 10.2.0.0/24", not "System.String[]". It is still a list to PowerShell, JSON and LINQ, and converts to
/// and from string[].
/// </summary>
public sealed class ValueList : ReadOnlyCollection<string>
{
    /// <summary>A list of these values.</summary>
    [JsonConstructor]
    public ValueList(IEnumerable<string> values)
        : base(values.ToList())
    {
    }

    /// <summary>The number of values, as an array names it.</summary>
    public int Length => Count;

    /// <summary>The values as a list; null stays null.</summary>
    public static implicit operator ValueList?(string[]? values) => FromArray(values);

    /// <summary>The values as an array; null stays null.</summary>
    public static implicit operator string[]?(ValueList? list) => list?.ToArray();

    /// <summary>The values as a list; null stays null.</summary>
    public static ValueList? FromArray(string[]? values) => values == null ? null : new ValueList(values);

    /// <summary>The values as an array.</summary>
    public string[] ToArray() => this.ToArray<string>();

    /// <summary>The values, comma-separated.</summary>
    public override string ToString() => string.Join(", ", this);
}

/// <summary>
/// Fields the server sent that the model does not name: a dictionary, which a program that wants one value per
/// column (Export-Csv) reads as an empty text rather than as its type's name.
/// </summary>
public sealed class FieldBag : ReadOnlyDictionary<string, object?>
{
    /// <summary>A bag of these fields.</summary>
    public FieldBag(IDictionary<string, object?> fields)
        : base(fields)
    {
    }

    /// <summary>Nothing: the fields are read by name.</summary>
    public override string ToString() => "";
}
