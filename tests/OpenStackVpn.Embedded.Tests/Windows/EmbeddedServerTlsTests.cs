using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using OpenStackVpn.Embedded;
using Xunit;

namespace OpenStackVpn.Embedded.Tests.Windows;

/// <summary>The served cloud over HTTPS: which TLS versions it asks for, its certificate copy, and failed handshakes said.</summary>
public sealed class EmbeddedServerTlsTests
{
    [Fact]
    public void On_NET_Framework_TLS_12_is_named_since_None_is_refused_where_system_defaults_are_off()
    {
        Assert.Equal(SslProtocols.Tls12, EmbeddedServer.ServerProtocols(isNetFramework: true));
        Assert.Equal(SslProtocols.None, EmbeddedServer.ServerProtocols(isNetFramework: false));
    }

    [Fact]
    public void The_server_keeps_its_own_imported_copy_of_an_in_memory_key()
    {
        using var certificate = LoopbackCertificate();
        using var copy = EmbeddedServer.Servable(certificate);
        Assert.NotSame(certificate, copy);
        Assert.True(copy.HasPrivateKey);
        Assert.Equal(certificate.Thumbprint, copy.Thumbprint);
    }

    [Fact]
    public void A_certificate_without_its_key_is_refused_before_listening()
    {
        using var certificate = LoopbackCertificate();
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
        var e = Assert.Throws<ArgumentException>(() => EmbeddedServer.Start(new EmbeddedCloud(), 0, publicOnly));
        Assert.Equal("certificate", e.ParamName);
        Assert.Contains("no private key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TLS_12_client_is_served()
    {
        using var certificate = LoopbackCertificate();
        using var server = EmbeddedServer.Start(new EmbeddedCloud(), 0, certificate);
        using var handler = new HttpClientHandler { SslProtocols = SslProtocols.Tls12, ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.Thumbprint == certificate.Thumbprint };
        using var client = new HttpClient(handler);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(server.BaseUri, "network/"))).StatusCode);
        Assert.Empty(server.ConnectionErrors);
    }

    [Fact]
    public async Task A_handshake_the_client_refuses_is_reported_not_silently_closed()
    {
        using var certificate = LoopbackCertificate();
        using var server = EmbeddedServer.Start(new EmbeddedCloud(), 0, certificate);
        using var client = new HttpClient(); // does not trust the self-signed certificate
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(server.BaseUri, "network/")));
        for (var i = 0; i < 50 && server.ConnectionErrors.Count == 0; i++)
        {
            await Task.Delay(100);
        }

        var error = Assert.Single(server.ConnectionErrors);
        Assert.Contains(server.BaseUri.ToString(), error, StringComparison.Ordinal);
        Assert.Contains("TLS", error, StringComparison.Ordinal);
    }

    /// <summary>A self-signed certificate for 127.0.0.1 whose key lives in memory only, as CopyWithPrivateKey makes it.</summary>
    internal static X509Certificate2 LoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var now = DateTimeOffset.UtcNow;
        using var unsigned = request.CreateSelfSigned(now.AddHours(-1), now.AddHours(2));
        using var publicOnly = X509CertificateLoader.LoadCertificate(unsigned.Export(X509ContentType.Cert));
        return publicOnly.CopyWithPrivateKey(key);
    }
}
