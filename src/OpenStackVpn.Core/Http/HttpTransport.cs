using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStackVpn.Core.Http;

/// <summary>Sends requests with a time limit, logs each in one redacted line, and turns transport failures into OpenStackExceptions.</summary>
internal sealed class HttpTransport : IDisposable
{
    private readonly HttpClient _client;

    public HttpTransport(HttpMessageHandler handler, TimeSpan timeout)
    {
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("OpenStackVpn/" + typeof(HttpTransport).Assembly.GetName().Version?.ToString(3));
        Timeout = timeout;
    }

    /// <summary>The time limit of one request.</summary>
    public TimeSpan Timeout { get; set; }

    /// <summary>A handler that verifies certificates as the settings ask: system trust, a CA bundle, or not at all.</summary>
    public static HttpMessageHandler CreateHandler(string? caCertificatePath, bool skipCertificateCheck)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false };
        if (skipCertificateCheck)
        {
            handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
        }
        else if (caCertificatePath != null)
        {
            var authorities = ReadPemBundle(caCertificatePath);
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                IsTrusted(certificate, errors, authorities);
        }

        return handler;
    }

    public async Task<ApiResponse> SendAsync(
        HttpMethod method,
        Uri url,
        string? jsonBody,
        IReadOnlyDictionary<string, string>? headers,
        ILogSink log,
        CancellationToken cancel)
    {
        var description = $"{method} {url}";
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd("application/json");
        if (headers != null)
        {
            foreach (var header in headers)
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        request.Content = SingleSendContent.For(method, jsonBody); // writes only ever resent by the retry loop: see there
        if (jsonBody != null)
        {
            log.Debug($"{description} request body: {Redactor.RedactBody(jsonBody)}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(Timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var body = response.Content == null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var requestId = First(response, "X-OpenStack-Request-Id") ?? First(response, "X-Compute-Request-Id");
            log.Verbose($"{description} -> {(int)response.StatusCode} {response.ReasonPhrase} ({clock.ElapsedMilliseconds} ms{(requestId == null ? "" : ", " + requestId)})");
            log.Debug($"{description} response body: {Redactor.RedactBody(body)}");
            return new ApiResponse(description, response.StatusCode, body, requestId, First(response, "X-Subject-Token"), First(response, "Retry-After"));
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            log.Verbose($"{description} -> no answer within {Timeout.TotalSeconds:0.###} s");
            throw new OpenStackException(OpenStackErrorKind.Timeout, $"{description} got no answer within the time limit of {Timeout.TotalSeconds:0.###} s. Raise it with -TimeoutSec if the cloud is slow.")
            {
                Request = description,
                Target = url.ToString(),
            };
        }
        catch (HttpRequestException e)
        {
            var tls = Innermost(e) is AuthenticationException || e.InnerException is AuthenticationException;
            var notSent = Innermost(e) is System.Net.Sockets.SocketException socket && socket.SocketErrorCode is
                System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostNotFound or
                System.Net.Sockets.SocketError.TryAgain or System.Net.Sockets.SocketError.NetworkUnreachable or System.Net.Sockets.SocketError.HostUnreachable;
            log.Verbose($"{description} -> failed: {Innermost(e).Message}");
            throw new OpenStackException(
                tls ? OpenStackErrorKind.Tls : OpenStackErrorKind.ConnectionFailed,
                tls
                    ? $"{description} failed: the server's TLS certificate is not trusted ({Innermost(e).Message}). Give the CA with -CACertificatePath (or cacert / OS_CACERT), or -SkipCertificateCheck for a test cloud."
                    : $"{description} failed: {Innermost(e).Message}. Check that the URL is right and the service is running.",
                e)
            {
                Request = description,
                Target = url.ToString(),
                RequestNotSent = notSent,
            };
        }
    }

    public void Dispose() => _client.Dispose();

    private static string? First(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException != null)
        {
            e = e.InnerException;
        }

        return e;
    }

    private static List<X509Certificate2> ReadPemBundle(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw OpenStackException.Config($"The CA bundle '{path}' cannot be read: {e.Message}", path);
        }

        const string begin = "-----BEGIN CERTIFICATE-----";
        const string end = "-----END CERTIFICATE-----";
        var certificates = new List<X509Certificate2>();
        var at = text.IndexOf(begin, StringComparison.Ordinal);
        while (at >= 0)
        {
            var stop = text.IndexOf(end, at, StringComparison.Ordinal);
            if (stop < 0)
            {
                break;
            }

            var base64 = text.Substring(at + begin.Length, stop - at - begin.Length);
            try
            {
                certificates.Add(new X509Certificate2(Convert.FromBase64String(string.Concat(base64.Where(c => !char.IsWhiteSpace(c))))));
            }
            catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
            {
                throw OpenStackException.Config($"The CA bundle '{path}' holds a certificate that cannot be read: {e.Message}", path);
            }

            at = text.IndexOf(begin, stop, StringComparison.Ordinal);
        }

        if (certificates.Count == 0)
        {
            throw OpenStackException.Config($"The CA bundle '{path}' holds no PEM certificate.", path);
        }

        return certificates;
    }

    private static bool IsTrusted(X509Certificate2? certificate, SslPolicyErrors errors, List<X509Certificate2> authorities)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate == null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false; // A name mismatch is never forgiven.
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        chain.ChainPolicy.ExtraStore.AddRange(authorities.ToArray());
        if (!chain.Build(certificate))
        {
            return false;
        }

        var root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
        return authorities.Any(a => a.Thumbprint == root.Thumbprint);
    }
}
