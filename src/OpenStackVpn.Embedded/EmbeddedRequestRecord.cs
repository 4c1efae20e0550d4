namespace OpenStackVpn.Embedded;

/// <summary>One request the embedded cloud received, for tests that prove what was (or was not) sent.</summary>
public sealed class EmbeddedRequestRecord
{
    internal EmbeddedRequestRecord(string method, string path, string query)
    {
        Method = method;
        Path = path;
        Query = query;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The absolute path, e.g. <c>/network/v2.0/vpn/ikepolicies</c>.</summary>
    public string Path { get; }

    /// <summary>The query string with its '?', or empty.</summary>
    public string Query { get; }

    /// <summary>When it arrived, so a test run can tell which test sent it.</summary>
    public System.DateTimeOffset ReceivedAt { get; } = System.DateTimeOffset.UtcNow;

    /// <inheritdoc/>
    public override string ToString() => $"{Method} {Path}{Query}";
}
