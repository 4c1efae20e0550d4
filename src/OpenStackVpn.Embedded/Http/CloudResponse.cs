using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Http;

/// <summary>The embedded cloud's answer: status, headers, body; or an instruction to drop the connection.</summary>
internal sealed class CloudResponse
{
    public CloudResponse(int status, string? body, string contentType = "application/json")
    {
        Status = status;
        Body = body;
        ContentType = contentType;
    }

    public int Status { get; }

    public string? Body { get; }

    public string ContentType { get; }

    /// <summary>Extra headers in the order they are added (the name's case is kept as OpenStack writes it).</summary>
    public List<KeyValuePair<string, string>> Headers { get; } = new();

    /// <summary>The connection is to be reset instead of answered.</summary>
    public bool Drop { get; private init; }

    public static CloudResponse Dropped() => new(0, null) { Drop = true };

    /// <summary>A JSON answer, written as Python writes it unless <paramref name="compact"/> (as Keystone's errors and
    /// Neutron's networks and subnets are).</summary>
    public static CloudResponse Json(int status, JToken body, bool compact = false) =>
        new(status, compact ? body.ToString(Formatting.None) : PythonJson.Serialize(body));

    public static CloudResponse Empty(int status) => new(status, null);

    public CloudResponse With(string name, string value)
    {
        Headers.RemoveAll(h => string.Equals(h.Key, name, System.StringComparison.OrdinalIgnoreCase));
        Headers.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    public string? Header(string name) =>
        Headers.Find(h => string.Equals(h.Key, name, System.StringComparison.OrdinalIgnoreCase)).Value;
}
