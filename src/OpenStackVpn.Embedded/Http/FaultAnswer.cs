using OpenStackVpn.Embedded.Network;

namespace OpenStackVpn.Embedded.Http;

/// <summary>The answer a fault gives instead of the cloud's: a reset, a raw body (a proxy's page), or a NeutronError
/// with defaults per status.</summary>
internal static class FaultAnswer
{
    public static CloudResponse For(EmbeddedFault fault)
    {
        if (fault.DropConnection)
        {
            return CloudResponse.Dropped();
        }

        var status = fault.Status!.Value;
        if (fault.RawBody != null)
        {
            return new CloudResponse(status, fault.RawBody, fault.RawContentType);
        }

        var (type, message) = DefaultError(status);
        return CloudResponse.Json(status, NeutronError.Body(fault.NeutronType ?? type, fault.Message ?? message));
    }

    private static (string Type, string Message) DefaultError(int status) => status switch
    {
        400
            => ("HTTPBadRequest",
            "The server could not comply with the request since it is either malformed or otherwise incorrect."),
        401 => ("HTTPUnauthorized", "The request you have made requires authentication."),
        403 => ("HTTPForbidden", "Access was denied to this resource."),
        404 => ("HTTPNotFound", "The resource could not be found."),
        409 => ("HTTPConflict", "There was a conflict when trying to complete your request."),
        429 => ("HTTPTooManyRequests", "Too many requests."),
        503 => ("HTTPServiceUnavailable", "The server is currently unavailable. Please try again at a later time."),
        >= 500 => ("HTTPInternalServerError", "Request Failed: internal server error while processing your request."),
        _ => ("HTTPError", "The request failed."),
    };
}
