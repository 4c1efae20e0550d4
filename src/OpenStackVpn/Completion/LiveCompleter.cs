using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Completion;

/// <summary>
/// Tab completion of live objects from the session (-Session if given, else the default one): names that start with
/// what was typed, quoted when they need it, the id in the tooltip. At most one request per completion, answers
/// kept a few seconds (<see cref="NameLookup"/>), and silence (no results, no error) without a session or when the
/// cloud takes longer than <see cref="Limit"/>.
/// </summary>
public abstract class LiveCompleter : IArgumentCompleter
{
    /// <summary>The longest a completion waits for the cloud.</summary>
    public static TimeSpan Limit { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The objects to offer for <paramref name="parameterName"/> of <paramref name="commandName"/>.</summary>
    internal abstract IEnumerable<NamedObject> Objects(
        OpenStackSession session, string commandName, string parameterName, IDictionary fakeBoundParameters);

    /// <summary>True to complete ids (matching ids or names), false to complete names.</summary>
    internal virtual bool CompletesIds => false;

    /// <summary>
    /// True for references, which need a name that finds one object: a shared or empty name is offered as ids.
    /// </summary>
    internal virtual bool NamesMustBeUnique => true;

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        try
        {
            var session = Unwrap(fakeBoundParameters?["Session"]) as OpenStackSession ?? SessionStore.Default;
            if (session == null || !session.IsConnected)
            {
                return Array.Empty<CompletionResult>();
            }

            var typed = wordToComplete ?? "";
            var quoted = typed.StartsWith("'", StringComparison.Ordinal)
                || typed.StartsWith("\"", StringComparison.Ordinal);
            var prefix = typed.Trim('\'', '"');
            var objects = Objects(session, commandName, parameterName, fakeBoundParameters ?? new Hashtable()).ToList();
            return CompletesIds ? Ids(objects, prefix, quoted) : Names(objects, prefix, quoted, NamesMustBeUnique);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nothing in the prompt: a completion that fails is a completion that offers nothing.
            return Array.Empty<CompletionResult>();
        }
    }

    private static IEnumerable<CompletionResult> Names(
        List<NamedObject> objects, string prefix, bool quoted, bool unique)
    {
        // A name shared by several objects, or no name at all, would be refused as a reference: offer the ids instead.
        var groups = objects.GroupBy(o => o.Name ?? "", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups)
        {
            if (group.Key.Length > 0 && (group.Count() == 1 || !unique))
            {
                if (group.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    var ids = string.Join(", ", group.Select(o => o.Id));
                    var tip = $"{group.Key} ({ids})";
                    var text = Quote(group.Key, quoted);
                    yield return new CompletionResult(text, group.Key, CompletionResultType.ParameterValue, tip);
                }

                continue;
            }

            if (!unique)
            {
                continue;   // objects without a name: -Name cannot find them
            }

            var nameMatches = group.Key.Length > 0 && group.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
            var matching = group.Where(o => nameMatches || o.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
            foreach (var o in matching)
            {
                yield return Id(o, quoted);
            }
        }
    }

    private static IEnumerable<CompletionResult> Ids(List<NamedObject> objects, string prefix, bool quoted) =>
        objects
            .Where(o => o.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                || (o.Name ?? "").StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(o => o.Name ?? "", StringComparer.OrdinalIgnoreCase)
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .Select(o => Id(o, quoted));

    private static CompletionResult Id(NamedObject o, bool quoted)
    {
        var shown = string.IsNullOrEmpty(o.Name) ? o.Id : $"{o.Name} ({o.Id})";
        return new(Quote(o.Id, quoted), shown, CompletionResultType.ParameterValue, shown);
    }

    /// <summary>
    /// The text as an argument: in single quotes (inner ones doubled) when it holds anything PowerShell would read
    /// otherwise.
    /// </summary>
    internal static string Quote(string text, bool alreadyQuoting)
    {
        var plain = text.Length > 0 && text[0] != '-'
            && text.All(c => char.IsLetterOrDigit(c)
                || c is '_' or '.' or '/' or ':' or '+' or '=' or '%' or '^' or '~' or '-');
        return plain && !alreadyQuoting ? text : "'" + CodeGeneration.EscapeSingleQuotedStringContent(text) + "'";
    }

    private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;
}
