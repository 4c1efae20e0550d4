using System;
using System.IO;
using System.Net;

namespace OpenStackVpn.Core.Http;

/// <summary>A server's answer: read whole, or (a list asked to stream) a success whose body is still to be read from
/// <see cref="Content"/>.</summary>
internal sealed class ApiResponse : IDisposable
{
    private readonly IDisposable? _owner;

    public ApiResponse(string request, HttpStatusCode status, string body, string? requestId, string? subjectToken,
        string? retryAfter)
        : this(request, status, body, requestId, subjectToken, retryAfter, null, null)
    {
    }

    private ApiResponse(string request, HttpStatusCode status, string body, string? requestId, string? subjectToken,
        string? retryAfter, Stream? content, IDisposable? owner)
    {
        Request = request;
        Status = status;
        Body = body;
        RequestId = requestId;
        SubjectToken = subjectToken;
        RetryAfter = retryAfter;
        Content = content;
        _owner = owner;
    }

    /// <summary>A success whose body is read from <paramref name="content"/>; disposing the answer disposes <paramref
    /// name="owner"/> (the HTTP response).</summary>
    public static ApiResponse Streamed(string request, HttpStatusCode status, string? requestId, Stream content,
        IDisposable owner) =>
        new(request, status, "", requestId, null, null, content, owner);

    /// <summary>Method and URL, for messages.</summary>
    public string Request { get; }

    public HttpStatusCode Status { get; }

    /// <summary>The body, when it was read whole (always for a failure); empty when it streams from
    /// <see cref="Content"/>.</summary>
    public string Body { get; }

    /// <summary>The body still to be read, or null when <see cref="Body"/> holds it.</summary>
    public Stream? Content { get; }

    public string? RequestId { get; }

    /// <summary>Keystone's X-Subject-Token: the token a token request issued.</summary>
    public string? SubjectToken { get; }

    public string? RetryAfter { get; }

    public bool IsSuccess => (int)Status >= 200 && (int)Status < 300;

    /// <summary>Ends the reading of a streamed body (and frees its connection); aborts a read in
    /// progress on another thread.</summary>
    public void Dispose() => _owner?.Dispose();
}
