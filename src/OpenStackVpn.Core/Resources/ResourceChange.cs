using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Resources.Rules;

namespace OpenStackVpn.Core.Resources;

/// <summary>
/// A create or an update that has passed every rule that can be known before it is sent: references resolved, values
/// in Neutron's spelling. <see cref="ResourceClient"/> prepares one through it (the checks are the change's, the
/// requests the client's); secrets stay SecureStrings until the body is written.
/// </summary>
public sealed class ResourceChange<T> where T : NeutronResource
{
    private readonly JObject _fields;
    private readonly Dictionary<string, SecureString> _secrets;

    private readonly bool _create;

    private ResourceChange(ResourceKind<T> kind, bool create, JObject fields, Dictionary<string, SecureString> secrets,
        List<(ResourceField Field, object Value)> references)
    {
        Kind = kind;
        _create = create;
        _fields = fields;
        _secrets = secrets;
        References = references;
    }

    /// <summary>The resource changed.</summary>
    public ResourceKind<T> Kind { get; }

    /// <summary>For an update, the object as it was before; null for a create.</summary>
    public T? Current { get; private set; }

    /// <summary>
    /// The fields that name other objects, with what the user gave: to be resolved and handed to <see cref="Refer"/>.
    /// </summary>
    internal IReadOnlyList<(ResourceField Field, object Value)> References { get; }

    /// <summary>The top-level JSON fields that will be sent.</summary>
    public IReadOnlyList<string> Fields => _fields.Properties().Select(p => p.Name).Concat(_secrets.Keys).ToArray();

    /// <summary>The name the object will have, when the change gives one.</summary>
    public string? Name => _fields["name"]?.Type == JTokenType.String ? (string?)_fields["name"] : null;

    /// <summary>The request body: the only place where a secret becomes plain text.</summary>
    internal string WriteBody()
    {
        var fields = (JObject)_fields.DeepClone();
        foreach (var secret in _secrets)
        {
            fields[secret.Key] = Secrets.ToPlain(secret.Value);
        }

        return new JObject { [Kind.Singular] = fields }.ToString(Formatting.None);
    }

    /// <summary>
    /// Checks <paramref name="values"/> against the description and the rules, with no request. An update is then
    /// checked against the object it changes (<see cref="CheckAgainst"/>); each reference, once found, goes to
    /// <see cref="Refer"/>.
    /// </summary>
    internal static ResourceChange<T> Check(ResourceKind<T> kind, FieldValues values, bool create, ILogSink log)
    {
        var (fields, secrets, references) = Check((ResourceKind)kind, values, create);
        foreach (var secret in secrets)
        {
            kind.Rules.CheckSecret(secret.Key, secret.Value, create, log);
        }

        if (create)
        {
            kind.Rules.ValidateCreate(fields);
        }
        else
        {
            kind.Rules.ValidateUpdate(fields);
        }

        return new ResourceChange<T>(kind, create, fields, secrets, references);
    }

    /// <summary>
    /// Checks an update against the object as it is now, which the change then keeps as <see cref="Current"/>.
    /// </summary>
    internal void CheckAgainst(T current)
    {
        Current = current;
        Kind.Rules.ValidateAgainst(_fields, current);
    }

    /// <summary>
    /// Puts the id of the object a reference found into the change, and checks the object by the rules.
    /// </summary>
    internal void Refer(ResourceField field, NeutronResource found)
    {
        _fields[field.Path] = found.Id;
        Kind.Rules.CheckReference(_fields, field.Path, found, _create);
    }

    // The description's rules for each value: known field, writable now, allowed value, length; and, in a create, every
    // required field.
    private static (
        JObject Fields,
        Dictionary<string, SecureString> Secrets,
        List<(ResourceField Field, object Value)> References) Check(ResourceKind kind, FieldValues values, bool create)
    {
        var fields = new JObject();
        var secrets = new Dictionary<string, SecureString>();
        var references = new List<(ResourceField, object)>();
        foreach (var pair in values.Pairs)
        {
            var field = kind.Fields.FirstOrDefault(f => f.Path == pair.Key)
                ?? throw OpenStackException.Argument(pair.Key, $"'{pair.Key}' is not a field of {kind.DisplayPlural}.");
            if (field.Access == FieldAccess.ReadOnly)
            {
                throw FieldRules.Invalid(field.Path, "the server sets it; it cannot be given.");
            }

            if (!create && field.Access == FieldAccess.CreateOnly)
            {
                throw FieldRules.Invalid(
                    field.Path, "it can only be set when the object is created; create a new one instead.");
            }

            var value = pair.Value;
            if (field.Secret)
            {
                var secret = value as SecureString
                    ?? Secrets.ToSecure(value?.ToString())
                    ?? throw FieldRules.Invalid(field.Path, "a secret cannot be null.");
                CheckLength(field, secret.Length);
                secrets[field.Path] = secret;
            }
            else if (field.RefersTo != null)
            {
                var reference = field.RefersTo.CheckReference(value, field.Path);
                references.Add((field, reference));
                Put(fields, field.Path, reference is NeutronResource resource ? resource.Id : (string)reference);
            }
            else
            {
                Put(fields, field.Path, ToJson(field, value));
            }
        }

        if (create && kind.Fields.FirstOrDefault(f => f.Required && !values.Has(f.Path)) is { } missing)
        {
            throw FieldRules.Invalid(missing.Path, $"it is required to create a new {kind.DisplayName}.");
        }

        return (fields, secrets, references);
    }

    private static JToken ToJson(ResourceField field, object? value)
    {
        switch (value)
        {
            case null:
                return JValue.CreateNull();
            case string text:
                CheckLength(field, text.Length);
                if (field.AllowedValues.Count == 0)
                {
                    return text;
                }

                return field.AllowedSpelling(text)
                    ?? throw FieldRules.Invalid(
                        field.Path, $"'{text}' does not belong to the set {string.Join(", ", field.AllowedValues)}.");
            case bool or int or long:
                return JToken.FromObject(value, Json.Serializer);
            case IEnumerable list:
                return new JArray(list.Cast<object?>().Select(item => item?.ToString()));
            default:
                return JToken.FromObject(value, Json.Serializer);
        }
    }

    private static void CheckLength(ResourceField field, int length)
    {
        if (field.MaxLength is { } max && length > max)
        {
            throw FieldRules.Invalid(field.Path, $"at most {max} characters are allowed.");
        }
    }

    private static void Put(JObject body, string path, JToken value)
    {
        var parts = path.Split('.');
        var target = body;
        foreach (var part in parts.Take(parts.Length - 1))
        {
            target = (JObject)(target[part] ??= new JObject());
        }

        target[parts[parts.Length - 1]] = value;
    }
}
