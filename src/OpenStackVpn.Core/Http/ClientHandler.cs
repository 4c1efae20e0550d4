using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace OpenStackVpn.Core.Http;

/// <summary>
/// The handler every real session uses. It always carries its own certificate check: without one, .NET Framework
/// falls back to the process-wide <c>ServicePointManager.ServerCertificateValidationCallback</c>, which a script's
/// <c>{ $true }</c> would turn into "trust anything" without a word.
/// </summary>
internal static class ClientHandler
{
    /// <summary>Connections per server: .NET Framework allows 2 by default, so requests from several runspaces queue
    /// and use up their time limit.</summary>
    public const int MaxConnectionsPerServer = 64;

    /// <summary>A handler that verifies certificates as the settings ask: system trust, a CA
    /// bundle, or not at all.</summary>
    public static HttpClientHandler Create(string? caCertificatePath, bool skipCertificateCheck)
    {
        TlsProtocols.EnableModern();
        var handler = new HttpClientHandler { AllowAutoRedirect = false,
            MaxConnectionsPerServer = MaxConnectionsPerServer };
        handler.ServerCertificateCustomValidationCallback =
            Validator(caCertificatePath == null || skipCertificateCheck ? null : ReadPemBundle(caCertificatePath),
            skipCertificateCheck);
        return handler;
    }

    /// <summary>The key under which a refused certificate's reason is kept on its request
    /// (for the error message).</summary>
    public const string CertificateProblemKey = "OpenStackVpn.CertificateProblem";

    /// <summary>The certificate check: everything when skipping, system trust alone, or system trust or the given CAs.
    /// A refusal leaves its reason on the request (<see cref="CertificateProblemKey"/>).</summary>
    public static Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors,
        bool> Validator(List<X509Certificate2>? authorities, bool skipCertificateCheck)
    {
        if (skipCertificateCheck)
        {
            return (_, _, _, _) => true;
        }

        return (request, certificate, _, errors) =>
        {
            var trusted = authorities == null ? errors == SslPolicyErrors.None
                : IsTrusted(certificate, errors, authorities);
            if (!trusted && request != null)
            {
                request.Properties[CertificateProblemKey] = Problem(request, certificate, errors);
            }

            return trusted;
        };
    }

    /// <summary>Why a certificate was refused, in words: expired (or not yet valid), another
    /// name, or an unknown CA.</summary>
    private static string Problem(HttpRequestMessage request, X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (certificate == null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return "the server sent no certificate";
        }

        var now = DateTime.Now;
        if (now > certificate.NotAfter)
        {
            return $"it expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC";
        }

        if (now < certificate.NotBefore)
        {
            return $"it is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC";
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return
                $"it is not issued for the host name '{request.RequestUri?.Host}' (it names " +
                $"{certificate.GetNameInfo(X509NameType.DnsName, false)})";
        }

        return "it is not signed by a CA this session trusts";
    }

    public static List<X509Certificate2> ReadPemBundle(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (
            e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw OpenStackException.Config($"The CA bundle '{path}' cannot be read: {e.Message}", path);
        }

        const string begin = "-----BEGIN CERTIFICATE-----";
        const string end = "-----END CERTIFICATE-----";
        var certificates = new List<X509Certificate2>();
        var at = text.IndexOf(begin, StringComparison.Ordinal);
        while (at >= 0)
        {
            var stop = text.IndexOf(end, at, StringComparison.Ordinal);
            if (stop < 0)
            {
                break;
            }

            var base64 = text.Substring(at + begin.Length, stop - at - begin.Length);
            try
            {
                certificates.Add(
                    new X509Certificate2(
                    Convert.FromBase64String(string.Concat(base64.Where(c => !char.IsWhiteSpace(c))))));
            }
            catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
            {
                throw OpenStackException.Config(
                    $"The CA bundle '{path}' holds a certificate that cannot be read: {e.Message}", path);
            }

            at = text.IndexOf(begin, stop, StringComparison.Ordinal);
        }

        if (certificates.Count == 0)
        {
            throw OpenStackException.Config($"The CA bundle '{path}' holds no PEM certificate.", path);
        }

        return certificates;
    }

    private static bool IsTrusted(X509Certificate2? certificate, SslPolicyErrors errors,
        List<X509Certificate2> authorities)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate == null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false; // A name mismatch is never forgiven.
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        chain.ChainPolicy.ExtraStore.AddRange(authorities.ToArray());
        if (!chain.Build(certificate))
        {
            return false;
        }

        var root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
        return authorities.Any(a => a.Thumbprint == root.Thumbprint);
    }
}
