using System;
using System.IO;
using System.Threading;

namespace OpenStackVpn.Core.Http;

/// <summary>
/// A response body read as it arrives: each read must bring data within the time limit, Ctrl+C stops it, and a
/// connection that breaks midway is an OpenStackException rather than a bare IOException. Both stops close the
/// response, which ends a blocked read.
/// </summary>
internal sealed class TimedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly IDisposable _response;
    private readonly TimeSpan _timeout;
    private readonly string _request;
    private readonly CancellationToken _cancel;

    public TimedReadStream(Stream inner, IDisposable response, TimeSpan timeout, string request,
        CancellationToken cancel)
    {
        _inner = inner;
        _response = response;
        _timeout = timeout;
        _request = request;
        _cancel = cancel;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        _cancel.ThrowIfCancellationRequested();
        using var timer = new CancellationTokenSource(_timeout);
        using var onTimeout = timer.Token.Register(_response.Dispose);
        using var onCancel = _cancel.Register(_response.Dispose);
        try
        {
            return _inner.Read(buffer, offset, count);
        }
        catch (Exception e) when (
            e is IOException or ObjectDisposedException or System.Net.Http.HttpRequestException or
            OperationCanceledException)
        {
            _cancel.ThrowIfCancellationRequested();
            if (timer.IsCancellationRequested)
            {
                throw new OpenStackException(OpenStackErrorKind.Timeout,
                    $"{_request} stopped sending its answer for longer than the time limit of " +
                    $"{_timeout.TotalSeconds:0.###} s. Raise it with -TimeoutSec if the cloud is slow.", e)
                {
                    Request = _request,
                };
            }

            throw new OpenStackException(OpenStackErrorKind.ConnectionFailed,
                $"{_request} failed while its answer was being read: {e.Message}", e)
            {
                Request = _request,
            };
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
