using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core.Http;
using Xunit;

namespace OpenStackVpn.Core.Tests;

/// <summary>
/// Which requests the HTTP stack of this runtime (SocketsHttpHandler) sends again by itself, counted by a raw server on
/// loopback that closes a kept-alive connection gracefully, before any byte of the answer, as a balancer does; and
/// that the transport leaves every write to the retry loop. The findings are written up in docs/retries.md.
/// </summary>
public sealed class ResendTests : IDisposable
{
    private readonly RawServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task The_runtime_resends_a_request_without_a_body_when_a_kept_alive_connection_closes_unanswered()
    {
        _server.CloseUnansweredAt(2);
        using var client = new HttpClient(new HttpClientHandler());
        (await client.GetAsync(_server.Url)).Dispose();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, _server.Url));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // one call, and the caller sees the second DELETE's answer
        Assert.Equal(new[] { "GET", "DELETE", "DELETE" }, _server.Methods);
        Assert.Equal(2, _server.Connections); // the second DELETE went on a new connection
    }

    [Fact]
    public async Task The_runtime_does_not_resend_a_request_whose_body_was_sent()
    {
        _server.CloseUnansweredAt(2);
        using var client = new HttpClient(new HttpClientHandler());
        (await client.GetAsync(_server.Url)).Dispose();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(_server.Url, new StringContent("{}")));
        Assert.Equal(new[] { "GET", "POST" }, _server.Methods);
    }

    [Fact]
    public async Task The_runtime_resends_a_POST_whose_body_waits_on_Expect_100_continue_but_sends_the_body_once()
    {
        _server.CloseAfterHeadAt(2);
        using var client = new HttpClient(new HttpClientHandler());
        (await client.GetAsync(_server.Url)).Dispose();
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.Url) { Content = new StringContent("{}") };
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);
        Assert.Equal(new[] { "GET", "POST", "POST" }, _server.Methods); // the first POST's head only: its body never left
        Assert.Equal(new[] { 0, 0, 2 }, _server.BodyLengths);
    }

    [Theory]
    [InlineData("DELETE", null)]
    [InlineData("POST", "{\"ikepolicy\": {\"name\": \"a\"}}")]
    [InlineData("PUT", "{\"ikepolicy\": {\"name\": \"b\"}}")]
    public async Task The_transport_sends_a_write_once_when_its_answer_is_lost_and_says_so(string method, string? body)
    {
        _server.CloseUnansweredAt(2);
        using var transport = new HttpTransport(HttpTransport.CreateHandler(null, false), TimeSpan.FromSeconds(10));
        await transport.SendAsync(HttpMethod.Get, _server.Url, null, null, NullLogSink.Instance, CancellationToken.None);
        var e = await Assert.ThrowsAsync<OpenStackException>(() =>
            transport.SendAsync(new HttpMethod(method), _server.Url, body, null, NullLogSink.Instance, CancellationToken.None));
        Assert.Equal(OpenStackErrorKind.ConnectionFailed, e.Kind); // the retry loop sees the lost answer, and decides
        Assert.False(e.RequestNotSent);
        Assert.Equal(new[] { "GET", method }, _server.Methods);
        Assert.Equal(1, _server.Connections); // the write went on the kept-alive connection, and no other was opened
    }

    [Fact]
    public async Task A_single_send_body_refuses_to_be_written_a_second_time()
    {
        using var content = SingleSendContent.For(HttpMethod.Post, "{}")!;
        using var first = new MemoryStream();
        await content.CopyToAsync(first);
        Assert.Equal("{}", Encoding.UTF8.GetString(first.ToArray()));
        await Assert.ThrowsAsync<InvalidOperationException>(() => content.CopyToAsync(new MemoryStream()));
        Assert.Null(SingleSendContent.For(HttpMethod.Get, null));
        Assert.Equal(0, SingleSendContent.For(HttpMethod.Delete, null)!.Headers.ContentLength);
    }

    /// <summary>An HTTP/1.1 server on loopback that answers 404 with keep-alive, or closes without answering.</summary>
    private sealed class RawServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly ConcurrentQueue<string> _methods = new();
        private readonly ConcurrentQueue<int> _bodyLengths = new();
        private int _closeAt = -1;
        private int _closeAfterHeadAt = -1;
        private int _count;
        private int _connections;

        public RawServer()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v2.0/vpn/ikepolicies/1");

        public string[] Methods => _methods.ToArray();

        public int[] BodyLengths => _bodyLengths.ToArray();

        public int Connections => Volatile.Read(ref _connections);

        /// <summary>The <paramref name="n"/>th request (from 1) is read whole, then its connection closed gracefully.</summary>
        public void CloseUnansweredAt(int n) => _closeAt = n;

        /// <summary>The <paramref name="n"/>th request's head is read, then its connection closed before its body is read.</summary>
        public void CloseAfterHeadAt(int n) => _closeAfterHeadAt = n;

        public void Dispose() => _listener.Stop();

        private async Task AcceptAsync()
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync();
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                    return;
                }

                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII);
                try
                {
                    while (true)
                    {
                        var requestLine = await reader.ReadLineAsync();
                        if (string.IsNullOrEmpty(requestLine))
                        {
                            return;
                        }

                        var length = 0;
                        string? line;
                        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
                        {
                            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                            {
                                length = int.Parse(line.Substring("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                            }
                        }

                        _methods.Enqueue(requestLine.Split(' ')[0]);
                        var number = Interlocked.Increment(ref _count);
                        if (number == _closeAfterHeadAt)
                        {
                            _bodyLengths.Enqueue(0);
                            client.Client.Shutdown(SocketShutdown.Send);
                            return;
                        }

                        var body = new char[length];
                        for (var read = 0; read < length;)
                        {
                            read += await reader.ReadAsync(body, read, length - read);
                        }

                        _bodyLengths.Enqueue(length);
                        if (number == _closeAt)
                        {
                            client.Client.Shutdown(SocketShutdown.Send);
                            return;
                        }

                        var answer = Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
                        await stream.WriteAsync(answer);
                    }
                }
                catch (IOException)
                {
                }
            }
        }
    }
}
