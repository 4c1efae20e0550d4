using System;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace OpenStackVpn.Core.Http;

/// <summary>
/// What an exception from the HTTP stack means, on both runtimes. .NET (Core) wraps a <see cref="SocketException"/>
/// or an <see cref="AuthenticationException"/> in the <see cref="System.Net.Http.HttpRequestException"/>; .NET
/// Framework wraps a <see cref="WebException"/> whose <see cref="WebException.Status"/> says what failed, often with no
/// inner exception at all.
/// </summary>
internal sealed class TransportFailure
{
    private TransportFailure(bool isTls, bool isCertificate, bool notSent, string detail)
    {
        IsTls = isTls;
        IsCertificate = isCertificate;
        NotSent = notSent;
        Detail = detail;
    }

    /// <summary>The TLS handshake failed: an untrusted certificate or no protocol in common. Never
    /// worth sending again.</summary>
    public bool IsTls { get; }

    /// <summary>For a TLS failure: the server's certificate was refused (rather than the protocol versions).</summary>
    public bool IsCertificate { get; }

    /// <summary>The request provably never reached the server: the name did not resolve, or no
    /// connection was made.</summary>
    public bool NotSent { get; }

    /// <summary>The most telling message in the chain.</summary>
    public string Detail { get; }

    public static TransportFailure Of(Exception error)
    {
        var web = Find<WebException>(error);
        var socket = Find<SocketException>(error);
        var authentication = Find<AuthenticationException>(error);
        var detail = (authentication ?? (Exception?)socket ?? web ?? Innermost(error)).Message.Trim().TrimEnd('.');

        if (web != null)
        {
            switch (web.Status)
            {
                case WebExceptionStatus.TrustFailure:
                    return new TransportFailure(true, true, false, detail);
                case WebExceptionStatus.SecureChannelFailure:
                    return new TransportFailure(true, authentication != null && MentionsCertificate(authentication),
                        false, detail);
                case WebExceptionStatus.NameResolutionFailure or WebExceptionStatus.ProxyNameResolutionFailure:
                    return new TransportFailure(false, false, true, detail);
                case WebExceptionStatus.ConnectFailure:
                    // Raised while opening the TCP connection, before a byte of the request is written.
                    return new TransportFailure(false, false, true, detail);
            }
        }

        if (authentication != null)
        {
            return new TransportFailure(true,
                MentionsCertificate(authentication) || authentication.InnerException == null, false, detail);
        }

        var notSent = web == null && socket != null && socket.SocketErrorCode is
            SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData or
            SocketError.NetworkUnreachable or SocketError.HostUnreachable;
        return new TransportFailure(false, false, notSent, detail);
    }

    private static bool MentionsCertificate(Exception e)
    {
        for (var at = e; at != null; at = at.InnerException)
        {
            if (at.Message.IndexOf("certificate", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static T? Find<T>(Exception e)
        where T : Exception
    {
        for (var at = e; at != null; at = at.InnerException)
        {
            if (at is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException != null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
