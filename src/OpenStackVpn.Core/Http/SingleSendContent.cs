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
/// <remarks>
/// Why (docs/retries.md has the sources): both HTTP stacks resend some requests by themselves when a kept-alive
/// connection closes before any byte of the answer arrives, and then the module's retry loop never sees the first try.
/// <list type="bullet">
/// <item>SocketsHttpHandler (PowerShell 7) resends, on a new connection and up to 3 times, a request that has no body
/// (or one held back by Expect: 100-continue). A DELETE has no body, so a DELETE that worked and whose 204 was lost
/// came back as the 404 of a second DELETE the module never knew it sent, and Remove- failed although the object
/// was gone.</item>
/// <item>HttpWebRequest (Windows PowerShell 5.1, under HttpClientHandler) resubmits, once, requests pipelined together
/// on a connection that failed; for one with a body, HttpClientHandler (4.7.2+) writes the HttpContent again.</item>
/// </list>
/// So a DELETE carries an empty body, and no body can be written twice: SocketsHttpHandler never resends a request
/// whose body was sent, and HttpWebRequest's resubmit of a body fails here. The lost answer then reaches the retry loop,
/// which sends the DELETE again knowing it did, and counts the 404 that follows as done, while a DELETE whose first and
/// only attempt finds 404 still fails with ObjectNotFound. Likewise no create reaches the server twice unless the
/// retry loop decides it. Knowing that the object existed because the user had read it would not do: it cannot tell a
/// lost answer from a wrong id, and Remove- -Id reads nothing. Reads (GET) carry no body: the stacks may resend them,
/// which is harmless.
/// </remarks>
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

    /// <summary>The body to send with <paramref name="method"/>: none for a read without one, else a single-send body (empty for a DELETE).</summary>
    public static HttpContent? For(HttpMethod method, string? json) =>
        json == null && (method == HttpMethod.Get || method == HttpMethod.Head) ? null : new SingleSendContent(json);

    /// <inheritdoc/>
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        if (Interlocked.Increment(ref _written) > 1)
        {
            throw new InvalidOperationException("The HTTP stack tried to send this request a second time by itself; only the module's retry rules may send a write again.");
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
