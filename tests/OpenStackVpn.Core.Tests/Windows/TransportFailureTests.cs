using System;
using System.ComponentModel;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core.Http;
using Xunit;

namespace OpenStackVpn.Core.Tests.Windows;

/// <summary>
/// Failures as each runtime's HTTP stack raises them. The .NET Framework chains are built by hand in the shape its
/// HttpClientHandler gives (HttpRequestException > WebException with a Status > sometimes an inner exception), since no
/// .NET Framework runs here.
/// </summary>
public sealed class TransportFailureTests
{
    private const string SendFailed = "An error occurred while sending the request.";

    private static HttpRequestException NetFramework(WebExceptionStatus status, string message, Exception? inner = null) =>
        new(SendFailed, new WebException(message, inner, status, null));

    public static TheoryData<string, Exception, OpenStackErrorKind, bool> Chains() => new()
    {
        {
            "netfx untrusted certificate", NetFramework(WebExceptionStatus.TrustFailure,
                "The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.",
                new AuthenticationException("The remote certificate is invalid according to the validation procedure.")),
            OpenStackErrorKind.Tls, false
        },
        {
            "netfx no common TLS version", NetFramework(WebExceptionStatus.SecureChannelFailure,
                "The request was aborted: Could not create SSL/TLS secure channel."),
            OpenStackErrorKind.Tls, false
        },
        {
            "netfx unresolvable host", NetFramework(WebExceptionStatus.NameResolutionFailure,
                "The remote name could not be resolved: 'keystone.invalid'"),
            OpenStackErrorKind.ConnectionFailed, true
        },
        {
            "netfx refused connection", NetFramework(WebExceptionStatus.ConnectFailure, "Unable to connect to the remote server",
                new SocketException((int)SocketError.ConnectionRefused)),
            OpenStackErrorKind.ConnectionFailed, true
        },
        {
            "netfx reset after sending", NetFramework(WebExceptionStatus.ReceiveFailure,
                "The underlying connection was closed: An unexpected error occurred on a receive.",
                new IOException("Unable to read data from the transport connection.", new SocketException((int)SocketError.ConnectionReset))),
            OpenStackErrorKind.ConnectionFailed, false
        },
        {
            "netfx keep-alive closed", NetFramework(WebExceptionStatus.KeepAliveFailure,
                "The underlying connection was closed: A connection that was expected to be kept alive was closed by the server."),
            OpenStackErrorKind.ConnectionFailed, false
        },
        {
            "core untrusted certificate", new HttpRequestException("The SSL connection could not be established, see inner exception.",
                new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot")),
            OpenStackErrorKind.Tls, false
        },
        {
            "core unresolvable host", new HttpRequestException("Name or service not known (keystone.invalid:5000)",
                new SocketException((int)SocketError.HostNotFound)),
            OpenStackErrorKind.ConnectionFailed, true
        },
        {
            "core reset", new HttpRequestException("An error occurred while sending the request.",
                new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset))),
            OpenStackErrorKind.ConnectionFailed, false
        },
    };

    [Theory]
    [MemberData(nameof(Chains))]
    public async Task Each_chain_is_classified_by_what_failed_and_whether_the_request_left(string what, Exception chain, OpenStackErrorKind kind, bool notSent)
    {
        var e = await FailWith(chain, HttpMethod.Post);
        Assert.True(kind == e.Kind, $"{what}: {e.Kind}");
        Assert.True(notSent == e.RequestNotSent, $"{what}: RequestNotSent {e.RequestNotSent}");
        Assert.Same(chain, e.InnerException);
    }

    [Fact]
    public async Task A_netfx_certificate_failure_says_how_to_trust_the_CA_not_to_check_the_URL()
    {
        var e = await FailWith(NetFramework(WebExceptionStatus.TrustFailure, "Could not establish trust relationship for the SSL/TLS secure channel.",
            new AuthenticationException("The remote certificate is invalid according to the validation procedure.")), HttpMethod.Get);
        Assert.Contains("TLS certificate is not trusted (The remote certificate is invalid according to the validation procedure)", e.Message, StringComparison.Ordinal);
        Assert.Contains("-CACertificatePath", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Check that the URL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_netfx_handshake_without_a_common_version_is_not_called_a_certificate_problem()
    {
        var e = await FailWith(NetFramework(WebExceptionStatus.SecureChannelFailure, "The request was aborted: Could not create SSL/TLS secure channel.",
            new Win32Exception(unchecked((int)0x80090331), "The client and server cannot communicate, because they do not possess a common algorithm")), HttpMethod.Get);
        Assert.Contains("TLS handshake failed", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("certificate is not trusted", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_netfx_unresolvable_host_names_the_host_and_a_create_may_be_sent_again()
    {
        var e = await FailWith(NetFramework(WebExceptionStatus.NameResolutionFailure, "The remote name could not be resolved: 'keystone.invalid'"), HttpMethod.Post);
        Assert.Contains("'keystone.invalid'", e.Message, StringComparison.Ordinal);
        Assert.True(new RetryPolicy().ShouldRetry(HttpMethod.Post, 0, null, e.RequestNotSent));
    }

    [Fact]
    public async Task A_bare_WebException_is_classified_as_well()
    {
        var e = await FailWith(new WebException("The remote name could not be resolved: 'x.invalid'", WebExceptionStatus.NameResolutionFailure), HttpMethod.Get);
        Assert.Equal(OpenStackErrorKind.ConnectionFailed, e.Kind);
        Assert.True(e.RequestNotSent);
    }

    private static async Task<OpenStackException> FailWith(Exception chain, HttpMethod method)
    {
        using var transport = new HttpTransport(new ThrowingHandler(chain), TimeSpan.FromSeconds(5));
        return await Assert.ThrowsAsync<OpenStackException>(() =>
            transport.SendAsync(method, new Uri("https://keystone.invalid:5000/v3/auth/tokens"), method == HttpMethod.Post ? "{}" : null, null, NullLogSink.Instance, CancellationToken.None));
    }

    private sealed class ThrowingHandler(Exception error) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(error);
    }
}
