// The project's own fault proxy: an HTTP/1.1 proxy on a loopback ephemeral port in front of Neutron (the lab's, or the
// served embedded cloud), as a load balancer would stand there. It keeps connections alive on both sides and can, for
// the next matching requests: lose the answer after forwarding (close the client's connection, FIN, no byte sent),
// reset before forwarding (RST), answer a status itself (a 503 page, nothing forwarded), or wait before forwarding.
// Its record of what it received and what it forwarded is the evidence of how many requests Neutron got.
// Loaded by tests/Pester/FaultProxy.Tests.ps1 with Add-Type (PowerShell 7 only).
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStackVpn.Tests
{
    public enum ProxyFault { LoseAnswer, ResetBeforeForwarding, Status, Slow }

    /// <summary>One request as the proxy saw it.</summary>
    public sealed class ProxiedRequest
    {
        public int Connection { get; init; }
        public int OnConnection { get; init; }
        public string Method { get; init; } = "";
        public string Path { get; init; } = "";
        public string? Fault { get; set; }
        public bool Forwarded { get; set; }
        public int UpstreamStatus { get; set; }

        public override string ToString() =>
            $"#{Connection}.{OnConnection} {Method} {Path} {(Forwarded ? "forwarded -> " + UpstreamStatus : "not forwarded")}{(Fault == null ? "" : " [" + Fault + "]")}";
    }

    public sealed class FaultProxy : IDisposable
    {
        private sealed class Rule
        {
            public ProxyFault Fault;
            public string Method = "";
            public string PathContains = "";
            public int Count;
            public int Status;
            public int DelayMs;
        }

        private readonly TcpListener _listener;
        private readonly Uri _upstream;
        private readonly List<Rule> _rules = new();
        private readonly List<ProxiedRequest> _log = new();
        private readonly CancellationTokenSource _stop = new();
        private int _connections;

        public FaultProxy(string upstream)
        {
            _upstream = new Uri(upstream);
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _ = Task.Run(AcceptLoopAsync);
        }

        /// <summary>The upstream URL with the proxy's host and port: give it to Connect-OpenStack -NetworkEndpoint.</summary>
        public Uri Url => new UriBuilder(_upstream) { Host = "127.0.0.1", Port = ((IPEndPoint)_listener.LocalEndpoint).Port }.Uri;

        /// <summary>Applies <paramref name="fault"/> to the next <paramref name="count"/> requests of that method whose path contains the text.</summary>
        public void AddFault(ProxyFault fault, string method, string pathContains, int count = 1, int status = 503, int delayMs = 0)
        {
            lock (_rules)
            {
                _rules.Add(new Rule { Fault = fault, Method = method, PathContains = pathContains, Count = count, Status = status, DelayMs = delayMs });
            }
        }

        /// <summary>Everything received, in order.</summary>
        public ProxiedRequest[] Requests
        {
            get { lock (_log) { return _log.ToArray(); } }
        }

        /// <summary>The requests of <paramref name="method"/> whose path contains the text that reached Neutron.</summary>
        public ProxiedRequest[] Forwarded(string method, string pathContains) =>
            Requests.Where(r => r.Forwarded && r.Method == method && r.Path.Contains(pathContains, StringComparison.Ordinal)).ToArray();

        /// <summary>The requests of <paramref name="method"/> whose path contains the text that the proxy received.</summary>
        public ProxiedRequest[] Received(string method, string pathContains) =>
            Requests.Where(r => r.Method == method && r.Path.Contains(pathContains, StringComparison.Ordinal)).ToArray();

        public void Clear()
        {
            lock (_log) { _log.Clear(); }
            lock (_rules) { _rules.Clear(); }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }

                var id = Interlocked.Increment(ref _connections);
                _ = Task.Run(() => ServeAsync(client, id));
            }
        }

        private Rule? Take(string method, string path)
        {
            lock (_rules)
            {
                var rule = _rules.FirstOrDefault(r => r.Count > 0 && r.Method == method && path.Contains(r.PathContains, StringComparison.Ordinal));
                if (rule != null)
                {
                    rule.Count--;
                }

                return rule;
            }
        }

        private async Task ServeAsync(TcpClient client, int id)
        {
            TcpClient? upstream = null;
            Wire? up = null;
            try
            {
                client.NoDelay = true;
                var down = new Wire(client.GetStream());
                for (var n = 1; ; n++)
                {
                    var request = await down.ReadMessageAsync(isResponse: false, requestMethod: null);
                    if (request == null)
                    {
                        return; // the client closed its kept-alive connection
                    }

                    var entry = new ProxiedRequest { Connection = id, OnConnection = n, Method = request.Method, Path = request.Target };
                    var rule = Take(request.Method, request.Target);
                    entry.Fault = rule?.Fault.ToString();
                    lock (_log) { _log.Add(entry); }

                    if (rule?.Fault == ProxyFault.ResetBeforeForwarding)
                    {
                        // RST, nothing forwarded. Closing the socket itself: closing the stream would send a FIN first.
                        client.Client.LingerState = new LingerOption(true, 0);
                        client.Client.Close();
                        return;
                    }

                    if (rule?.Fault == ProxyFault.Status)
                    {
                        entry.Fault = "Status " + rule.Status;
                        var page = Encoding.ASCII.GetBytes($"<html><body><h1>{rule.Status} Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n");
                        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {rule.Status} Service Unavailable\r\nContent-Type: text/html\r\nContent-Length: {page.Length}\r\nCache-Control: no-cache\r\n\r\n");
                        await client.GetStream().WriteAsync(head.Concat(page).ToArray());
                        continue;
                    }

                    if (rule?.Fault == ProxyFault.Slow)
                    {
                        await Task.Delay(rule.DelayMs);
                    }

                    if (upstream == null)
                    {
                        upstream = new TcpClient { NoDelay = true };
                        await upstream.ConnectAsync(_upstream.Host, _upstream.Port);
                        up = new Wire(upstream.GetStream());
                    }

                    await upstream.GetStream().WriteAsync(request.Raw);
                    var response = await up!.ReadMessageAsync(isResponse: true, requestMethod: request.Method)
                        ?? throw new IOException("Neutron closed the connection without answering.");
                    entry.Forwarded = true;
                    entry.UpstreamStatus = response.Status;
                    if (response.Close)
                    {
                        upstream.Dispose();
                        upstream = null;
                    }

                    if (rule?.Fault == ProxyFault.LoseAnswer)
                    {
                        client.Client.Shutdown(SocketShutdown.Send); // FIN before any byte of the answer, as a balancer closing a kept-alive connection
                        client.Close();
                        return;
                    }

                    await client.GetStream().WriteAsync(response.WithoutConnectionHeader());
                    if (request.Close)
                    {
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The client or Neutron went away; the record so far stands.
            }
            finally
            {
                upstream?.Dispose();
                client.Dispose();
            }
        }

        /// <summary>One HTTP/1.1 message read off a connection, with its raw bytes to pass on unchanged.</summary>
        private sealed class Message
        {
            public string Method = "";
            public string Target = "";
            public int Status;
            public bool Close;
            public byte[] Raw = Array.Empty<byte>();
            public int HeadLength;

            // The client's side of the connection is the proxy's, as with a balancer in keep-alive mode: Neutron's
            // "Connection: close" (the lab's answers all carry it) closes only the proxy's connection to Neutron.
            public byte[] WithoutConnectionHeader()
            {
                var head = Encoding.ASCII.GetString(Raw, 0, HeadLength).Split("\r\n")
                    .Where(line => !line.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase));
                return Encoding.ASCII.GetBytes(string.Join("\r\n", head)).Concat(Raw.Skip(HeadLength)).ToArray();
            }
        }

        /// <summary>Buffered reading of HTTP/1.1 messages: head, then a Content-Length or chunked body.</summary>
        private sealed class Wire
        {
            private readonly Stream _stream;
            private readonly byte[] _buffer = new byte[16384];
            private int _start;
            private int _end;

            public Wire(Stream stream) => _stream = stream;

            public async Task<Message?> ReadMessageAsync(bool isResponse, string? requestMethod)
            {
                var raw = new MemoryStream();
                var first = await ReadLineAsync(raw);
                if (first == null)
                {
                    return null;
                }

                var message = new Message();
                var parts = first.Split(' ');
                if (isResponse)
                {
                    message.Status = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                }
                else
                {
                    message.Method = parts[0];
                    message.Target = parts.Length > 1 ? parts[1] : "";
                }

                long? length = null;
                var chunked = false;
                while (true)
                {
                    var line = await ReadLineAsync(raw) ?? throw new IOException("The connection closed inside a message head.");
                    if (line.Length == 0)
                    {
                        break;
                    }

                    var colon = line.IndexOf(':');
                    var name = colon < 0 ? line : line.Substring(0, colon).Trim();
                    var value = colon < 0 ? "" : line.Substring(colon + 1).Trim();
                    if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    {
                        length = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    }
                    else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                    {
                        chunked = true;
                    }
                    else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && value.Contains("close", StringComparison.OrdinalIgnoreCase))
                    {
                        message.Close = true;
                    }
                }

                message.HeadLength = (int)raw.Length;
                var noBody = isResponse && (requestMethod == "HEAD" || message.Status is 204 or 304 || message.Status < 200);
                if (noBody)
                {
                }
                else if (chunked)
                {
                    while (true)
                    {
                        var sizeLine = await ReadLineAsync(raw) ?? throw new IOException("The connection closed inside a chunked body.");
                        var size = Convert.ToInt64(sizeLine.Split(';')[0].Trim(), 16);
                        if (size == 0)
                        {
                            while ((await ReadLineAsync(raw) ?? "").Length > 0)
                            {
                            }

                            break;
                        }

                        await CopyAsync(raw, size + 2);
                    }
                }
                else if (length is { } n)
                {
                    await CopyAsync(raw, n);
                }
                else if (isResponse)
                {
                    await CopyToEndAsync(raw); // no length: the body ends when Neutron closes
                    message.Close = true;
                }

                message.Raw = raw.ToArray();
                return message;
            }

            private async Task<bool> FillAsync()
            {
                if (_start > 0 && _start == _end)
                {
                    _start = _end = 0;
                }

                if (_end == _buffer.Length)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }

                var read = await _stream.ReadAsync(_buffer.AsMemory(_end, _buffer.Length - _end));
                _end += read;
                return read > 0;
            }

            private async Task<string?> ReadLineAsync(MemoryStream raw)
            {
                var line = new MemoryStream();
                while (true)
                {
                    if (_start == _end && !await FillAsync())
                    {
                        return line.Length == 0 ? null : throw new IOException("The connection closed inside a line.");
                    }

                    var b = _buffer[_start++];
                    raw.WriteByte(b);
                    if (b == '\n')
                    {
                        var text = Encoding.ASCII.GetString(line.ToArray());
                        return text.TrimEnd('\r');
                    }

                    line.WriteByte(b);
                }
            }

            private async Task CopyAsync(MemoryStream raw, long count)
            {
                while (count > 0)
                {
                    if (_start == _end && !await FillAsync())
                    {
                        throw new IOException("The connection closed inside a body.");
                    }

                    var take = (int)Math.Min(count, _end - _start);
                    raw.Write(_buffer, _start, take);
                    _start += take;
                    count -= take;
                }
            }

            private async Task CopyToEndAsync(MemoryStream raw)
            {
                while (true)
                {
                    if (_start == _end && !await FillAsync())
                    {
                        return;
                    }

                    raw.Write(_buffer, _start, _end - _start);
                    _start = _end;
                }
            }
        }
    }
}
