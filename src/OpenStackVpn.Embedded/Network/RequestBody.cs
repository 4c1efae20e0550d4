using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Http;

namespace OpenStackVpn.Embedded.Network;

/// <summary>
/// Neutron's <c>prepare_request_body</c>: the checks every POST and PUT body goes through before the plugin sees it,
/// in Neutron's order (body shape, project, unknown attributes, POST/PUT permissions and defaults, then each value).
/// </summary>
internal static class RequestBody
{
    public static JObject Prepare(ResourceKind kind, string? body, bool create, NeutronContext context)
    {
        var resource = Unwrap(kind, body, create);
        PopulateProject(resource, create, context);
        var unknown = resource.Properties().Select(p => p.Name).Where(name => kind.Attribute(name) == null).ToList();
        if (unknown.Count > 0)
        {
            throw NeutronError.BadRequest($"Unrecognized attribute(s) '{string.Join(", ", unknown)}'");
        }

        foreach (var attribute in kind.Attributes)
        {
            var given = resource.ContainsKey(attribute.Name);
            if (!create)
            {
                if (given && !attribute.AllowPut)
                {
                    throw NeutronError.BadRequest($"Cannot update read-only attribute {attribute.Name}");
                }
            }
            else if (!attribute.AllowPost)
            {
                if (given)
                {
                    throw NeutronError.BadRequest($"Attribute '{attribute.Name}' not allowed in POST");
                }
            }
            else if (!given)
            {
                resource[attribute.Name] = attribute.Default?.DeepClone()
                    ?? throw NeutronError.BadRequest(
                        $"Failed to parse request. Required attribute '{attribute.Name}' not specified");
            }
        }

        foreach (var attribute in kind.Attributes.Where(a => resource.ContainsKey(a.Name)))
        {
            var value = resource[attribute.Name]!;
            if (attribute.Convert != null)
            {
                resource[attribute.Name] = value = attribute.Convert(value);
            }

            if (attribute.Validate?.Invoke(value) is { } reason)
            {
                throw NeutronError.Invalid(attribute.Name, reason);
            }
        }

        return resource;
    }

    private static JObject Unwrap(ResourceKind kind, string? body, bool create)
    {
        if (string.IsNullOrEmpty(body))
        {
            throw create
                ? NeutronError.BadRequest("Resource body required")
                : NeutronError.Typed(400, "BadRequest", "Bad body request: Invalid format: b''.");
        }

        JToken root;
        try
        {
            root = JsonText.Parse(body!);
        }
        catch (JsonException)
        {
            throw NeutronError.Typed(400, "MalformedRequestBody", "Malformed request body: Cannot understand JSON.");
        }

        if (root is not JObject { Count: > 0 } wrapper)
        {
            throw NeutronError.BadRequest("Resource body required");
        }

        return wrapper[kind.Singular] switch
        {
            null or { Type: JTokenType.Null } =>
                throw NeutronError.BadRequest($"Unable to find '{kind.Singular}' in request body"),
            JObject resource => (JObject)resource.DeepClone(),
            _ => throw NeutronError.BadRequest($"Object '{kind.Singular}' contains invalid data"),
        };
    }

    /// <summary>
    /// tenant_id and project_id are one value; only an admin may name a project other than the token's.
    /// </summary>
    private static void PopulateProject(JObject resource, bool create, NeutronContext context)
    {
        var tenant = resource["tenant_id"];
        var project = resource["project_id"];
        if (tenant != null && project != null && !JToken.DeepEquals(tenant, project))
        {
            throw NeutronError.BadRequest("'project_id' and 'tenant_id' do not match");
        }

        var owner = tenant ?? project;
        if (owner != null && PythonText.Str(owner) != context.ProjectId && !context.IsAdmin)
        {
            throw NeutronError.BadRequest("Specifying 'project_id' or 'tenant_id' other than the authenticated project "
                + "in request requires admin or advsvc privileges");
        }

        if (owner != null)
        {
            resource["project_id"] ??= owner.DeepClone();
            resource["tenant_id"] ??= owner.DeepClone();
        }
        else if (create)
        {
            resource["project_id"] = context.ProjectId;
            resource["tenant_id"] = context.ProjectId;
        }
    }
}
