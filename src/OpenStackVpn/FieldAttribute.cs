using System;

namespace OpenStackVpn;

/// <summary>Marks a cmdlet parameter as the JSON field it sets (a dotted path for nested
/// fields, e.g. dpd.action).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class FieldAttribute : Attribute
{
    public FieldAttribute(string path) => Path = path;

    public string Path { get; }
}
