using System;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Http;

namespace OpenStackVpn.Embedded.Identity;

/// <summary>An error in Keystone's shape: <c>{"error": {"code", "message", "title"}}</c>.</summary>
internal sealed class KeystoneError : Exception
{
    public const string AuthenticationRequired = "The request you have made requires authentication.";

    public KeystoneError(int code, string title, string message)
        : base(message)
    {
        Code = code;
        Title = title;
    }

    public int Code { get; }

    public string Title { get; }

    public static KeystoneError Unauthorized() => new(401, "Unauthorized", AuthenticationRequired);

    public static KeystoneError BadRequest(string message) => new(400, "Bad Request", message);

    public static KeystoneError NotFound(string message) => new(404, "Not Found", message);

    public static KeystoneError Forbidden(string action) =>
        new(403, "Forbidden", $"You are not authorized to perform the requested action: {action}.");

    public CloudResponse ToResponse(Uri identityRoot)
    {
        var response = CloudResponse.Json(Code, new JObject
        {
            ["error"] = new JObject { ["code"] = Code, ["message"] = Message, ["title"] = Title },
        }, compact: true);
        if (Code == 401)
        {
            response.With("WWW-Authenticate", $"Keystone uri=\"{identityRoot.ToString().TrimEnd('/')}\"");
        }

        return response.With("Vary", "X-Auth-Token");
    }
}
