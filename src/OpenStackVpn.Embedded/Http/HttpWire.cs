using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStackVpn.Embedded.Http;

/// <summary>Just enough HTTP/1.1 to serve curl, HttpClient and the openstack CLI: Content-Length and chunked bodies,
/// 100-continue, keep-alive.</summary>
internal sealed class HttpWire
{
    private const int MaxHead = 64 * 1024;
    private const int MaxBody = 16 * 1024 * 1024;
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    public HttpWire(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>The next request, or null when the client closed the connection between requests.</summary>
    public async Task<WireRequest?> ReadAsync(CancellationToken cancel)
    {
        var requestLine = await ReadLineAsync(cancel).ConfigureAwait(false);
        while (requestLine is { Length: 0 })
        {
            requestLine = await ReadLineAsync(cancel).ConfigureAwait(false);
        }

        if (requestLine == null)
        {
            return null;
        }

        var parts = requestLine.Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new InvalidDataException("Malformed request line.");
        }

        var headers = new List<KeyValuePair<string, string>>();
        var size = requestLine.Length;
        for (
            var line = await ReadLineAsync(cancel).ConfigureAwait(false); ; line =
            await ReadLineAsync(cancel).ConfigureAwait(false))
        {
            if (line == null)
            {
                throw new InvalidDataException("The connection closed inside the headers.");
            }

            if (line.Length == 0)
            {
                break;
            }

            size += line.Length;
            var colon = line.IndexOf(':');
            if (colon <= 0 || size > MaxHead)
            {
                throw new InvalidDataException("Malformed or oversized headers.");
            }

            headers.Add(
                new KeyValuePair<string, string>(line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim()));
        }

        var request = new WireRequest(parts[0], parts[1], parts[2], headers);
        if (string.Equals(request.Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase))
        {
            await WriteRawAsync("HTTP/1.1 100 Continue\r\n\r\n", cancel).ConfigureAwait(false);
        }

        request.Body = await ReadBodyAsync(request, cancel).ConfigureAwait(false);
        return request;
    }

    public async Task WriteAsync(CloudResponse response, bool headOnly, bool keepAlive, CancellationToken cancel)
    {
        var body = response.Body == null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(response.Body);
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(response.Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(
                Reason(response.Status)).Append("\r\n");
        if (response.Body != null)
        {
            head.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
        }

        head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var header in response.Headers)
        {
            head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        head.Append("Date: ").Append(DateTime.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Connection: ").Append(keepAlive ? "keep-alive" : "close").Append("\r\n\r\n");
        await WriteRawAsync(head.ToString(), cancel).ConfigureAwait(false);
        if (!headOnly && body.Length > 0)
        {
            await _stream.WriteAsync(body, 0, body.Length, cancel).ConfigureAwait(false);
        }

        await _stream.FlushAsync(cancel).ConfigureAwait(false);
    }

    public Task WriteRawAsync(string text, CancellationToken cancel)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        return _stream.WriteAsync(bytes, 0, bytes.Length, cancel);
    }

    private async Task<string?> ReadBodyAsync(WireRequest request, CancellationToken cancel)
    {
        if (string.Equals(request.Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
        {
            using var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await ReadLineAsync(cancel).ConfigureAwait(false)
                    ?? throw new InvalidDataException("The connection closed inside a chunk.");
                var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber,
                    CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while (await ReadLineAsync(cancel).ConfigureAwait(false) is { Length: > 0 })
                    {
                    }

                    return Encoding.UTF8.GetString(body.ToArray());
                }

                if (body.Length + size > MaxBody)
                {
                    throw new InvalidDataException("The body is too large.");
                }

                var chunk = await ReadExactAsync(size, cancel).ConfigureAwait(false);
                body.Write(chunk, 0, chunk.Length);
                await ReadLineAsync(cancel).ConfigureAwait(false);
            }
        }

        if (request.Header("Content-Length") is not { } length)
        {
            return null;
        }

        if (!int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxBody)
        {
            throw new InvalidDataException("Bad Content-Length.");
        }

        return count == 0 ? "" : Encoding.UTF8.GetString(await ReadExactAsync(count, cancel).ConfigureAwait(false));
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancel)
    {
        var line = new MemoryStream();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancel).ConfigureAwait(false))
            {
                return line.Length == 0 ? null : throw new InvalidDataException("The connection closed inside a line.");
            }

            var b = _buffer[_start++];
            if (b == '\n')
            {
                var bytes = line.ToArray();
                var count = bytes.Length > 0 && bytes[bytes.Length - 1] == '\r' ? bytes.Length - 1 : bytes.Length;
                return Encoding.UTF8.GetString(bytes, 0, count);
            }

            if (line.Length >= MaxHead)
            {
                throw new InvalidDataException("A line is too long.");
            }

            line.WriteByte(b);
        }
    }

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken cancel)
    {
        var data = new byte[count];
        var at = 0;
        while (at < count)
        {
            if (_start == _end && !await FillAsync(cancel).ConfigureAwait(false))
            {
                throw new InvalidDataException("The connection closed inside the body.");
            }

            var take = Math.Min(count - at, _end - _start);
            Buffer.BlockCopy(_buffer, _start, data, at, take);
            _start += take;
            at += take;
        }

        return data;
    }

    private async Task<bool> FillAsync(CancellationToken cancel)
    {
        _start = 0;
        _end = await _stream.ReadAsync(_buffer, 0, _buffer.Length, cancel).ConfigureAwait(false);
        return _end > 0;
    }

    private static string Reason(int status) => status switch
    {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        300 => "Multiple Choices",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Request Entity Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    };
}
