using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn;

/// <summary>
/// Tab completion of a field's values, from the resource's description: its allowed values, or hints where the cloud's
/// release decides (algorithms, groups), so the server has the last word on those.
/// </summary>
public sealed class FieldValueCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        return (FieldOf(commandName, parameterName)?.SuggestedValues ?? Array.Empty<string>())
            .Where(v => v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
    }

    /// <summary>
    /// The described field behind a parameter of one of this module's cmdlets (also under Import-Module -Prefix).
    /// </summary>
    internal static ResourceField? FieldOf(string commandName, string parameterName)
    {
        var cmdlet = CmdletOf(commandName);
        var property = cmdlet?.GetProperty(
            parameterName, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property == null)
        {
            return null;
        }

        if (property.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed)
        {
            return allowed.Field;
        }

        var path = property.GetCustomAttribute<FieldAttribute>()?.Path;
        var kind = KindOf(cmdlet!);
        return path == null || kind == null ? null : kind.Fields.FirstOrDefault(f => f.Path == path);
    }

    /// <summary>
    /// The class of one of this module's cmdlets, by its name (also under Import-Module -Prefix), or null.
    /// </summary>
    internal static Type? CmdletOf(string commandName)
    {
        var parts = commandName.Split('-');
        return typeof(FieldValueCompleter).Assembly.GetTypes()
            .Select(t => (Type: t, Cmdlet: t.GetCustomAttribute<CmdletAttribute>()))
            .Where(c => c.Cmdlet != null && parts.Length == 2
                && string.Equals(c.Cmdlet.VerbName, parts[0], StringComparison.OrdinalIgnoreCase)
                && parts[1].EndsWith(c.Cmdlet.NounName, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(c => c.Cmdlet!.NounName.Length)
            .Select(c => c.Type)
            .FirstOrDefault();
    }

    /// <summary>
    /// The description of the resource a cmdlet works on (the model type argument of its generic base).
    /// </summary>
    internal static ResourceKind? KindOf(Type cmdlet)
    {
        for (var type = cmdlet; type != null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericArguments()[0].IsSubclassOf(typeof(NeutronResource)))
            {
                return VpnResources.Of(type.GetGenericArguments()[0]);
            }
        }

        return null;
    }
}
