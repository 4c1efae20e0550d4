using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStackVpn.ScaleBench;

/// <summary>
/// A stand-in for Keystone + Neutron that costs almost nothing per request, so that a client's own cost is what a benchmark sees:
/// every connection's JSON is generated once into one byte array, and a page is a slice of it. It answers only what a list and a
/// show need: POST/DELETE of a token, GET of the connection list (limit, marker) and GET of one connection. Loopback only.
/// </summary>
public sealed class StandInServer : IDisposable
{
    private const string ListPath = "/network/v2.0/vpn/ipsec-site-connections";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _objects;
    private readonly int[] _start;
    private readonly int[] _end;
    private readonly string[] _ids;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private byte[] _token = Array.Empty<byte>();
    private int _requests;

    /// <summary>Generates <paramref name="count"/> connections (about 650 bytes of JSON each).</summary>
    public StandInServer(int count)
    {
        Count = count;
        _ids = new string[count];
        _start = new int[count];
        _end = new int[count];
        var all = new StringBuilder(count * 700);
        for (var i = 0; i < count; i++)
        {
            _ids[i] = Id(i, 0x1);
            _index[_ids[i]] = i;
            if (i > 0)
            {
                all.Append(", ");
            }

            _start[i] = all.Length;
            all.Append(Connection(i));
            _end[i] = all.Length;
        }

        // ASCII only, so character offsets are byte offsets.
        _objects = Encoding.ASCII.GetBytes(all.ToString());
    }

    /// <summary>How many connections it serves.</summary>
    public int Count { get; }

    /// <summary>The ids of the connections, in list order.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>http://127.0.0.1:PORT/ once started.</summary>
    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Keystone v3, for Connect-OpenStack -AuthUrl.</summary>
    public Uri AuthUrl => new(BaseUri, "identity/v3/");

    /// <summary>The Neutron endpoint its token's catalog names.</summary>
    public Uri NetworkUrl => new(BaseUri, "network/");

    /// <summary>Requests answered so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Starts listening on a free loopback port.</summary>
    public void Start()
    {
        _listener.Start(512);
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _token = Encoding.ASCII.GetBytes(TokenBody());
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private static string Id(int i, int kind) => $"{i:x8}-{kind:x4}-4000-8000-{i:x12}";

    private static string Connection(int i)
    {
        var peer = $"172.24.{(i / 250) % 250}.{(i % 250) + 2}";
        var cidr = $"10.{(i / 256) % 256}.{i % 256}.0/24";
        var project = "0123456789abcdef0123456789abcdef";
        return "{\"id\": \"" + Id(i, 0x1) + "\", \"tenant_id\": \"" + project + "\", \"name\": \"conn-" + i.ToString("D6", CultureInfo.InvariantCulture) +
            "\", \"description\": \"generated\", \"peer_address\": \"" + peer + "\", \"peer_id\": \"" + peer + "\", \"local_id\": \"\", \"route_mode\": \"static\", " +
            "\"mtu\": 1500, \"auth_mode\": \"psk\", \"psk\": \"secret\", \"initiator\": \"bi-directional\", \"dpd\": {\"action\": \"hold\", \"interval\": 30, \"timeout\": 120}, " +
            "\"admin_state_up\": true, \"status\": \"ACTIVE\", \"vpnservice_id\": \"" + Id(i % 100, 0x2) + "\", \"ikepolicy_id\": \"" + Id(0, 0x3) +
            "\", \"ipsecpolicy_id\": \"" + Id(0, 0x4) + "\", \"peer_cidrs\": [\"" + cidr + "\"], \"local_ep_group_id\": null, \"peer_ep_group_id\": null, \"project_id\": \"" + project + "\"}";
    }

    private string TokenBody()
    {
        var expires = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var network = NetworkUrl.ToString().TrimEnd('/');
        return "{\"token\": {\"methods\": [\"password\"], \"user\": {\"domain\": {\"id\": \"default\", \"name\": \"Default\"}, \"id\": \"u1\", \"name\": \"admin\"}, " +
            "\"audit_ids\": [\"a\"], \"expires_at\": \"" + expires + "\", \"issued_at\": \"" + expires + "\", " +
            "\"project\": {\"domain\": {\"id\": \"default\", \"name\": \"Default\"}, \"id\": \"0123456789abcdef0123456789abcdef\", \"name\": \"admin\"}, \"is_domain\": false, " +
            "\"roles\": [{\"id\": \"r1\", \"name\": \"admin\"}], \"catalog\": [{\"endpoints\": [" +
            "{\"id\": \"e1\", \"interface\": \"public\", \"region_id\": \"RegionOne\", \"url\": \"" + network + "\", \"region\": \"RegionOne\"}], " +
            "\"id\": \"s1\", \"type\": \"network\", \"name\": \"neutron\"}]}}";
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[16384];
            var filled = 0;
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var headerEnd = Find(buffer, filled);
                    while (headerEnd < 0)
                    {
                        if (filled == buffer.Length)
                        {
                            Array.Resize(ref buffer, buffer.Length * 2);
                        }

                        var read = await socket.ReceiveAsync(buffer.AsMemory(filled), _stop.Token).ConfigureAwait(false);
                        if (read == 0)
                        {
                            return;
                        }

                        filled += read;
                        headerEnd = Find(buffer, filled);
                    }

                    var head = Encoding.ASCII.GetString(buffer, 0, headerEnd);
                    var bodyLength = ContentLength(head);
                    var total = headerEnd + 4 + bodyLength;
                    while (filled < total)
                    {
                        if (total > buffer.Length)
                        {
                            Array.Resize(ref buffer, total);
                        }

                        var read = await socket.ReceiveAsync(buffer.AsMemory(filled), _stop.Token).ConfigureAwait(false);
                        if (read == 0)
                        {
                            return;
                        }

                        filled += read;
                    }

                    Interlocked.Increment(ref _requests);
                    await AnswerAsync(socket, head).ConfigureAwait(false);
                    Buffer.BlockCopy(buffer, total, buffer, 0, filled - total);
                    filled -= total;
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, or the server stops.
            }
        }
    }

    private Task AnswerAsync(Socket socket, string head)
    {
        var requestLine = head.Substring(0, head.IndexOf('\r', StringComparison.Ordinal) is var at and >= 0 ? at : head.Length).Split(' ');
        var method = requestLine[0];
        var target = requestLine.Length > 1 ? requestLine[1] : "/";
        var q = target.IndexOf('?', StringComparison.Ordinal);
        var query = q >= 0 ? target.Substring(q + 1) : "";
        var path = q >= 0 ? target.Substring(0, q) : target;

        if (path == "/identity/v3/auth/tokens")
        {
            return method switch
            {
                "POST" or "GET" => SendAsync(socket, 201, "X-Subject-Token: bench-token\r\n", Segments(_token)),
                _ => SendAsync(socket, 204, "", Array.Empty<ArraySegment<byte>>()),
            };
        }

        if (method == "GET" && path == ListPath)
        {
            return SendPageAsync(socket, query);
        }

        if (method == "GET" && path.StartsWith(ListPath + "/", StringComparison.Ordinal) && _index.TryGetValue(path.Substring(ListPath.Length + 1), out var one))
        {
            return SendAsync(socket, 200, "", Segments(Ascii("{\"ipsec_site_connection\": "), new ArraySegment<byte>(_objects, _start[one], _end[one] - _start[one]), Ascii("}")));
        }

        return SendAsync(socket, 404, "", Segments(Ascii("{\"NeutronError\": {\"type\": \"HTTPNotFound\", \"message\": \"The resource could not be found.\", \"detail\": \"\"}}")));
    }

    private Task SendPageAsync(Socket socket, string query)
    {
        int? limit = null;
        string? marker = null;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var value = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
            if (kv[0] == "limit" && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0)
            {
                limit = l;
            }
            else if (kv[0] == "marker")
            {
                marker = value;
            }
        }

        var first = marker == null ? 0 : _index.TryGetValue(marker, out var m) ? m + 1 : Count;
        var last = limit is { } size ? Math.Min(Count, first + size) : Count;
        var parts = new List<ArraySegment<byte>> { Ascii("{\"ipsec_site_connections\": [") };
        if (last > first)
        {
            parts.Add(new ArraySegment<byte>(_objects, _start[first], _end[last - 1] - _start[first]));
        }

        parts.Add(Ascii("]"));
        if (limit is { } full && last - first == full)
        {
            var next = $"{NetworkUrl}v2.0/vpn/ipsec-site-connections?limit={full}&marker={_ids[last - 1]}";
            parts.Add(Ascii(", \"ipsec_site_connections_links\": [{\"rel\": \"next\", \"href\": \"" + next + "\"}]"));
        }

        parts.Add(Ascii("}"));
        return SendAsync(socket, 200, "", parts);
    }

    private static async Task SendAsync(Socket socket, int status, string extraHeaders, IList<ArraySegment<byte>> body)
    {
        long length = 0;
        foreach (var part in body)
        {
            length += part.Count;
        }

        var reason = status switch { 200 => "OK", 201 => "Created", 204 => "No Content", _ => "Not Found" };
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\nX-Openstack-Request-Id: req-bench\r\n{extraHeaders}\r\n";
        await socket.SendAsync(Ascii(head), SocketFlags.None).ConfigureAwait(false);
        foreach (var part in body)
        {
            // Large slices go out in 1 MB writes, so the client's reading (and its memory) is what paces them.
            for (var at = 0; at < part.Count; at += 1 << 20)
            {
                await socket.SendAsync(new ArraySegment<byte>(part.Array!, part.Offset + at, Math.Min(1 << 20, part.Count - at)), SocketFlags.None).ConfigureAwait(false);
            }
        }
    }

    private static ArraySegment<byte> Ascii(string text) => new(Encoding.ASCII.GetBytes(text));

    private static ArraySegment<byte>[] Segments(params ArraySegment<byte>[] parts) => parts;

    private static ArraySegment<byte>[] Segments(byte[] bytes) => new[] { new ArraySegment<byte>(bytes) };

    private static int Find(byte[] buffer, int filled)
    {
        for (var i = 3; i < filled; i++)
        {
            if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r')
            {
                return i - 3;
            }
        }

        return -1;
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line.AsSpan(15).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
