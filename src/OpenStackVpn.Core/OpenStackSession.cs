using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core;
using OpenStackVpn.Core.Config;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Identity;

namespace OpenStackVpn;

/// <summary>
/// An authenticated connection to one OpenStack cloud: the Keystone token (never exposed), the network endpoint
/// from its catalog, and the credentials to renew the token when it expires. Safe to share between runspaces.
/// </summary>
public sealed class OpenStackSession : IDisposable
{
    private readonly ConnectionSettings _settings;
    private readonly HttpTransport _transport;
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private KeystoneToken _token;
    private bool _closed;

    private OpenStackSession(ConnectionSettings settings, HttpMessageHandler handler, HttpTransport transport,
        KeystoneToken token)
    {
        _settings = settings;
        Handler = handler;
        _transport = transport;
        _token = token;
        if (settings.NetworkEndpointOverride is { } endpoint)
        {
            NetworkEndpoint = ServiceCatalog.ServiceRoot(endpoint.ToString());
            Region = settings.RegionName;
        }
        else
        {
            (NetworkEndpoint, var region) = token.Catalog.Find("network", settings.Interface, settings.RegionName);
            Region = settings.RegionName ?? region;
        }
    }

    /// <summary>The clouds.yaml entry the session was made from, if any.</summary>
    public string? Cloud => _settings.CloudName;

    /// <summary>The Keystone v3 URL.</summary>
    public Uri AuthUrl => _settings.AuthUrl;

    /// <summary>
    /// How the session authenticates: Password, ApplicationCredential or Token (the name of an
    /// <see cref="OpenStackVpn.AuthMethod"/>, so that ConvertTo-Json writes the word, not its number).
    /// </summary>
    public string AuthMethod => _settings.Method.ToString();

    /// <summary>The user's name, as Keystone reports it.</summary>
    public string? UserName => _token.UserName;

    /// <summary>The user's id.</summary>
    public string? UserId => _token.UserId;

    /// <summary>The project the token is scoped to.</summary>
    public string? ProjectName => _token.ProjectName;

    /// <summary>The id of the project the token is scoped to.</summary>
    public string? ProjectId => _token.ProjectId;

    /// <summary>The domain of the scope.</summary>
    public string? DomainName => _token.DomainName;

    /// <summary>The region asked for, or else the region of the catalog's Neutron endpoint the session uses (none
    /// with -NetworkEndpoint and no -Region).</summary>
    public string? Region { get; }

    /// <summary>The catalog interface used: public, internal or admin.</summary>
    public string Interface => _settings.Interface;

    /// <summary>The Neutron endpoint that VPNaaS requests go to.</summary>
    public Uri NetworkEndpoint { get; }

    /// <summary>When the current token expires.</summary>
    public DateTimeOffset ExpiresAt => _token.ExpiresAt;

    /// <summary>True when the session holds credentials it can renew its token with (not a bare token).</summary>
    public bool CanRenew => _settings.Method != OpenStackVpn.AuthMethod.Token;

    /// <summary>The time limit of each request; set it (e.g. to a TimeSpan) to change the limit for the session's later
    /// requests.</summary>
    public Duration Timeout
    {
        get => _transport.Timeout;
        set => _transport.Timeout = value > TimeSpan.Zero ? value
            : throw new ArgumentOutOfRangeException(nameof(value), "The time limit must be positive.");
    }

    /// <summary>How failed requests are sent again; set MaxRetries to 0 to turn retries off.</summary>
    public RetryPolicy Retry { get; } = new();

    private static readonly RetryPolicy NoRetry = new() { MaxRetries = 0 };

    /// <summary>False once the session was disconnected.</summary>
    public bool IsConnected => !_closed;

    /// <summary>What the session's requests go through: the network stack, or a handler given to ConnectAsync (e.g. an
    /// in-process cloud's).</summary>
    internal HttpMessageHandler Handler { get; }

    /// <summary>Authenticates with Keystone and finds the network endpoint.</summary>
    public static Task<OpenStackSession> ConnectAsync(ConnectionSettings settings, ILogSink log,
        CancellationToken cancel) =>
        ConnectAsync(settings, null, log, cancel);

    /// <summary>
    /// Opens a session whose requests go through <paramref name="handler"/> (the session owns it from then on), or,
    /// when it is null, through the network with the settings' TLS options.
    /// </summary>
    public static async Task<OpenStackSession> ConnectAsync(ConnectionSettings settings, HttpMessageHandler? handler,
        ILogSink log, CancellationToken cancel)
    {
        if (settings.SkipCertificateCheck)
        {
            log.Warning(
                "TLS certificate verification is off for this session (-SkipCertificateCheck or verify: false): use " +
                "it only with a test cloud.");
        }

        handler ??= HttpTransport.CreateHandler(settings.CACertificatePath, settings.SkipCertificateCheck);
        var transport = new HttpTransport(handler, settings.Timeout);
        try
        {
            var token = await KeystoneClient.IssueAsync(settings, transport, log, cancel).ConfigureAwait(false);
            return new OpenStackSession(settings, handler, transport, token);
        }
        catch
        {
            transport.Dispose();
            throw;
        }
    }

    /// <summary>Revokes the token at Keystone; the session cannot be used afterwards.</summary>
    public async Task DisconnectAsync(ILogSink log, CancellationToken cancel)
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        try
        {
            await KeystoneClient.RevokeAsync(_settings.AuthUrl, _token.Value, _transport, log,
                cancel).ConfigureAwait(false);
        }
        finally
        {
            _transport.Dispose();
        }
    }

    /// <summary>
    /// Sends a request to the network endpoint with the session's token; renews an expiring token first,
    /// and once more after a 401 when the session holds reusable credentials. <paramref name="once"/> sends
    /// it exactly once, with no retry and no repeat after a 401 (tab completion: at most one request).
    /// </summary>
    internal Task<ApiResponse> SendAsync(HttpMethod method, string relativePath, string? jsonBody, ILogSink log,
        CancellationToken cancel, bool once = false) =>
        SendAsync(method, relativePath, jsonBody, false, once, log, cancel);

    /// <summary>A GET sent as <see cref="SendAsync(HttpMethod, string, string?, ILogSink, CancellationToken, bool)"/>
    /// is, whose successful answer streams (the caller disposes it).</summary>
    internal Task<ApiResponse> SendForStreamAsync(string relativePath, ILogSink log, CancellationToken cancel) =>
        SendAsync(HttpMethod.Get, relativePath, null, true, false, log, cancel);

    private async Task<ApiResponse> SendAsync(HttpMethod method, string relativePath, string? jsonBody, bool stream,
        bool once, ILogSink log, CancellationToken cancel)
    {
        var retry = once ? NoRetry : Retry;
        if (_closed)
        {
            throw new OpenStackException(OpenStackErrorKind.Authentication,
                "This session was disconnected. Run Connect-OpenStack to open a new one.");
        }

        var url = new Uri(NetworkEndpoint, relativePath);
        var token = await CurrentTokenAsync(log, cancel).ConfigureAwait(false);
        var renewed = false;
        for (var attempt = 0; ; attempt++)
        {
            ApiResponse response;
            try
            {
                response = await (stream
                    ? _transport.SendForStreamAsync(url, AuthHeader(token), log, cancel)
                    : _transport.SendAsync(method, url, jsonBody, AuthHeader(token), log, cancel)).ConfigureAwait(
                        false);
            }
            catch (OpenStackException e) when (
                e.Kind is OpenStackErrorKind.ConnectionFailed or OpenStackErrorKind.Timeout)
            {
                // A request that timed out is not sent again: the limit is the most the user wants to wait.
                if (e.Kind == OpenStackErrorKind.Timeout || !retry.ShouldRetry(method, attempt, null, e.RequestNotSent))
                {
                    throw method == HttpMethod.Post && !e.RequestNotSent ? Uncertain(e, relativePath) : e;
                }

                await PauseAsync(method, url, attempt, null, e.InnerException?.Message ?? e.Message, log,
                    cancel).ConfigureAwait(false);
                continue;
            }

            if ((int)response.Status == 401 && CanRenew && !renewed && !once)
            {
                log.Verbose("The token was refused; authenticating again once.");
                token = await RenewAsync(token, log, cancel).ConfigureAwait(false);
                renewed = true;
                attempt--;
                continue;
            }

            if (retry.ShouldRetry(method, attempt, response.Status, false))
            {
                await PauseAsync(method, url, attempt, response.RetryAfter, ReasonPhrases.Describe(response.Status),
                    log, cancel).ConfigureAwait(false);
                continue;
            }

            if (method == HttpMethod.Post && RetryPolicy.IsTransient(response.Status) && (int)response.Status != 429)
            {
                throw Uncertain(ErrorParser.FromResponse(response), relativePath);
            }

            // A DELETE sent again after the first one worked finds nothing: the outcome asked for. Only this loop
            // sends a DELETE again (docs/retries.md), so a 404 to the first attempt is ObjectNotFound.
            return attempt > 0 && method == HttpMethod.Delete && (int)response.Status == 404
                ? new ApiResponse(response.Request, System.Net.HttpStatusCode.NoContent, "", response.RequestId, null,
                    null)
                : response;
        }
    }

    private async Task PauseAsync(HttpMethod method, Uri url, int attempt, string? retryAfter, string why, ILogSink log,
        CancellationToken cancel)
    {
        var pause = Retry.Delay(attempt, retryAfter);
        log.Verbose(
            $"{method} {url} failed ({why}); sending it again in {pause.TotalSeconds:0.0} s (retry {attempt + 1} of " +
            $"{Retry.MaxRetries}).");
        await Task.Delay(pause, cancel).ConfigureAwait(false);
    }

    // A create whose answer was lost may or may not have happened: say so, and how to find out.
    private static OpenStackException Uncertain(OpenStackException e, string path) =>
        new(e.Kind,
            $"{e.Message} The create was sent and may or may not have happened, so it was not sent again. Check with " +
            $"Get- (e.g. by -Name) before creating it again.", e)
        {
            StatusCode = e.StatusCode,
            ServerErrorType = e.ServerErrorType,
            ServerMessage = e.ServerMessage,
            RequestId = e.RequestId,
            Request = e.Request,
            Target = path,
            RecommendedAction = "List the objects by name to see whether the create happened before trying again.",
        };

    /// <summary>Releases the HTTP connections without revoking the token.</summary>
    public void Dispose()
    {
        _closed = true;
        _transport.Dispose();
        _renewal.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{UserName}@{ProjectName ?? DomainName} {NetworkEndpoint}";

    private async Task<KeystoneToken> CurrentTokenAsync(ILogSink log, CancellationToken cancel)
    {
        var token = _token;
        if (!token.IsExpiring(DateTimeOffset.UtcNow))
        {
            return token;
        }

        if (!CanRenew)
        {
            throw new OpenStackException(OpenStackErrorKind.Authentication,
                $"The session's token expired at {token.ExpiresAt:u} and the session holds no credentials to renew " +
                $"it (it was opened with a token). Run Connect-OpenStack again.")
            {
                RecommendedAction = "Run Connect-OpenStack again.",
            };
        }

        return await RenewAsync(token, log, cancel).ConfigureAwait(false);
    }

    // Concurrent callers share one renewal: whoever comes second finds the token already replaced.
    private async Task<KeystoneToken> RenewAsync(KeystoneToken stale, ILogSink log, CancellationToken cancel)
    {
        await _renewal.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (!ReferenceEquals(_token, stale))
            {
                return _token;
            }

            _token = await KeystoneClient.IssueAsync(_settings, _transport, log, cancel).ConfigureAwait(false);
            return _token;
        }
        finally
        {
            _renewal.Release();
        }
    }

    private static Dictionary<string, string> AuthHeader(KeystoneToken token)
        => new() { ["X-Auth-Token"] = token.Value };
}
