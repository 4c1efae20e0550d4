using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>The attribute declarations every resource shares, and short builders for the rest.</summary>
internal static class Attr
{
    public const int NameSize = 255;

    /// <summary>
    /// id, tenant_id, project_id, name, description: the head of every resource's attribute map; all but description
    /// sort keys unless <paramref name="sortable"/> is false.
    /// </summary>
    public static IEnumerable<AttributeSpec> Head(bool sortable = true)
    {
        yield return new AttributeSpec("id") { AllowPost = false, AllowPut = false, IsSortKey = sortable,
            Validate = FieldRules.Uuid(false) };
        yield return new AttributeSpec("tenant_id") { AllowPut = false, Default = JValue.CreateNull(),
            IsSortKey = sortable, Validate = FieldRules.String(NameSize) };
        yield return new AttributeSpec("project_id") { AllowPut = false, Default = JValue.CreateNull(),
            IsSortKey = sortable, Validate = FieldRules.String(NameSize) };
        yield return Text("name", sortKey: sortable);
        yield return Text("description");
    }

    public static AttributeSpec Text(string name, bool sortKey = false, int? maxLength = NameSize) =>
        new(name) { Default = "", Validate = FieldRules.String(maxLength), IsSortKey = sortKey };

    public static AttributeSpec RequiredText(string name, int? maxLength = null) =>
        new(name) { Validate = FieldRules.String(maxLength) };

    public static AttributeSpec Choice(string name, string @default, params string[] values) =>
        new(name) { Default = @default, Validate = FieldRules.Values(values) };

    public static AttributeSpec ReadOnly(string name) => new(name) { AllowPost = false, AllowPut = false };

    public static AttributeSpec AdminStateUp() =>
        new("admin_state_up") { Default = true, Convert = Converters.ToBoolean };

    /// <summary>A uuid given at creation and never changed.</summary>
    public static AttributeSpec Reference(string name, bool orNone, bool sortKey = false) =>
        new(name) { AllowPut = false, Default = orNone ? JValue.CreateNull() : null, Validate = FieldRules.Uuid(orNone),
            IsSortKey = sortKey };
}
