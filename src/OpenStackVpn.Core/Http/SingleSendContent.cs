using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStackVpn.Core.Http;

/// <summary>
/// The body of every request that changes something (POST, PUT, DELETE): it can be written to the wire once only,
/// so the HTTP stack can never send a write again by itself; only the session's retry loop does, and it decides.
/// </summary>
/// <remarks>Why, what each HTTP stack resends by itself, and how it was measured: docs/retries.md.</remarks>
internal sealed class SingleSendContent : HttpContent
{
    private readonly byte[] _bytes;
    private int _written;

    private SingleSendContent(string? json)
    {
        _bytes = json == null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(json);
        if (json != null)
        {
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
    }

    /// <summary>
    /// The body to send with <paramref name="method"/>: none for a read without one, else a single-send body (empty for
    /// a DELETE).
    /// </summary>
    public static HttpContent? For(HttpMethod method, string? json) =>
        json == null && (method == HttpMethod.Get || method == HttpMethod.Head) ? null : new SingleSendContent(json);

    /// <inheritdoc/>
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        if (Interlocked.Increment(ref _written) > 1)
        {
            throw new InvalidOperationException(
                "The HTTP stack tried to send this request a second time by itself; only the module's retry rules may "
                    + "send a write again.");
        }

        return stream.WriteAsync(_bytes, 0, _bytes.Length);
    }

    /// <inheritdoc/>
    protected override bool TryComputeLength(out long length)
    {
        length = _bytes.Length;
        return true;
    }
}
