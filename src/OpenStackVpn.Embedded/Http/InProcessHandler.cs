using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStackVpn.Embedded.Http;

/// <summary>An HttpMessageHandler that hands each request to the embedded cloud directly: no socket, no port.</summary>
internal sealed class InProcessHandler : HttpMessageHandler
{
    private readonly EmbeddedCloud _cloud;

    public InProcessHandler(EmbeddedCloud cloud)
    {
        _cloud = cloud;
    }

    /// <summary>The cloud that answers.</summary>
    public EmbeddedCloud Cloud => _cloud;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var body = request.Content == null ? null : await request.Content.ReadAsStringAsync().ConfigureAwait(false);
        var headers = request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, string.Join(",", h.Value)));
        if (request.Content != null)
        {
            headers =
                headers.Concat(
                request.Content.Headers.Select(h
                => new KeyValuePair<string, string>(h.Key, string.Join(",", h.Value))));
        }

        var answer =
            await _cloud.HandleAsync(
            new CloudRequest(request.Method.Method, request.RequestUri!, headers.ToList(), body,
            cancellationToken)).ConfigureAwait(false);
        if (answer.Drop)
        {
            throw new HttpRequestException(
                "An error occurred while sending the request: the connection was reset by the embedded cloud.",
                new IOException("Connection reset by peer"));
        }

        var content =
            new ByteArrayContent(answer.Body == null ? System.Array.Empty<byte>()
            : System.Text.Encoding.UTF8.GetBytes(answer.Body));
        if (answer.Body != null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(answer.ContentType);
        }

        var response = new HttpResponseMessage((HttpStatusCode)answer.Status) { Content = content,
            RequestMessage = request };
        foreach (var header in answer.Headers)
        {
            response.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return response;
    }
}
