using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn;

/// <summary>
/// The fields a user gave as parameters (only those), and the parameter to name in an error about a field.
/// </summary>
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
        if (error.Kind == OpenStackErrorKind.BadRequest && ServerField(error) is { } field)
        {
            return RetellServer(cmdletType, error, field);
        }

        if (error.ParameterName == null
            || error.Kind is not (OpenStackErrorKind.InvalidArgument or OpenStackErrorKind.NotFound))
        {
            return error;
        }

        var parameter = error.ParameterName.StartsWith("-", StringComparison.Ordinal)
            ? error.ParameterName
            : ParameterFor(cmdletType, error.ParameterName);
        if (!parameter.StartsWith("-", StringComparison.Ordinal))
        {
            return error;
        }

        return Naming(error, parameter.Substring(1));
    }

    /// <summary>
    /// The error with its message led by the parameter it is about ("-DpdTimeout: ..."): the one place it is added.
    /// </summary>
    public static OpenStackException Naming(OpenStackException error, string parameter) =>
        new(error.Kind, $"-{parameter}: {error.Message}", error)
        {
            ParameterName = parameter,
            Target = error.Target,
            StatusCode = error.StatusCode,
            ServerErrorType = error.ServerErrorType,
            ServerMessage = error.ServerMessage,
            RequestId = error.RequestId,
            Request = error.Request,
            RecommendedAction = error.RecommendedAction,
        };

    // Neutron's refusal of one field's value: "Invalid input for pfs. Reason: 'group15' is not in [...]."
    private static readonly System.Text.RegularExpressions.Regex InvalidInput =
        new(@"^Invalid input for (?<field>[a-z_]+)\.", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static string? ServerField(OpenStackException error) =>
        error.ServerMessage is { } message && InvalidInput.Match(message) is { Success: true } match
            ? match.Groups["field"].Value
            : null;

    // The server's refusal, told as the parameter that set the field (a nested field's parameters, e.g. dpd's, by
    // its first), with everything the server said kept.
    private static OpenStackException RetellServer(Type cmdletType, OpenStackException error, string field)
    {
        var parameter = Fields(cmdletType)
            .Where(f => f.Path == field || f.Path.StartsWith(field + ".", StringComparison.Ordinal))
            .Select(f => f.Property.Name)
            .FirstOrDefault();
        if (parameter == null)
        {
            return error;
        }

        return Naming(error, parameter);
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
