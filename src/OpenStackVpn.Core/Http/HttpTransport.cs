using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStackVpn.Core.Http;

/// <summary>Sends requests with a time limit, logs each in one redacted line, and turns transport failures into
/// OpenStackExceptions.</summary>
internal sealed class HttpTransport : IDisposable
{
    private readonly HttpClient _client;

    public HttpTransport(HttpMessageHandler handler, TimeSpan timeout)
    {
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.ExpectContinue = false; // .NET Framework would wait for a 100 before each body.
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("OpenStackVpn/"
            + typeof(HttpTransport).Assembly.GetName().Version?.ToString(3));
        Timeout = timeout;
    }

    /// <summary>The time limit of one request.</summary>
    public TimeSpan Timeout { get; set; }

    /// <summary>A handler that verifies certificates as the settings ask: system trust, a CA
    /// bundle, or not at all.</summary>
    public static HttpMessageHandler CreateHandler(string? caCertificatePath, bool skipCertificateCheck) =>
        ClientHandler.Create(caCertificatePath, skipCertificateCheck);

    public Task<ApiResponse> SendAsync(
        HttpMethod method,
        Uri url,
        string? jsonBody,
        IReadOnlyDictionary<string, string>? headers,
        ILogSink log,
        CancellationToken cancel) =>
        SendAsync(method, url, jsonBody, headers, false, log, cancel);

    /// <summary>
    /// Sends a GET whose successful answer is handed back unread, as <see cref="ApiResponse.Content"/>, once its
    /// headers are in (unless Debug wants the whole body logged). The time limit then covers the headers, and
    /// each read of the body on its own.
    /// </summary>
    public Task<ApiResponse> SendForStreamAsync(Uri url, IReadOnlyDictionary<string, string>? headers, ILogSink log,
        CancellationToken cancel) =>
        SendAsync(HttpMethod.Get, url, null, headers, !log.IsDebugEnabled, log, cancel);

    private async Task<ApiResponse> SendAsync(
        HttpMethod method,
        Uri url,
        string? jsonBody,
        IReadOnlyDictionary<string, string>? headers,
        bool streamBody,
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

        request.Content = SingleSendContent.For(method, jsonBody); // only the retry loop resends a write
        if (jsonBody != null)
        {
            if (log.IsDebugEnabled)
            {
                log.Debug($"{description} request body: {Redactor.RedactBody(jsonBody)}");
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(Timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            var completion = streamBody ? HttpCompletionOption.ResponseHeadersRead
                : HttpCompletionOption.ResponseContentRead;
            var response = await _client.SendAsync(request, completion, timeout.Token).ConfigureAwait(false);
            var handedOver = false;
            try
            {
                var requestId = First(response, "X-OpenStack-Request-Id") ?? First(response, "X-Compute-Request-Id");
                var status = (int)response.StatusCode;
                if (streamBody && status >= 200 && status < 300 && response.Content != null)
                {
                    log.Verbose(
                        $"{description} -> {status} {response.ReasonPhrase} ({clock.ElapsedMilliseconds} " +
                        $"ms{(requestId == null ? "" : ", " + requestId)})");
                    var content = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    handedOver = true;
                    return ApiResponse.Streamed(description, response.StatusCode, requestId,
                        new TimedReadStream(content, response, Timeout, description, cancel), response);
                }

                // A failure's body is read whole (error parsing needs it), still within the time limit.
                string body;
                using (timeout.Token.Register(response.Dispose))
                {
                    body = response.Content == null ? ""
                        : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }

                timeout.Token.ThrowIfCancellationRequested();
                log.Verbose(
                    $"{description} -> {status} {response.ReasonPhrase} ({clock.ElapsedMilliseconds} " +
                    $"ms{(requestId == null ? "" : ", " + requestId)})");
                if (log.IsDebugEnabled)
                {
                    log.Debug($"{description} response body: {Redactor.RedactBody(body)}");
                }

                return new ApiResponse(description, response.StatusCode, body, requestId,
                    First(response, "X-Subject-Token"), First(response, "Retry-After"));
            }
            finally
            {
                if (!handedOver)
                {
                    response.Dispose();
                }
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException or HttpRequestException
            && timeout.IsCancellationRequested)
        {
            // The time limit (or Ctrl+C) closed the response while its error body was being read.
            throw cancel.IsCancellationRequested ? new OperationCanceledException(cancel)
                : TimedOut(description, url, log);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw TimedOut(description, url, log);
        }
        catch (Exception e) when (e is HttpRequestException or WebException)
        {
            throw Failed(description, url, e, request, log);
        }
    }

    public void Dispose() => _client.Dispose();

    private OpenStackException TimedOut(string description, Uri url, ILogSink log)
    {
        log.Verbose($"{description} -> no answer within {Timeout.TotalSeconds:0.###} s");
        return new OpenStackException(OpenStackErrorKind.Timeout,
            $"{description} got no answer within the time limit of {Timeout.TotalSeconds:0.###} s. Raise it with " +
            $"-TimeoutSec if the cloud is slow.")
        {
            Request = description,
            Target = url.ToString(),
        };
    }

    private static string? First(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // TLS failures are not retried and say how to fix trust; the rest are connection failures, retried where safe.
    private static OpenStackException Failed(string description, Uri url, Exception e, HttpRequestMessage request,
        ILogSink log)
    {
        var failure = TransportFailure.Of(e);
        var problem = request.Properties.TryGetValue(ClientHandler.CertificateProblemKey, out var why) ? $": {why}"
            : "";
        log.Verbose($"{description} -> failed: {failure.Detail}");
        // Only a request that provably never left (refused, no such host) points at the URL; one that broke after the
        // connection was made reached the server, and the URL was right.
        var message = !failure.IsTls
            ? failure.NotSent
                ? $"{description} failed: {failure.Detail}. Check that the URL is right and the service is running."
                : $"{description} failed: {failure.Detail}. The connection broke after the request was sent: "
                    + "the server may have received it."
            : failure.IsCertificate
                ? $"{description} failed: the server's TLS certificate is not trusted{problem} ({failure.Detail}). " +
                    $"Give the CA with -CACertificatePath (or cacert / OS_CACERT), or -SkipCertificateCheck for a " +
                    $"test cloud."
                : $"{description} failed: the TLS handshake failed ({failure.Detail}). The server and this machine " +
                    $"share no TLS version or cipher; the module asks for TLS 1.2 or later.";
        return new OpenStackException(failure.IsTls ? OpenStackErrorKind.Tls : OpenStackErrorKind.ConnectionFailed,
            message, e)
        {
            Request = description,
            Target = url.ToString(),
            RequestNotSent = failure.NotSent,
        };
    }
}
