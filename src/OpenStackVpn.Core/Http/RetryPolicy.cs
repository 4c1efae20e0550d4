using System;
using System.Globalization;
using System.Net;
using System.Net.Http;

namespace OpenStackVpn.Core.Http;

/// <summary>
/// When a failed request is sent again: idempotent requests (GET, PUT, DELETE) after a connection failure or a
/// 429, 502, 503 or 504; a POST only when it provably never reached the server, or on 429. Exponential backoff
/// with jitter, honouring Retry-After.
/// </summary>
public sealed class RetryPolicy
{
    private static readonly Random Jitter = new();

    /// <summary>How many times a request may be sent again; 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first pause; each later one doubles, up to <see cref="MaxDelay"/>.</summary>
    public Duration BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest pause, also the cap on a server's Retry-After.</summary>
    public Duration MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True for GET, PUT and DELETE: sending them twice does no more than sending them once.</summary>
    public static bool IsIdempotent(HttpMethod method) => method != HttpMethod.Post;

    /// <summary>True when a response with this status is worth sending again.</summary>
    public static bool IsTransient(HttpStatusCode status) => (int)status is 429 or 502 or 503 or 504;

    /// <summary>Whether to send again after <paramref name="attempt"/> retries, given what happened.</summary>
    public bool ShouldRetry(HttpMethod method, int attempt, HttpStatusCode? status, bool notSent)
    {
        if (attempt >= MaxRetries)
        {
            return false;
        }

        if (status is { } code)
        {
            // 429 means the server refused the request before doing anything with it.
            return IsTransient(code) && (IsIdempotent(method) || (int)code == 429);
        }

        return IsIdempotent(method) || notSent;
    }

    /// <summary>The pause before retry number <paramref name="attempt"/> + 1.</summary>
    public TimeSpan Delay(int attempt, string? retryAfter)
    {
        if (retryAfter != null)
        {
            if (int.TryParse(retryAfter, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                && seconds >= 0)
            {
                return Min(TimeSpan.FromSeconds(seconds), MaxDelay);
            }

            if (
                DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
                out var when))
            {
                var wait = when - DateTimeOffset.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : Min(wait, MaxDelay);
            }
        }

        TimeSpan first = BaseDelay;
        var exponential = Min(TimeSpan.FromMilliseconds(first.TotalMilliseconds * Math.Pow(2, attempt)), MaxDelay);
        double factor;
        lock (Jitter)
        {
            factor = 0.5 + (Jitter.NextDouble() / 2);
        }

        return TimeSpan.FromMilliseconds(exponential.TotalMilliseconds * factor);
    }

    /// <summary>The settings as a user reads them in the session's view, e.g. "3 retries, pauses from 0.5 s
    /// doubling up to 30 s".</summary>
    public override string ToString() => MaxRetries == 0
        ? "off (MaxRetries 0)"
        : string.Format(CultureInfo.InvariantCulture, "{0} {1}, pauses from {2:0.###} s doubling up to {3:0.###} s",
            MaxRetries, MaxRetries == 1 ? "retry" : "retries", BaseDelay.TotalSeconds, MaxDelay.TotalSeconds);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
