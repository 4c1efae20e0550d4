using System;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Http;

namespace OpenStackVpn.Embedded.Network;

/// <summary>A refusal in Neutron's shape: <c>{"NeutronError": {"type", "message", "detail": ""}}</c>
/// with its HTTP status.</summary>
internal sealed class NeutronError : Exception
{
    public NeutronError(int status, string type, string message)
        : base(message)
    {
        Status = status;
        Type = type;
    }

    public int Status { get; }

    public string Type { get; }

    /// <summary>webob's HTTPBadRequest, the type of every API-layer refusal.</summary>
    public static NeutronError BadRequest(string message) => new(400, "HTTPBadRequest", message);

    /// <summary>An attribute's validator said no.</summary>
    public static NeutronError Invalid(string attribute, string reason)
        => BadRequest($"Invalid input for {attribute}. Reason: {reason}.");

    /// <summary>A converter said no (neutron-lib's InvalidInput).</summary>
    public static NeutronError InvalidInput(string reason)
        => new(400, "InvalidInput", $"Invalid input for operation: {reason}.");

    public static NeutronError Typed(int status, string type, string message) => new(status, type, message);

    public static NeutronError PathNotFound() => new(404, "HTTPNotFound", "The resource could not be found.");

    public static NeutronError MethodNotAllowed() =>
        new(405, "HTTPMethodNotAllowed",
            "The server could not comply with the request since it is either malformed or otherwise incorrect.");

    /// <summary>What Neutron answers when the plugin fails unexpectedly (e.g. the upstream KeyError bugs).</summary>
    public static NeutronError Internal() =>
        new(500, "HTTPInternalServerError", "Request Failed: internal server error while processing your request.");

    public CloudResponse ToResponse() => CloudResponse.Json(Status, Body(Type, Message));

    public static JObject Body(string type, string message) => new()
    {
        ["NeutronError"] = new JObject { ["type"] = type, ["message"] = message, ["detail"] = "" },
    };
}
