using System;
using System.Collections.Generic;

namespace OpenStackVpn.Embedded.Http;

/// <summary>A request as it came off the wire.</summary>
internal sealed class WireRequest
{
    public WireRequest(string method, string target, string version, List<KeyValuePair<string, string>> headers)
    {
        Method = method;
        Target = target;
        Version = version;
        Headers = headers;
    }

    public string Method { get; }

    public string Target { get; }

    public string Version { get; }

    public List<KeyValuePair<string, string>> Headers { get; }

    public string? Body { get; set; }

    public string? Header(string name)
        => Headers.Find(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>HTTP/1.1 keeps the connection unless told otherwise; HTTP/1.0 closes it
    /// unless told otherwise.</summary>
    public bool KeepAlive => Version == "HTTP/1.1"
        ? !string.Equals(Header("Connection"), "close", StringComparison.OrdinalIgnoreCase)
        : string.Equals(Header("Connection"), "keep-alive", StringComparison.OrdinalIgnoreCase);
}
