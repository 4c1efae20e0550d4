using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Config;
using OpenStackVpn.Core.Http;

namespace OpenStackVpn.Core.Identity;

/// <summary>Keystone v3: issues a token for the settings' credentials, and revokes it.</summary>
internal static class KeystoneClient
{
    public static async Task<KeystoneToken> IssueAsync(ConnectionSettings settings, HttpTransport transport,
        ILogSink log, CancellationToken cancel)
    {
        ApiResponse response;
        var tokensUrl = new Uri(settings.AuthUrl, "auth/tokens");
        if (settings.Method == AuthMethod.Token && !HasScope(settings))
        {
            // An existing token with no new scope is used as it is: validating it returns its catalog and expiry.
            var token = Secrets.ToPlain(settings.Token)!;
            response = await transport.SendAsync(HttpMethod.Get, tokensUrl, null, TokenHeaders(token, token), log,
                cancel).ConfigureAwait(false);
        }
        else
        {
            response = await transport.SendAsync(HttpMethod.Post, tokensUrl,
                TokenRequest(settings).ToString(Formatting.None), null, log, cancel).ConfigureAwait(false);
        }

        if (!response.IsSuccess)
        {
            var error = ErrorParser.FromResponse(response, settings.AuthUrl.ToString());
            if (error.Kind is OpenStackErrorKind.Authentication or OpenStackErrorKind.NotFound)
            {
                throw new OpenStackException(OpenStackErrorKind.Authentication,
                    $"Keystone at {settings.AuthUrl} refused the credentials: {error.ServerMessage ?? error.Message} " +
                    $"Check the user, password or secret, and the project and domain names (settings came from " +
                    $"{settings.Source}).")
                {
                    StatusCode = error.StatusCode,
                    ServerErrorType = error.ServerErrorType,
                    ServerMessage = error.ServerMessage,
                    RequestId = error.RequestId,
                    Request = error.Request,
                    Target = settings.AuthUrl.ToString(),
                };
            }

            throw error;
        }

        var value = settings.Method == AuthMethod.Token && !HasScope(settings) ? Secrets.ToPlain(settings.Token)!
            : response.SubjectToken;
        if (value == null)
        {
            throw new OpenStackException(OpenStackErrorKind.InvalidResponse,
                $"{response.Request} answered {(int)response.Status} without an X-Subject-Token header; is " +
                $"{settings.AuthUrl} a Keystone v3 endpoint?")
            {
                RequestId = response.RequestId,
                Request = response.Request,
            };
        }

        try
        {
            return new KeystoneToken(value, JObject.Parse(response.Body));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new OpenStackException(OpenStackErrorKind.InvalidResponse,
                $"{response.Request} answered {(int)response.Status} with a body that is not a Keystone token " +
                $"({e.Message}).", e)
            {
                RequestId = response.RequestId,
                Request = response.Request,
            };
        }
    }

    public static async Task RevokeAsync(Uri authUrl, string token, HttpTransport transport, ILogSink log,
        CancellationToken cancel)
    {
        var response = await transport.SendAsync(HttpMethod.Delete, new Uri(authUrl, "auth/tokens"), null,
            TokenHeaders(token, token), log, cancel).ConfigureAwait(false);
        if (!response.IsSuccess && (int)response.Status != 404)
        {
            throw ErrorParser.FromResponse(response, authUrl.ToString());
        }
    }

    /// <summary>The body of POST /v3/auth/tokens for the settings' method and scope.</summary>
    internal static JObject TokenRequest(ConnectionSettings s)
    {
        var identity = new JObject();
        switch (s.Method)
        {
            case AuthMethod.Password:
                identity["methods"] = new JArray("password");
                identity["password"] = new JObject { ["user"] = User(s, Secrets.ToPlain(s.Password)) };
                break;
            case AuthMethod.ApplicationCredential:
                var credential = new JObject();
                if (s.ApplicationCredentialId != null)
                {
                    credential["id"] = s.ApplicationCredentialId;
                }
                else
                {
                    credential["name"] = s.ApplicationCredentialName;
                    credential["user"] = User(s, null);
                }

                credential["secret"] = Secrets.ToPlain(s.ApplicationCredentialSecret);
                identity["methods"] = new JArray("application_credential");
                identity["application_credential"] = credential;
                break;
            case AuthMethod.Token:
                identity["methods"] = new JArray("token");
                identity["token"] = new JObject { ["id"] = Secrets.ToPlain(s.Token) };
                break;
        }

        var auth = new JObject { ["identity"] = identity };
        if (Scope(s) is { } scope)
        {
            auth["scope"] = scope;
        }

        return new JObject { ["auth"] = auth };
    }

    private static bool HasScope(ConnectionSettings s) =>
        s.ProjectId != null || s.ProjectName != null || s.DomainId != null || s.DomainName != null;

    private static JObject User(ConnectionSettings s, string? password)
    {
        var user = s.UserId != null
            ? new JObject { ["id"] = s.UserId }
            : new JObject { ["name"] = s.UserName, ["domain"] = Domain(s.UserDomainId, s.UserDomainName) };
        if (password != null)
        {
            user["password"] = password;
        }

        return user;
    }

    private static JObject? Scope(ConnectionSettings s)
    {
        if (s.ProjectId != null)
        {
            return new JObject { ["project"] = new JObject { ["id"] = s.ProjectId } };
        }

        if (s.ProjectName != null)
        {
            return new JObject { ["project"] = new JObject { ["name"] = s.ProjectName,
                ["domain"] = Domain(s.ProjectDomainId, s.ProjectDomainName) } };
        }

        if (s.DomainId != null)
        {
            return new JObject { ["domain"] = new JObject { ["id"] = s.DomainId } };
        }

        return s.DomainName != null ? new JObject { ["domain"] = new JObject { ["name"] = s.DomainName } } : null;
    }

    // Keystone needs a domain to resolve a name; "Default" is what every installer creates and what users mean.
    private static JObject Domain(string? id, string? name) =>
        id != null ? new JObject { ["id"] = id } : new JObject { ["name"] = name ?? "Default" };

    private static Dictionary<string, string> TokenHeaders(string authToken, string subjectToken) => new()
    {
        ["X-Auth-Token"] = authToken,
        ["X-Subject-Token"] = subjectToken,
    };
}
