using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Completion;

/// <summary>
/// Completes a parameter that names other objects, with live names (ids where a name is shared or empty), as the
/// field's description says: the resource it refers to (<c>Refers</c>, of one type where it says so), or the ids a
/// list holds for the type the command gives (<c>ListsIds</c>: the subnets of a subnet endpoint group).
/// </summary>
public sealed class ReferenceCompletionAttribute : ArgumentCompleterAttribute
{
    /// <summary>Completes the objects the parameter's field refers to.</summary>
    public ReferenceCompletionAttribute() : base(typeof(Completer)) { }

    /// <summary>The completer.</summary>
    public sealed class Completer : LiveCompleter
    {
        internal override IEnumerable<NamedObject> Objects(
            OpenStackSession session, string commandName, string parameterName, IDictionary fakeBoundParameters)
        {
            var field = FieldValueCompleter.FieldOf(commandName, parameterName);
            if (field?.RefersTo is { } kind)
            {
                return NameLookup.Find(session, kind, Limit)
                    .Where(o => field.ReferredType == null || o.Type == field.ReferredType);
            }

            if (field?.ListsIdsOf is not { } listed
                || TypeGiven(commandName, fakeBoundParameters) != field.ListsIdsWhenType)
            {
                return Enumerable.Empty<NamedObject>();
            }

            return NameLookup.Find(session, listed, Limit);
        }

        // The value the command line gives to the parameter that sets the object's type field, in lower case.
        private static string? TypeGiven(string commandName, IDictionary fakeBoundParameters)
        {
            var cmdlet = FieldValueCompleter.CmdletOf(commandName);
            var parameter = cmdlet == null ? "type" : FieldParameters.ParameterFor(cmdlet, "type").TrimStart('-');
            return fakeBoundParameters[parameter]?.ToString()?.ToLowerInvariant();
        }
    }
}
