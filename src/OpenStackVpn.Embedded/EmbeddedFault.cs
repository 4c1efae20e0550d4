using System;

namespace OpenStackVpn.Embedded;

/// <summary>
/// A failure to inject into the next <see cref="Count"/> requests that match <see cref="Method"/> and <see
/// cref="PathContains"/>: an error status (<see cref="Status"/>), a lost connection (<see cref="DropConnection"/>), a
/// wait (<see cref="Delay"/>), a <c>Retry-After</c> header, or a combination; with <see cref="AfterHandling"/>
/// the request is processed first.
/// </summary>
public sealed class EmbeddedFault
{
    /// <summary>The HTTP method to match (GET, POST…); null matches any.</summary>
    public string? Method { get; set; }

    /// <summary>Text the request's path and query must contain, e.g.
    /// <c>/vpn/ipsec-site-connections</c>; null matches any.</summary>
    public string? PathContains { get; set; }

    /// <summary>How many matching requests fail; 1 by default.</summary>
    public int Count { get; set; } = 1;

    /// <summary>The HTTP status to answer with, e.g. 409, 500, 503.</summary>
    public int? Status { get; set; }

    /// <summary>The NeutronError <c>type</c> of the answer (a default follows from the status).</summary>
    public string? NeutronType { get; set; }

    /// <summary>The NeutronError <c>message</c> of the answer (a default follows from the status).</summary>
    public string? Message { get; set; }

    /// <summary>A body to send as it is instead of a NeutronError, e.g. a proxy's HTML error page.</summary>
    public string? RawBody { get; set; }

    /// <summary>The content type of <see cref="RawBody"/>; <c>text/html</c> by default.</summary>
    public string RawContentType { get; set; } = "text/html";

    /// <summary>A wait before the request is handled (the client's cancellation ends it early).</summary>
    public TimeSpan? Delay { get; set; }

    /// <summary>Reset the connection instead of answering: in process the client sees an HttpRequestException, over
    /// the socket a TCP reset.</summary>
    public bool DropConnection { get; set; }

    /// <summary>A <c>Retry-After</c> header value to add to the answer, e.g. "2".</summary>
    public string? RetryAfter { get; set; }

    /// <summary>Process the request (the change is made), then replace or drop the answer: "the request reached the
    /// server but the answer was lost".</summary>
    public bool AfterHandling { get; set; }

    internal EmbeddedFault Check()
    {
        if (Count < 1)
        {
            throw new ArgumentException($"A fault's Count must be at least 1; it is {Count}.", nameof(Count));
        }

        if (Status != null && DropConnection)
        {
            throw new ArgumentException("A fault either answers a Status or drops the connection, not both.",
                nameof(DropConnection));
        }

        if (Status is { } status && (status < 100 || status > 599))
        {
            throw new ArgumentException($"Status {status} is not an HTTP status.", nameof(Status));
        }

        if (RawBody != null && Status == null)
        {
            throw new ArgumentException("RawBody needs a Status to be sent with.", nameof(RawBody));
        }

        if (AfterHandling && Status == null && !DropConnection)
        {
            throw new ArgumentException("AfterHandling needs a Status or DropConnection to replace the answer with.",
                nameof(AfterHandling));
        }

        if (Status == null && !DropConnection && Delay == null && RetryAfter == null)
        {
            throw new ArgumentException("A fault needs at least one of Status, DropConnection, Delay or RetryAfter.",
                nameof(Status));
        }

        return this;
    }

    internal bool Matches(string method, string pathAndQuery) =>
        (Method == null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) &&
        (PathContains == null || pathAndQuery.IndexOf(PathContains, StringComparison.Ordinal) >= 0);
}
