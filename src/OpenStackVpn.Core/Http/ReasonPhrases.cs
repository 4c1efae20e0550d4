using System.Collections.Generic;
using System.Net;

namespace OpenStackVpn.Core.Http;

/// <summary>
/// The standard reason phrase of a status (RFC 9110, RFC 6585), from a table: <see cref="HttpStatusCode"/>'s names
/// depend on the runtime (.NET Framework has no name for 429, so its ToString() is "429") and some are ambiguous
/// (302 is both Found and Redirect).
/// </summary>
internal static class ReasonPhrases
{
    private static readonly Dictionary<int, string> Phrases = new()
    {
        [200] = "OK", [201] = "Created", [202] = "Accepted", [204] = "No Content",
        [300] = "Multiple Choices", [301] = "Moved Permanently", [302] = "Found", [303] = "See Other",
            [304] = "Not Modified",
        [307] = "Temporary Redirect", [308] = "Permanent Redirect",
        [400] = "Bad Request", [401] = "Unauthorized", [403] = "Forbidden", [404] = "Not Found",
            [405] = "Method Not Allowed",
        [406] = "Not Acceptable", [407] = "Proxy Authentication Required", [408] = "Request Timeout",
            [409] = "Conflict",
        [410] = "Gone", [411] = "Length Required", [412] = "Precondition Failed", [413] = "Content Too Large",
        [414] = "URI Too Long", [415] = "Unsupported Media Type", [422] = "Unprocessable Content",
            [428] = "Precondition Required",
        [429] = "Too Many Requests", [431] = "Request Header Fields Too Large",
        [500] = "Internal Server Error", [501] = "Not Implemented", [502] = "Bad Gateway",
            [503] = "Service Unavailable",
        [504] = "Gateway Timeout", [505] = "HTTP Version Not Supported",
    };

    /// <summary>"HTTP 429 Too Many Requests"; "HTTP 599" for a status without a standard phrase.</summary>
    public static string Describe(HttpStatusCode status) =>
        Phrases.TryGetValue((int)status, out var phrase) ? $"HTTP {(int)status} {phrase}" : $"HTTP {(int)status}";
}
