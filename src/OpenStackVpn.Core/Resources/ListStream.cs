using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using OpenStackVpn.Core.Http;

namespace OpenStackVpn.Core.Resources;

/// <summary>
/// A whole list, every page, read on a background thread into a short bounded queue that the pipeline thread takes
/// from. Objects are parsed from each response as it arrives and wait in the queue only while the consumer is busy, so
/// memory stays flat however long the list; the queue's bound holds the reader back. The next page is fetched while the
/// current one is written, but never before the consumer is done with the list's first object
/// (or the first page brought none).
/// </summary>
internal sealed class ListStream<T> : IDisposable where T : NeutronResource
{
    /// <summary>Objects handed over at once: fewer handovers between the threads, which is what
    /// costs on a busy machine.</summary>
    public const int Batch = 64;

    /// <summary>Batches read ahead of the consumer: a page of 1,000 and the start of the next.</summary>
    public const int Capacity = 32;

    private readonly BlockingCollection<T[]> _items = new(Capacity);
    private readonly ManualResetEventSlim _firstHandled = new();
    private readonly CancellationTokenSource _stop;
    private readonly Thread _reader;
    private Exception? _error;
    private int _produced;
    private int _pagesRead;
    private volatile bool _more;

    /// <summary>How many pages have been read to their end so far.</summary>
    public int PagesRead => Volatile.Read(ref _pagesRead);

    /// <summary>Whether the last page read to its end has a next page.</summary>
    public bool More => _more;
    private int _handled;

    private ListStream(OpenStackSession session, ResourceKind<T> kind, ListQuery query, ILogSink log,
        CancellationToken cancel)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        _reader = new Thread(() => ReadAll(session, kind, query, log, _stop.Token)) { IsBackground = true,
            Name = "OpenStackVpn list " + kind.Plural };
    }

    /// <summary>Starts reading the list of <paramref name="kind"/> that <paramref name="query"/> asks for.</summary>
    public static ListStream<T> Start(OpenStackSession session, ResourceKind<T> kind, ListQuery query, ILogSink log,
        CancellationToken cancel)
    {
        var stream = new ListStream<T>(session, kind, query, log, cancel);
        stream._reader.Start();
        return stream;
    }

    /// <summary>HTTP requests sent so far (one per page).</summary>
    public int Requests { get; private set; }

    /// <summary>
    /// The next objects (a batch of at most <see cref="Batch"/>), waiting at most <paramref name="wait"/>. False with
    /// <paramref name="done"/> false: nothing yet, ask again.
    /// False with <paramref name="done"/> true: the list is over (the reader's error, if any, is thrown then).
    /// </summary>
    public bool TryTake(TimeSpan wait, out T[] items, out bool done)
    {
        if (_items.TryTake(out items!, wait))
        {
            done = false;
            return true;
        }

        done = _items.IsCompleted;
        if (done && _error != null)
        {
            var error = _error;
            _error = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }

        return false;
    }

    /// <summary>The consumer is done with the first object it took (written it, or dropped it): the next
    /// page may now be fetched.</summary>
    public void Handled()
    {
        if (Volatile.Read(ref _handled) == 0 && Interlocked.Increment(ref _handled) == 1)
        {
            _firstHandled.Set();
        }
    }

    /// <summary>Stops the reader (a consumer that stops early, or Ctrl+C) and frees its connection.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _firstHandled.Set();
        while (_items.TryTake(out _))
        {
            // Unblocks a reader waiting for room in the queue.
        }

        if (_reader.Join(TimeSpan.FromSeconds(5)))
        {
            _items.Dispose();
            _firstHandled.Dispose();
            _stop.Dispose();
        }
    }

    private void ReadAll(OpenStackSession session, ResourceKind<T> kind, ListQuery query, ILogSink log,
        CancellationToken cancel)
    {
        try
        {
            string? next = null;
            var read = new HashSet<string>();
            do
            {
                if (Requests > 0 && Volatile.Read(ref _produced) > 0)
                {
                    _firstHandled.Wait(cancel);
                }

                var queryString = next ?? query.ToQueryString(kind);
                Requests++;
                using var response =
                    session.SendForStreamAsync(kind.Path + (queryString.Length == 0 ? "" : "?" + queryString), log,
                    cancel).GetAwaiter().GetResult();
                if (!response.IsSuccess)
                {
                    throw ErrorParser.FromResponse(response);
                }

                // The list's first object goes alone, at once; then batches, and whatever a page ends with.
                var batch = new List<T>(Batch);
                next = ResponseReader.ReadPage(response, kind, query, queryString, item =>
                {
                    batch.Add(item);
                    if (batch.Count == Batch || Volatile.Read(ref _produced) == 0)
                    {
                        Hand(batch, cancel);
                    }
                });
                Hand(batch, cancel);
                _more = next != null;
                Interlocked.Increment(ref _pagesRead);
                ResponseReader.CheckNextIsNew(read, next, kind.Plural);
            }
            while (next != null);
        }
        catch (Exception e)
        {
            _error = e;
        }
        finally
        {
            _items.CompleteAdding();
        }
    }

    private void Hand(List<T> batch, CancellationToken cancel)
    {
        if (batch.Count == 0)
        {
            return;
        }

        _items.Add(batch.ToArray(), cancel);
        Interlocked.Add(ref _produced, batch.Count);
        batch.Clear();
    }
}
