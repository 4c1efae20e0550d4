using System.Net;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Http;

/// <summary>Turns a failed response into an OpenStackException carrying the server's own type,
/// message and request id.</summary>
internal static class ErrorParser
{
    public static OpenStackException FromResponse(ApiResponse response, object? target = null)
    {
        var (type, message) = Parse(response.Body);
        var kind = KindOf(response.Status);
        var status = $"HTTP {(int)response.Status}";
        var text = message != null
            ? $"{message} ({(type != null ? type + ", " : "")}{status}, " +
                $"{response.Request}{RequestIdText(response.RequestId)})"
            : $"The server answered {ReasonPhrases.Describe(response.Status)} to {response.Request} without an " +
                $"OpenStack error body{Snippet(response.Body)}{RequestIdText(response.RequestId)}.";
        return new OpenStackException(kind, text)
        {
            StatusCode = response.Status,
            ServerErrorType = type,
            ServerMessage = message,
            RequestId = response.RequestId,
            Request = response.Request,
            Target = target,
            RecommendedAction = kind == OpenStackErrorKind.Authentication
                ? "The token was refused. Run Connect-OpenStack again."
                : null,
        };
    }

    /// <summary>The error type and message of a NeutronError, Keystone or generic OpenStack error body.</summary>
    public static (string? Type, string? Message) Parse(string body)
    {
        JObject root;
        try
        {
            if (JToken.Parse(body) is not JObject obj)
            {
                return (null, null);
            }

            root = obj;
        }
        catch (JsonException)
        {
            return (null, null);
        }

        if (root["NeutronError"] is JObject neutron)
        {
            return (Text(neutron["type"]), Text(neutron["message"]));
        }

        if (root["error"] is JObject keystone)
        {
            // Keystone and keystonemiddleware: {"error": {"code": 401, "title": "Unauthorized", "message": "..."}}
            return (Text(keystone["title"]), Text(keystone["message"]));
        }

        // Other services wrap a {message} in an object named after the fault: {"NotImplementedError": {...}}.
        foreach (var property in root.Properties())
        {
            if (property.Value is JObject fault && Text(fault["message"]) is { } faultMessage)
            {
                return (property.Name, faultMessage);
            }
        }

        return (null, Text(root["message"]));
    }

    public static OpenStackErrorKind KindOf(HttpStatusCode status) => (int)status switch
    {
        400 => OpenStackErrorKind.BadRequest,
        401 => OpenStackErrorKind.Authentication,
        403 => OpenStackErrorKind.PermissionDenied,
        404 => OpenStackErrorKind.NotFound,
        409 => OpenStackErrorKind.Conflict,
        413 or 429 => OpenStackErrorKind.LimitsExceeded,
        >= 500 => OpenStackErrorKind.ServerError,
        _ => OpenStackErrorKind.InvalidResponse,
    };

    private static string? Text(JToken? token) =>
        token == null || token.Type == JTokenType.Null ? null : token.ToString().Trim();

    private static string RequestIdText(string? requestId) => requestId == null ? "" : $", request {requestId}";

    /// <summary>A short, tag-free excerpt of a non-JSON body (a proxy's error page), so the
    /// user sees who answered.</summary>
    private static string Snippet(string body)
    {
        var text =
            Regex.Replace(
            Regex.Replace(body, "<(script|style)[^>]*>.*?</\\1>", " ",
            RegexOptions.Singleline | RegexOptions.IgnoreCase), "<[^>]+>", " ");
        text = Regex.Replace(text, "\\s+", " ").Trim();
        if (text.Length == 0)
        {
            return "";
        }

        return ": \"" + (text.Length > 160 ? text.Substring(0, 160) + "…" : text) + "\"";
    }
}
