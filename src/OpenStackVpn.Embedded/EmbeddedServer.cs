using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Embedded.Http;

namespace OpenStackVpn.Embedded;

/// <summary>
/// Serves an <see cref="EmbeddedCloud"/> over HTTP on 127.0.0.1 only, so curl, the openstack CLI or another process can
/// use it. While it runs, the cloud's <see cref="EmbeddedCloud.BaseUri"/> (and so its
/// catalog) is this server's address.
/// </summary>
public sealed class EmbeddedServer : IDisposable
{
    private readonly EmbeddedCloud _cloud;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, bool> _clients = new();
    private readonly Task _accepting;
    private readonly X509Certificate2? _certificate;
    private readonly ConcurrentQueue<string> _connectionErrors = new();
    private bool _ownsCertificate;
    private int _disposed;

    private EmbeddedServer(EmbeddedCloud cloud, TcpListener listener, X509Certificate2? certificate)
    {
        _cloud = cloud;
        _listener = listener;
        _certificate = certificate;
        BaseUri =
            new Uri(
            $"{(certificate == null ? "http" : "https")}://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>, or https when served with a certificate.</summary>
    public Uri BaseUri { get; }

    /// <summary>Keystone's v3 URL on this server: <c>{BaseUri}identity/v3/</c>.</summary>
    public Uri AuthUrl => new(BaseUri, "identity/v3/");

    /// <summary>Connections that failed before a request could be read, e.g. TLS handshakes a client
    /// refused, one line each.</summary>
    public IReadOnlyList<string> ConnectionErrors => _connectionErrors.ToArray();

    /// <summary>
    /// The TLS versions served. .NET (Core) takes None as "what the OS allows". .NET Framework refuses None where the
    /// host turned system-default TLS versions off, so there TLS 1.2 is named: every Windows it runs on has it.
    /// </summary>
    public static SslProtocols ServerProtocols(bool isNetFramework) => isNetFramework ? SslProtocols.Tls12
        : SslProtocols.None;

    /// <summary>
    /// A copy of <paramref name="certificate"/> whose private key Windows' TLS (SChannel) can use: a key made in
    /// memory, as CopyWithPrivateKey makes, cannot be served there until it is exported and imported again. A
    /// certificate whose key cannot be exported (e.g. from the certificate store) is already
    /// stored, and is returned as it is.
    /// </summary>
    public static X509Certificate2 Servable(X509Certificate2 certificate)
    {
        if (certificate == null)
        {
            throw new ArgumentNullException(nameof(certificate));
        }

        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException(
                $"The certificate {certificate.Subject} has no private key; a server certificate must hold its " +
                $"private key.", nameof(certificate));
        }

        byte[] pkcs12;
        try
        {
            pkcs12 = certificate.Export(X509ContentType.Pkcs12);
        }
        catch (CryptographicException)
        {
            return certificate;
        }

        return new X509Certificate2(pkcs12, (string?)null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>
    /// Listens on 127.0.0.1:<paramref name="port"/> (0 picks a free port) and serves the cloud until disposed;
    /// over TLS with <paramref name="certificate"/> (which must hold its private key) when one is given.
    /// </summary>
    public static EmbeddedServer Start(EmbeddedCloud cloud, int port = 0, X509Certificate2? certificate = null)
    {
        if (cloud == null)
        {
            throw new ArgumentNullException(nameof(cloud));
        }

        if (port < 0 || port > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), $"Port {port} is not a TCP port.");
        }

        var servable = certificate == null ? null : Servable(certificate);
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        try
        {
            var server = new EmbeddedServer(cloud, listener,
                servable) { _ownsCertificate = !ReferenceEquals(servable, certificate) };
            cloud.Attach(server.BaseUri);
            return server;
        }
        catch
        {
            listener.Stop();
            throw;
        }
    }

    /// <summary>Stops listening, closes open connections and gives the cloud back its in-process address.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        _listener.Stop();
        foreach (var client in _clients.Keys)
        {
            client.Close();
        }

        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _cloud.Detach();
        _stop.Dispose();
        if (_ownsCertificate)
        {
            _certificate?.Dispose(); // Start's own copy, whose stored key is deleted with it.
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or InvalidOperationException)
            {
                return;
            }

            _clients[client] = true;
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var cancel = _stop.Token;
        var requests = 0;
        try
        {
            client.NoDelay = true;
            Stream stream = client.GetStream();
            if (_certificate != null)
            {
                var tls = new SslStream(stream, false);
                try
                {
                    await tls.AuthenticateAsServerAsync(_certificate, false, ServerProtocols(IsNetFramework),
                        false).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancel.IsCancellationRequested)
                {
                    // Said, not swallowed: a client that refuses the certificate, or a key this OS cannot serve with.
                    _connectionErrors.Enqueue($"TLS handshake with a client of {BaseUri} failed: {Describe(e)}");
                    return;
                }

                stream = tls;
            }

            var wire = new HttpWire(stream);
            while (!cancel.IsCancellationRequested)
            {
                WireRequest? request;
                try
                {
                    request = await wire.ReadAsync(cancel).ConfigureAwait(false);
                }
                catch (Exception e) when (e is InvalidDataException or FormatException or OverflowException)
                {
                    await wire.WriteAsync(new CloudResponse(400, "Bad Request\n", "text/plain"), false, false,
                        cancel).ConfigureAwait(false);
                    return;
                }

                if (request == null)
                {
                    if (_certificate != null && requests == 0 && !cancel.IsCancellationRequested)
                    {
                        _connectionErrors.Enqueue(
                            $"A client of {BaseUri} closed the TLS connection without sending a request: did it " +
                            $"refuse the certificate?");
                    }

                    return;
                }

                requests++;
                var answer =
                    await _cloud.HandleAsync(
                    new CloudRequest(request.Method, Url(request), request.Headers, request.Body,
                    cancel)).ConfigureAwait(false);
                if (answer.Drop)
                {
                    // A reset, as a proxy or a crashed server gives: the client sees ECONNRESET.
                    client.Client.LingerState = new LingerOption(true, 0);
                    return;
                }

                await wire.WriteAsync(answer, request.Method == "HEAD", request.KeepAlive,
                    cancel).ConfigureAwait(false);
                if (!request.KeepAlive)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (
            e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or
            AuthenticationException)
        {
            // The client went away or the server is stopping. With TLS 1.3 a client's refusal of the certificate
            // arrives after the server's side of the handshake, as the first read failing: that is said too.
            if (_certificate != null && requests == 0 && !cancel.IsCancellationRequested)
            {
                _connectionErrors.Enqueue($"TLS handshake with a client of {BaseUri} failed: {Describe(e)}");
            }
        }
        finally
        {
            _clients.TryRemove(client, out _);
            client.Close();
        }
    }

    private static bool IsNetFramework { get; } =
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework",
            StringComparison.OrdinalIgnoreCase);

    private static string Describe(Exception e)
    {
        var text = e.Message;
        for (var inner = e.InnerException; inner != null; inner = inner.InnerException)
        {
            text += " " + inner.Message;
        }

        return text;
    }

    /// <summary>The URL the client asked for, with the Host it used (Neutron builds its links from it).</summary>
    private Uri Url(WireRequest request)
    {
        var target = request.Target.StartsWith("/", StringComparison.Ordinal) ? request.Target : "/" + request.Target;
        if (request.Header("Host") is { Length: > 0 } host
            && Uri.TryCreate($"{BaseUri.Scheme}://{host}{target}", UriKind.Absolute, out var asked))
        {
            return asked;
        }

        return new Uri(BaseUri, target);
    }
}
