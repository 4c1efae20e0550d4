using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>Turns a request value into the stored one, or throws a <see cref="NeutronError"/>
/// (neutron-lib's <c>convert_to</c>).</summary>
internal delegate JToken Converter(JToken value);

/// <summary>Returns why a value is refused, or null (neutron-lib's <c>validate</c>).</summary>
internal delegate string? Validator(JToken value);

/// <summary>One attribute of a resource, as neutron-lib's RESOURCE_ATTRIBUTE_MAP declares it.</summary>
internal sealed class AttributeSpec
{
    public AttributeSpec(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public bool AllowPost { get; init; } = true;

    public bool AllowPut { get; init; } = true;

    /// <summary>The value a POST that omits the attribute gets; null with <see cref="AllowPost"/> means the
    /// attribute is required.</summary>
    public JToken? Default { get; init; }

    public Converter? Convert { get; init; }

    public Validator? Validate { get; init; }

    public bool IsSortKey { get; init; }

    public bool IsRequired => AllowPost && Default == null;
}
