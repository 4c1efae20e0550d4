using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn;

/// <summary>The fields a user gave as parameters (only those), and the parameter to name in an error about a field.</summary>
internal static class FieldParameters
{
    /// <summary>The values of the bound [Field] parameters of <paramref name="cmdlet"/>, by JSON path.</summary>
    public static FieldValues Values(PSCmdlet cmdlet)
    {
        var values = new FieldValues();
        foreach (var (property, path) in Fields(cmdlet.GetType()))
        {
            if (cmdlet.MyInvocation.BoundParameters.ContainsKey(property.Name))
            {
                values.Set(path, Plain(property.GetValue(cmdlet)));
            }
        }

        return values;
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

    // What Core takes: the value without PowerShell's wrapping; a switch as a boolean; a list as an array.
    private static object? Plain(object? value)
    {
        value = value is PSObject ps ? ps.BaseObject : value;
        return value switch
        {
            SwitchParameter flag => flag.IsPresent,
            string or System.Security.SecureString => value,
            IEnumerable list => list.Cast<object?>().Select(Plain).ToArray(),
            _ => value,
        };
    }

    // As PowerShell reads parameters: from the most derived declaration only, so an override that is not a field
    // (Set's -Name, which selects the object) is not sent as one.
    private static (PropertyInfo Property, string Path)[] Fields(Type type) =>
        type.GetProperties()
            .Select(p => (Property: p, Path: p.GetCustomAttribute<FieldAttribute>(inherit: false)?.Path))
            .Where(p => p.Path != null)
            .Select(p => (p.Property, p.Path!))
            .ToArray();
}
