using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core.Http;
using Xunit;

namespace OpenStackVpn.Core.Tests.Windows;

/// <summary>The handler and client settings that matter on .NET Framework, checked on the objects themselves.</summary>
public sealed class ClientHandlerTests
{
    [Fact]
    public void The_default_handler_carries_its_own_check_so_no_process_wide_callback_is_consulted()
    {
        using var handler = ClientHandler.Create(null, false);
        var check = handler.ServerCertificateCustomValidationCallback;
        Assert.NotNull(check);
        Assert.True(check!(new HttpRequestMessage(), null, null, SslPolicyErrors.None));
        Assert.False(check(new HttpRequestMessage(), null, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(check(new HttpRequestMessage(), null, null, SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(check(new HttpRequestMessage(), null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    [Fact]
    public void Skipping_the_check_accepts_any_certificate()
    {
        using var handler = ClientHandler.Create(null, true);
        Assert.True(handler.ServerCertificateCustomValidationCallback!(new HttpRequestMessage(), null, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void A_CA_bundle_never_forgives_a_name_mismatch()
    {
        var check = ClientHandler.Validator(new List<System.Security.Cryptography.X509Certificates.X509Certificate2>(), false);
        Assert.False(check(new HttpRequestMessage(), null, null, SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.True(check(new HttpRequestMessage(), null, null, SslPolicyErrors.None));
    }

    [Fact]
    public void More_than_two_connections_per_server_and_no_redirects()
    {
        using var handler = ClientHandler.Create(null, false);
        Assert.Equal(ClientHandler.MaxConnectionsPerServer, handler.MaxConnectionsPerServer);
        Assert.True(handler.MaxConnectionsPerServer > 2);
        Assert.False(handler.AllowAutoRedirect);
    }

    [Fact]
    public async Task Requests_with_a_body_never_ask_for_100_continue()
    {
        var seen = new List<bool?>();
        using var transport = new HttpTransport(new Recorder(seen), TimeSpan.FromSeconds(5));
        await transport.SendAsync(HttpMethod.Post, new Uri("http://127.0.0.1:9/v2.0/x"), "{}", null, NullLogSink.Instance, CancellationToken.None);
        await transport.SendAsync(HttpMethod.Put, new Uri("http://127.0.0.1:9/v2.0/x"), "{}", null, NullLogSink.Instance, CancellationToken.None);
        Assert.Equal(new bool?[] { false, false }, seen);
    }

    [Theory]
    [InlineData(0, 0)] // SystemDefault: the OS offers what it supports; pinning it would turn TLS 1.3 off.
    [InlineData(48 | 192, 48 | 192 | 3072 | 12288)] // Ssl3 | Tls, an old host's default: kept, with 1.2 and 1.3 added.
    [InlineData(3072, 3072 | 12288)]
    [InlineData(768, 768 | 3072 | 12288)] // another module's Tls11 stays.
    public void The_protocols_are_widened_never_replaced(int current, int widened) =>
        Assert.Equal((SecurityProtocolType)widened, TlsProtocols.Widen((SecurityProtocolType)current, tls13Defined: true));

    [Fact]
    public void TLS_13_is_added_only_where_the_enum_has_it() =>
        Assert.Equal((SecurityProtocolType)(192 | 3072), TlsProtocols.Widen((SecurityProtocolType)192, tls13Defined: false));

    [Fact]
    public void On_NET_Framework_the_setting_is_widened_once_and_left_alone_after()
    {
        var value = (SecurityProtocolType)(48 | 192);
        var writes = 0;
        TlsProtocols.Enable(true, () => value, v => { value = v; writes++; });
        TlsProtocols.Enable(true, () => value, v => { value = v; writes++; });
        Assert.Equal(1, writes);
        Assert.True(value.HasFlag((SecurityProtocolType)3072));
        Assert.True(value.HasFlag((SecurityProtocolType)48), "another setting was dropped");
    }

    [Fact]
    public void On_NET_the_setting_is_not_touched()
    {
        var writes = 0;
        TlsProtocols.Enable(false, () => (SecurityProtocolType)192, _ => writes++);
        Assert.Equal(0, writes);
        Assert.False(TlsProtocols.IsNetFramework); // this test process runs on .NET
    }

    [Theory]
    [InlineData(429, "HTTP 429 Too Many Requests")]
    [InlineData(302, "HTTP 302 Found")] // HttpStatusCode names 302 both Found and Redirect
    [InlineData(303, "HTTP 303 See Other")] // ... and 303 both SeeOther and RedirectMethod
    [InlineData(413, "HTTP 413 Content Too Large")]
    [InlineData(503, "HTTP 503 Service Unavailable")]
    [InlineData(499, "HTTP 499")] // no standard phrase, and no "499 499" as .NET Framework's enum gave for 429
    public void Reason_phrases_come_from_a_table_not_the_runtime_enum(int status, string expected) =>
        Assert.Equal(expected, ReasonPhrases.Describe((HttpStatusCode)status));

    [Fact]
    public void A_bodiless_429_error_names_the_status_once_with_its_phrase()
    {
        var e = ErrorParser.FromResponse(new ApiResponse("POST http://n/v2.0/vpn/ikepolicies", (HttpStatusCode)429, "", null, null, null));
        Assert.Contains("answered HTTP 429 Too Many Requests to POST", e.Message, StringComparison.Ordinal);
    }

    private sealed class Recorder(List<bool?> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.Headers.ExpectContinue);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent) { Content = new StringContent("") });
        }
    }
}
