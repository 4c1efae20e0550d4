using System.Net;

namespace OpenStackVpn.Core.Http;

/// <summary>A server's answer, read whole.</summary>
internal sealed class ApiResponse
{
    public ApiResponse(string request, HttpStatusCode status, string body, string? requestId, string? subjectToken, string? retryAfter)
    {
        Request = request;
        Status = status;
        Body = body;
        RequestId = requestId;
        SubjectToken = subjectToken;
        RetryAfter = retryAfter;
    }

    /// <summary>Method and URL, for messages.</summary>
    public string Request { get; }

    public HttpStatusCode Status { get; }

    public string Body { get; }

    public string? RequestId { get; }

    /// <summary>Keystone's X-Subject-Token: the token a token request issued.</summary>
    public string? SubjectToken { get; }

    public string? RetryAfter { get; }

    public bool IsSuccess => (int)Status >= 200 && (int)Status < 300;
}
