using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Peer;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Core.Pair;

/// <summary>
/// What a site pair has made so far, and how to unmake it: each create is noted (with how to delete it) the moment it
/// exists, a create whose answer was lost is found by its name, and a rollback removes them newest first.
/// </summary>
internal static class PairLedger
{
    // Removes what was made, newest first (connections before what they use), whatever Ctrl+C said; returns a sentence.
    internal static async Task<string> RollBackAsync(List<(string What, Func<Task> Delete)> made)
    {
        if (made.Count == 0)
        {
            return "Nothing had been created.";
        }

        var removed = new List<string>();
        var left = new List<string>();
        foreach (var (what, delete) in Enumerable.Reverse(made))
        {
            try
            {
                await delete().ConfigureAwait(false);
                removed.Add(what);
            }
            catch (OpenStackException e)
            {
                left.Add($"{what}: {e.Message}");
            }
        }

        var text = removed.Count == 0 ? "" : $"Removed again: {string.Join("; ", removed)}.";
        return left.Count == 0 ? text : $"{text} NOT removed, remove by hand: {string.Join("; ", left)}.";
    }

    // A refused policy setting names the parameter that gave it, and the field.
    internal static async Task<ResourceChange<T>> PrepareAsync<T>(SitePairEnd end, ResourceKind<T> kind,
        FieldValues values,
        ILogSink log, CancellationToken cancel, string? parameter = null)
        where T : NeutronResource
    {
        try
        {
            return await ResourceClient.PrepareCreateAsync(end.Session, kind, values, log, cancel)
                .ConfigureAwait(false);
        }
        catch (OpenStackException e) when (parameter != null && e.Kind == OpenStackErrorKind.InvalidArgument)
        {
            throw OpenStackException.Argument(parameter, $"{e.ParameterName ?? "a field"}: {e.Message}");
        }
    }

    // Creates one object and notes how to remove it again, before anything else can fail. When the create fails, an
    // object of that name that was not there before is one whose answer was lost: it is noted for removal too.
    internal static async Task<T> CreateAsync<T>(SitePairEnd end, ResourceKind<T> kind, FieldValues values,
        List<(string What, Func<Task> Delete)> made, ILogSink log, CancellationToken cancel)
        where T : NeutronResource
    {
        var change = await PrepareAsync(end, kind, values, log, cancel).ConfigureAwait(false);
        var before = await NamedAsync(end, kind, change.Name!, log, cancel).ConfigureAwait(false);
        try
        {
            var created = await ResourceClient.CreateAsync(end.Session, change, log, cancel).ConfigureAwait(false);
            Note(made, end, kind, created, log);
            return created;
        }
        catch (OpenStackException)
        {
            foreach (var lost in await NamedAsync(end, kind, change.Name!, log, CancellationToken.None)
                .ConfigureAwait(false))
            {
                if (!before.Any(b => b.Id == lost.Id))
                {
                    Note(made, end, kind, lost, log);
                }
            }

            throw;
        }
    }

    internal static Task<List<T>> NamedAsync<T>(SitePairEnd end, ResourceKind<T> kind, string name, ILogSink log,
        CancellationToken cancel)
        where T : NeutronResource =>
        ResourceClient.ListAllAsync(end.Session, kind, new ListQuery().Where("name", name), log, cancel);

    internal static void Note<T>(List<(string What, Func<Task> Delete)> made, SitePairEnd end, ResourceKind<T> kind,
        T item,
        ILogSink log)
        where T : NeutronResource
    {
        item.ForgetSecrets();
        made.Add(($"{kind.DisplayName} '{item.Name}' ({item.Id}) on {end.Label}",
            () => ResourceClient.DeleteAsync(end.Session, kind, item.Id, log, CancellationToken.None)));
    }
}
