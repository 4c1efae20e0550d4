using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Security;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core;
using OpenStackVpn.Core.Http;

namespace OpenStackVpn;

/// <summary>Builds a request body from the parameters a user gave (only those), and names parameters in errors about fields.</summary>
internal static class RequestBody
{
    /// <summary>The JSON fields of the bound [Field] parameters of <paramref name="cmdlet"/>.</summary>
    public static JObject FromBoundParameters(PSCmdlet cmdlet)
    {
        var body = new JObject();
        foreach (var (property, path) in Fields(cmdlet.GetType()))
        {
            if (cmdlet.MyInvocation.BoundParameters.ContainsKey(property.Name))
            {
                Set(body, path, ToJson(property.GetValue(cmdlet)));
            }
        }

        return body;
    }

    /// <summary>The parameter that sets a JSON field, as "-Name"; the field itself when no parameter does.</summary>
    public static string ParameterFor(Type cmdletType, string path) =>
        Fields(cmdletType).Where(f => f.Path == path).Select(f => "-" + f.Property.Name).FirstOrDefault() ?? path;

    /// <summary>An argument error about a JSON field, retold in terms of the cmdlet's parameters.</summary>
    public static OpenStackException Retell(Type cmdletType, OpenStackException error)
    {
        if (error.ParameterName == null || error.Kind is not (OpenStackErrorKind.InvalidArgument or OpenStackErrorKind.NotFound))
        {
            return error;
        }

        var parameter = error.ParameterName.StartsWith("-", StringComparison.Ordinal) ? error.ParameterName : ParameterFor(cmdletType, error.ParameterName);
        if (!parameter.StartsWith("-", StringComparison.Ordinal))
        {
            return error;
        }

        return new OpenStackException(error.Kind, $"{parameter}: {error.Message}", error)
        {
            ParameterName = parameter.Substring(1),
            Target = error.Target,
        };
    }

    /// <summary>Plain JSON of a parameter value: ids of objects, text of secure strings, arrays of lists.</summary>
    public static JToken ToJson(object? value)
    {
        value = value is PSObject ps ? ps.BaseObject : value;
        return value switch
        {
            null => JValue.CreateNull(),
            NeutronResource resource => resource.Id,
            SecureString secure => Secrets.ToPlain(secure)!,
            SwitchParameter flag => flag.IsPresent,
            string text => text,
            IEnumerable list => new JArray(list.Cast<object?>().Select(ToJson)),
            _ => JToken.FromObject(value, Json.Serializer),
        };
    }

    private static void Set(JObject body, string path, JToken value)
    {
        var parts = path.Split('.');
        var target = body;
        foreach (var part in parts.Take(parts.Length - 1))
        {
            target = (JObject)(target[part] ??= new JObject());
        }

        target[parts[parts.Length - 1]] = value;
    }

    private static (PropertyInfo Property, string Path)[] Fields(Type type) =>
        type.GetProperties()
            .Select(p => (Property: p, Path: p.GetCustomAttribute<FieldAttribute>()?.Path))
            .Where(p => p.Path != null)
            .Select(p => (p.Property, p.Path!))
            .ToArray();
}
