using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Http;

namespace OpenStackVpn.Core.Resources;

/// <summary>An object as tab completion offers it: its id, its name and, for endpoint groups, its type.</summary>
public sealed class NamedObject
{
    internal NamedObject(string id, string? name, string? type)
    {
        Id = id;
        Name = name;
        Type = type;
    }

    /// <summary>The id.</summary>
    public string Id { get; }

    /// <summary>The name; may be empty.</summary>
    public string? Name { get; }

    /// <summary>The endpoint type of an endpoint group (subnet, cidr, ...); null for other resources.</summary>
    public string? Type { get; }
}

/// <summary>
/// The ids and names of one resource's objects, for tab completion: one request (no retry), answers kept for a few
/// seconds, and never a wait longer than the caller's limit. A request still running when the limit passes goes on
/// in the background and fills the cache, so the next Tab gets its answer without sending another.
/// </summary>
public static class NameLookup
{
    private static readonly ConcurrentDictionary<string, (DateTimeOffset At, Task<IReadOnlyList<NamedObject>> Answer)>
        Cache = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<OpenStackSession, string> SessionKeys = new();

    /// <summary>How long an answer is reused.</summary>
    public static TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The objects, or nothing when the cloud fails or does not answer within <paramref name="limit"/>.
    /// </summary>
    public static IReadOnlyList<NamedObject> Find(OpenStackSession session, ResourceKind kind, TimeSpan limit)
    {
        var typed = kind.Fields.Any(f => f.Path == "type");
        var path = kind.Path + "?fields=id&fields=name" + (typed ? "&fields=type" : "");
        var key = SessionKeys.GetValue(session, _ => Guid.NewGuid().ToString("N")) + " " + path;
        var now = DateTimeOffset.UtcNow;
        var entry = Cache.AddOrUpdate(
            key,
            _ => (now, FetchAsync(session, kind, path)),
            (_, old) => now - old.At < CacheFor && !old.Answer.IsFaulted && !old.Answer.IsCanceled
                ? old
                : (now, FetchAsync(session, kind, path)));
        try
        {
            return entry.Answer.Wait(limit) ? entry.Answer.Result : Array.Empty<NamedObject>();
        }
        catch (AggregateException)
        {
            return Array.Empty<NamedObject>();
        }
    }

    /// <summary>Forgets every answer (for tests, and after objects were removed).</summary>
    public static void Clear() => Cache.Clear();

    private static async Task<IReadOnlyList<NamedObject>> FetchAsync(
        OpenStackSession session, ResourceKind kind, string path)
    {
        // The session's own time limit still applies; this one only ends a request nobody waits for any more.
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await session
            .SendAsync(HttpMethod.Get, path, null, NullLogSink.Instance, giveUp.Token, once: true)
            .ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ErrorParser.FromResponse(response);
        }

        var items = (JToken.Parse(response.Body) as JObject)?[kind.Plural] as JArray ?? new JArray();
        return items.OfType<JObject>()
            .Where(o => o.Value<string>("id") != null)
            .Select(o => new NamedObject(o.Value<string>("id")!, o.Value<string>("name"), o.Value<string>("type")))
            .ToList();
    }
}
