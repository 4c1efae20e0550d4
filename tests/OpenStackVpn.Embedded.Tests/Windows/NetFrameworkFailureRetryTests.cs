using System;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core;
using OpenStackVpn.Core.Config;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Resources;
using Xunit;

namespace OpenStackVpn.Embedded.Tests.Windows;

/// <summary>
/// What a session does with failures in .NET Framework's shape (HttpRequestException > WebException with a Status):
/// Keystone is the embedded one; every request to Neutron fails with the given chain, and the attempts are counted.
/// </summary>
public sealed class NetFrameworkFailureRetryTests
{
    private static HttpRequestException Chain(WebExceptionStatus status, string message, Exception? inner = null) =>
        new("An error occurred while sending the request.", new WebException(message, inner, status, null));

    [Fact]
    public async Task An_untrusted_certificate_is_a_TLS_error_and_is_not_sent_again()
    {
        var (attempts, error) = await Run(HttpMethod.Get, Chain(WebExceptionStatus.TrustFailure,
            "The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.",
            new AuthenticationException("The remote certificate is invalid according to the validation procedure.")));
        Assert.Equal(1, attempts);
        Assert.Equal(OpenStackErrorKind.Tls, error.Kind);
    }

    [Fact]
    public async Task A_create_to_an_unresolvable_host_never_reached_it_so_it_is_sent_again_and_not_called_uncertain()
    {
        var (attempts, error) = await Run(HttpMethod.Post, Chain(WebExceptionStatus.NameResolutionFailure, "The remote name could not be resolved: 'neutron.invalid'"));
        Assert.Equal(3, attempts); // the first try and MaxRetries = 2
        Assert.Equal(OpenStackErrorKind.ConnectionFailed, error.Kind);
        Assert.DoesNotContain("may or may not have happened", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_not_sent_again_and_says_it_may_have_happened()
    {
        var (attempts, error) = await Run(HttpMethod.Post, Chain(WebExceptionStatus.ReceiveFailure, "The underlying connection was closed: An unexpected error occurred on a receive."));
        Assert.Equal(1, attempts);
        Assert.Contains("may or may not have happened", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_whose_answer_was_lost_is_sent_again()
    {
        var (attempts, _) = await Run(HttpMethod.Get, Chain(WebExceptionStatus.ReceiveFailure, "The underlying connection was closed: An unexpected error occurred on a receive."));
        Assert.Equal(3, attempts);
    }

    private static async Task<(int Attempts, OpenStackException Error)> Run(HttpMethod method, Exception chain)
    {
        var cloud = new EmbeddedCloud();
        var failing = new FailingNeutron(chain) { InnerHandler = cloud.CreateHandler() };
        var settings = new ConnectionSettings { AuthUrl = cloud.AuthUrl, Method = AuthMethod.Password, UserName = "admin", Password = Secrets.ToSecure("adminpass"), ProjectName = "admin" };
        using var session = await OpenStackSession.ConnectAsync(settings, failing, NullLogSink.Instance, CancellationToken.None);
        session.Retry.MaxRetries = 2;
        session.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        var error = await Assert.ThrowsAsync<OpenStackException>(() => method == HttpMethod.Post
            ? CreateIkePolicy(session)
            : ResourceClient.GetAsync(session, VpnResources.IkePolicy, Guid.NewGuid().ToString(), null, NullLogSink.Instance, CancellationToken.None));
        return (failing.Attempts, error);
    }

    private static async Task CreateIkePolicy(OpenStackSession session)
    {
        var create = await ResourceClient.PrepareCreateAsync(session, VpnResources.IkePolicy, new FieldValues().Set("name", "ike"), NullLogSink.Instance, CancellationToken.None);
        await ResourceClient.CreateAsync(session, create, NullLogSink.Instance, CancellationToken.None);
    }

    private sealed class FailingNeutron(Exception chain) : DelegatingHandler
    {
        private int _attempts;

        public int Attempts => _attempts;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.StartsWith("/network/", StringComparison.Ordinal))
            {
                return base.SendAsync(request, cancellationToken);
            }

            Interlocked.Increment(ref _attempts);
            return Task.FromException<HttpResponseMessage>(chain);
        }
    }
}
