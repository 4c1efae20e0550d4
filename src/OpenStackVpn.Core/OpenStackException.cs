using System;
using System.Net;

namespace OpenStackVpn;

/// <summary>What went wrong, in the terms a caller acts on; the cmdlets map it to an ErrorCategory.</summary>
public enum OpenStackErrorKind
{
    /// <summary>The settings or arguments are wrong; nothing was sent.</summary>
    InvalidArgument,
    /// <summary>The cloud configuration (clouds.yaml, OS_* variables) is missing or unreadable.</summary>
    Configuration,
    /// <summary>HTTP 400: the server refused the request.</summary>
    BadRequest,
    /// <summary>HTTP 401 or an expired token that cannot be renewed.</summary>
    Authentication,
    /// <summary>HTTP 403.</summary>
    PermissionDenied,
    /// <summary>HTTP 404.</summary>
    NotFound,
    /// <summary>HTTP 409: the resource is in use or in a conflicting state.</summary>
    Conflict,
    /// <summary>HTTP 413 or 429.</summary>
    LimitsExceeded,
    /// <summary>HTTP 5xx.</summary>
    ServerError,
    /// <summary>The server answered with something that is not the expected JSON.</summary>
    InvalidResponse,
    /// <summary>The server could not be reached.</summary>
    ConnectionFailed,
    /// <summary>No answer within the time limit.</summary>
    Timeout,
    /// <summary>The TLS certificate was not trusted.</summary>
    Tls,
}

/// <summary>Every failure the module reports: a kind, and where the server said anything, its own type,
/// message and request id.</summary>
public sealed class OpenStackException : Exception
{
    /// <summary>Creates an error.</summary>
    public OpenStackException(OpenStackErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>What went wrong.</summary>
    public OpenStackErrorKind Kind { get; }

    /// <summary>The HTTP status, when a server answered.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The server's error type, e.g. Neutron's <c>IPsecSiteConnectionNotFound</c>.</summary>
    public string? ServerErrorType { get; init; }

    /// <summary>The server's own message.</summary>
    public string? ServerMessage { get; init; }

    /// <summary>The <c>x-openstack-request-id</c> of the failed request.</summary>
    public string? RequestId { get; init; }

    /// <summary>The method and URL of the failed request.</summary>
    public string? Request { get; init; }

    /// <summary>The parameter at fault, for argument errors.</summary>
    public string? ParameterName { get; init; }

    /// <summary>The thing the error is about (an id, a file, a cloud name).</summary>
    public object? Target { get; init; }

    /// <summary>What the user can do about it.</summary>
    public string? RecommendedAction { get; init; }

    /// <summary>True when the request provably never reached the server (refused or unresolved), so even a
    /// create may be sent again.</summary>
    public bool RequestNotSent { get; init; }

    /// <summary>An error in an argument, found before anything was sent.</summary>
    public static OpenStackException Argument(string parameter, string message) =>
        new(OpenStackErrorKind.InvalidArgument, message) { ParameterName = parameter, Target = parameter };

    /// <summary>An error in the cloud configuration.</summary>
    public static OpenStackException Config(string message, object? target = null) =>
        new(OpenStackErrorKind.Configuration, message) { Target = target };
}
