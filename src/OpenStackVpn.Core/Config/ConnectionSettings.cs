using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;

namespace OpenStackVpn.Core.Config;

/// <summary>Everything needed to open a session, resolved from parameters, clouds.yaml and OS_* variables.</summary>
public sealed class ConnectionSettings
{
    /// <summary>The Keystone v3 URL.</summary>
    public Uri AuthUrl { get; set; } = null!;

    /// <summary>How to authenticate.</summary>
    public AuthMethod Method { get; set; }

    /// <summary>The clouds.yaml entry used, if any.</summary>
    public string? CloudName { get; set; }

    /// <summary>Where the settings came from, for messages.</summary>
    public string Source { get; set; } = "parameters";

#pragma warning disable CS1591 // The names say it: each is the OpenStack setting of the same name.
    public string? UserName { get; set; }
    public string? UserId { get; set; }
    public string? UserDomainName { get; set; }
    public string? UserDomainId { get; set; }
    public SecureString? Password { get; set; }
    public string? ProjectName { get; set; }
    public string? ProjectId { get; set; }
    public string? ProjectDomainName { get; set; }
    public string? ProjectDomainId { get; set; }
    public string? DomainName { get; set; }
    public string? DomainId { get; set; }
    public string? ApplicationCredentialId { get; set; }
    public string? ApplicationCredentialName { get; set; }
    public SecureString? ApplicationCredentialSecret { get; set; }
    public SecureString? Token { get; set; }
    public string? RegionName { get; set; }
    public string Interface { get; set; } = "public";
    public Uri? NetworkEndpointOverride { get; set; }
    public string? CACertificatePath { get; set; }
    public bool SkipCertificateCheck { get; set; }
#pragma warning restore CS1591

    /// <summary>The time limit of each request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Resolves settings. <paramref name="parameters"/> (keys as in clouds.yaml) and <paramref name="secrets"/> (typed
    /// as SecureStrings, never turned into text here) win over the selected source: the clouds.yaml entry named by
    /// <paramref name="cloud"/> or OS_CLOUD, or else the OS_* variables.
    /// </summary>
    public static ConnectionSettings Resolve(
        IReadOnlyDictionary<string, string?> parameters,
        string? cloud,
        Func<string, string?> env,
        string currentDirectory,
        ConnectionSecrets? secrets = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string source;
        cloud ??= NullIfEmpty(env("OS_CLOUD"));
        if (cloud != null)
        {
            foreach (var pair in CloudsFile.ReadCloud(cloud, env, currentDirectory))
            {
                values[Normalise(pair.Key)] = pair.Value;
            }

            source = $"cloud '{cloud}' in {values["cloud_file"]}";
        }
        else
        {
            foreach (var key in EnvironmentKeys)
            {
                var value = NullIfEmpty(env("OS_" + key.ToUpperInvariant()));
                if (value != null)
                {
                    values[Normalise(key)] = value;
                }
            }

            if (NullIfEmpty(env("OS_ENDPOINT_TYPE")) is { } endpointType && !values.ContainsKey("interface"))
            {
                values["interface"] = endpointType;
            }

            if (NullIfEmpty(env("OS_INSECURE")) is { } insecure && IsTrue(insecure))
            {
                values["verify"] = "false";
            }

            source = values.Count == 0 ? "parameters" : "OS_* environment variables";
        }

        foreach (var pair in parameters)
        {
            if (pair.Value != null)
            {
                values[Normalise(pair.Key)] = pair.Value;
            }
        }

        return Build(values, cloud, source, secrets ?? new ConnectionSecrets());
    }

    private static readonly string[] EnvironmentKeys =
    {
        "auth_url", "auth_type", "username", "user_id", "password", "user_domain_name", "user_domain_id",
        "project_name", "project_id", "tenant_name", "tenant_id", "project_domain_name", "project_domain_id",
        "domain_name", "domain_id", "application_credential_id", "application_credential_name",
        "application_credential_secret", "token", "region_name", "interface", "cacert",
        "network_endpoint_override", "api_timeout",
    };

    private static string Normalise(string key) => key switch
    {
        "tenant_name" => "project_name",
        "tenant_id" => "project_id",
        "endpoint_type" => "interface",
        _ => key,
    };

    private static ConnectionSettings Build(Dictionary<string, string> v, string? cloud, string source,
        ConnectionSecrets secrets)
    {
        string? Get(string key) => v.TryGetValue(key, out var value) ? NullIfEmpty(value) : null;

        var authUrlText = Get("auth_url") ?? throw OpenStackException.Config(
            $"No Keystone auth URL: give -AuthUrl, or -Cloud with a clouds.yaml entry that has auth.auth_url, or set " +
                $"OS_AUTH_URL (settings came from {source}).",
            "AuthUrl");
        var settings = new ConnectionSettings
        {
            AuthUrl = KeystoneUrl(authUrlText, source),
            CloudName = cloud,
            Source = source,
            UserName = Get("username"),
            UserId = Get("user_id"),
            UserDomainName = Get("user_domain_name"),
            UserDomainId = Get("user_domain_id"),
            Password = secrets.Password ?? Secure(Get("password")),
            ProjectName = Get("project_name"),
            ProjectId = Get("project_id"),
            ProjectDomainName = Get("project_domain_name"),
            ProjectDomainId = Get("project_domain_id"),
            DomainName = Get("domain_name"),
            DomainId = Get("domain_id"),
            ApplicationCredentialId = Get("application_credential_id"),
            ApplicationCredentialName = Get("application_credential_name"),
            ApplicationCredentialSecret = secrets.ApplicationCredentialSecret
                ?? Secure(Get("application_credential_secret")),
            Token = secrets.Token ?? Secure(Get("token")),
            RegionName = Get("region_name"),
            Interface = (Get("interface") ?? "public").ToLowerInvariant().Replace("url", ""),
            CACertificatePath = Get("cacert"),
            SkipCertificateCheck = Get("verify") is { } verify && !IsTrue(verify),
        };

        // A user who names a domain for the user but not for the project (or the reverse) means the same domain.
        settings.ProjectDomainName ??= settings.ProjectDomainId == null ? Get("default_domain")
            ?? settings.UserDomainName : null;
        settings.UserDomainName ??= settings.UserDomainId == null ? Get("default_domain") ?? settings.ProjectDomainName
            : null;

        if (settings.Interface is not ("public" or "internal" or "admin"))
        {
            throw OpenStackException.Argument("Interface",
                $"Interface '{settings.Interface}' is not one of public, internal, admin (settings came from " +
                $"{source}).");
        }

        if (Get("network_endpoint_override") is { } endpoint)
        {
            settings.NetworkEndpointOverride = AbsoluteUrl(endpoint, "NetworkEndpoint", source);
        }

        if (Get("api_timeout") is { } timeout)
        {
            if (!double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                || seconds <= 0)
            {
                throw OpenStackException.Argument("TimeoutSec",
                    $"The timeout '{timeout}' is not a positive number of seconds (settings came from {source}).");
            }

            settings.Timeout = TimeSpan.FromSeconds(seconds);
        }

        settings.Method = ChooseMethod(Get("auth_type"), settings, source);
        settings.Validate(source);
        return settings;
    }

    private static AuthMethod ChooseMethod(string? authType, ConnectionSettings s, string source)
    {
        switch (authType?.ToLowerInvariant())
        {
            case "password" or "v3password":
                return AuthMethod.Password;
            case "v3applicationcredential" or "applicationcredential" or "application_credential":
                return AuthMethod.ApplicationCredential;
            case "token" or "v3token" or "admin_token":
                return AuthMethod.Token;
            case null:
                break;
            default:
                throw OpenStackException.Argument("AuthType",
                    $"Auth type '{authType}' is not supported; use password, v3applicationcredential or token " +
                    $"(settings came from {source}).");
        }

        if (s.ApplicationCredentialId != null || s.ApplicationCredentialName != null || s.ApplicationCredentialSecret
            != null)
        {
            return AuthMethod.ApplicationCredential;
        }

        return s.Token != null && s.Password == null ? AuthMethod.Token : AuthMethod.Password;
    }

    private void Validate(string source)
    {
        string Missing(string what) => $"{what} (settings came from {source}).";
        switch (Method)
        {
            case AuthMethod.Password:
                if (UserName == null && UserId == null)
                {
                    throw OpenStackException.Argument("Credential",
                        Missing(
                        "Password authentication needs a user: give -Credential, or set username / OS_USERNAME"));
                }

                if (Password == null)
                {
                    throw OpenStackException.Argument("Credential",
                        Missing(
                        "Password authentication needs a password: give -Credential, or set password / OS_PASSWORD"));
                }

                break;
            case AuthMethod.ApplicationCredential:
                if (ApplicationCredentialSecret == null)
                {
                    throw OpenStackException.Argument("ApplicationCredentialSecret",
                        Missing("Application credential authentication needs the secret"));
                }

                if (ApplicationCredentialId == null
                    && (ApplicationCredentialName == null || (UserName == null && UserId == null)))
                {
                    throw OpenStackException.Argument("ApplicationCredentialId",
                        Missing(
                        "Application credential authentication needs the credential id, or its name and the user's " +
                        "name or id"));
                }

                if (ProjectName != null || ProjectId != null || DomainName != null || DomainId != null)
                {
                    throw OpenStackException.Argument("ProjectName",
                        Missing(
                        "An application credential is bound to its own project: do not give a project or domain " +
                        "scope with it"));
                }

                break;
        }

        if ((ProjectName != null || ProjectId != null) && (DomainName != null || DomainId != null))
        {
            throw OpenStackException.Argument("DomainName",
                Missing("Give a project scope or a domain scope, not both"));
        }
    }

    private static Uri KeystoneUrl(string text, string source)
    {
        var url = AbsoluteUrl(text, "AuthUrl", source);
        var path = url.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/v2.0", StringComparison.Ordinal))
        {
            throw OpenStackException.Argument("AuthUrl",
                $"The auth URL {url} is Keystone v2.0; only Identity v3 is supported (settings came from {source}).");
        }

        if (!path.EndsWith("/v3", StringComparison.Ordinal))
        {
            path += "/v3";
        }

        return new UriBuilder(url) { Path = path + "/" }.Uri;
    }

    private static Uri AbsoluteUrl(string text, string parameter, string source)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != "http" && url.Scheme != "https"))
        {
            throw OpenStackException.Argument(parameter,
                $"'{text}' is not an absolute http or https URL (settings came from {source}).");
        }

        return url;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static readonly string[] TrueWords = { "1", "true", "yes", "on" };

    private static bool IsTrue(string value) => TrueWords.Contains(value.Trim().ToLowerInvariant());

    private static SecureString? Secure(string? value) => Secrets.ToSecure(value);
}

/// <summary>Secrets the user typed (Connect-OpenStack's -Credential, -ApplicationCredentialSecret, -Token): they win
/// over files and variables.</summary>
public sealed class ConnectionSecrets
{
    /// <summary>The password.</summary>
    public SecureString? Password { get; set; }

    /// <summary>The application credential's secret.</summary>
    public SecureString? ApplicationCredentialSecret { get; set; }

    /// <summary>An existing token.</summary>
    public SecureString? Token { get; set; }
}
