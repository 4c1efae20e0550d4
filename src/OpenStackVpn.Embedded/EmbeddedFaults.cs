using System;
using System.Collections.Generic;

namespace OpenStackVpn.Embedded;

/// <summary>The faults waiting to be injected, and the log of every request the embedded cloud received.</summary>
public sealed class EmbeddedFaults
{
    private readonly object _gate = new();
    private readonly List<(EmbeddedFault Fault, int Left)> _faults = new();
    private readonly List<EmbeddedRequestRecord> _requests = new();

    /// <summary>Queues a fault; faults are tried in the order they were added, and each
    /// request takes at most one.</summary>
    public void Add(EmbeddedFault fault)
    {
        if (fault == null)
        {
            throw new ArgumentNullException(nameof(fault));
        }

        fault.Check();
        lock (_gate)
        {
            _faults.Add((fault, fault.Count));
        }
    }

    /// <summary>Forgets every fault not yet used.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>How many requests the cloud received (faulted ones included).</summary>
    public int RequestCount
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>The requests received so far, oldest first.</summary>
    public IReadOnlyList<EmbeddedRequestRecord> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Empties the request log (and so resets <see cref="RequestCount"/>).</summary>
    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Logs a request and takes the first fault that matches it, if any.</summary>
    internal EmbeddedFault? Arrive(string method, string path, string query)
    {
        lock (_gate)
        {
            _requests.Add(new EmbeddedRequestRecord(method, path, query));
            var at = _faults.FindIndex(f => f.Fault.Matches(method, path + query));
            if (at < 0)
            {
                return null;
            }

            var (fault, left) = _faults[at];
            if (left <= 1)
            {
                _faults.RemoveAt(at);
            }
            else
            {
                _faults[at] = (fault, left - 1);
            }

            return fault;
        }
    }
}
