using System;
using System.Collections.Generic;
using System.Threading;

namespace OpenStackVpn.Embedded.Http;

/// <summary>One request to the embedded cloud, whichever transport brought it (in-process handler
/// or loopback socket).</summary>
internal sealed class CloudRequest
{
    private readonly Dictionary<string, string> _headers;

    public CloudRequest(string method, Uri url, IEnumerable<KeyValuePair<string, string>> headers, string? body,
        CancellationToken cancel)
    {
        Method = method.ToUpperInvariant();
        Url = url;
        Body = body;
        Cancel = cancel;
        _headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            _headers[header.Key] = header.Value;
        }

        Query = QueryString.Parse(url.Query);
    }

    public string Method { get; }

    /// <summary>The full URL as the client sent it (its host and port make the links Neutron returns).</summary>
    public Uri Url { get; }

    /// <summary>The path below the cloud's root, without the leading slash and unescaped per segment, e.g.
    /// <c>network/v2.0/vpn/ikepolicies</c>.</summary>
    public string Path { get; set; } = "";

    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

    public string? Body { get; }

    public CancellationToken Cancel { get; }

    public string? Header(string name) => _headers.TryGetValue(name, out var value) ? value : null;
}
