using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Http;
using OpenStackVpn.Embedded.Identity;

namespace OpenStackVpn.Embedded.Network;

/// <summary>
/// The in-memory Neutron: keystonemiddleware's token check, then versions, extensions and the resources.
/// </summary>
internal sealed class NeutronApi
{
    private readonly ResourceApi _resources;
    private readonly Dictionary<string, ResourceKind> _kinds;
    private readonly Func<string?, IssuedToken?> _authenticate;
    private readonly Func<Uri> _identityRoot;
    private readonly JArray _extensions;

    public NeutronApi(
        NetworkState state,
        IEnumerable<ResourceKind> kinds,
        Func<string?, IssuedToken?> authenticate,
        Func<Uri> identityRoot,
        JArray extensions)
    {
        _resources = new ResourceApi(state);
        _kinds = kinds.ToDictionary(t => (t.UnderVpn ? "vpn/" : "") + t.Collection, StringComparer.Ordinal);
        _authenticate = authenticate;
        _identityRoot = identityRoot;
        _extensions = extensions;
    }

    /// <summary>Handles a request whose path is below <c>network/</c>.</summary>
    public CloudResponse Handle(CloudRequest request, string path)
    {
        var root = request.Url.GetLeftPart(UriPartial.Authority) + "/network/";
        if (path.Trim('/').Length == 0)
        {
            return Versions(root);
        }

        var token = _authenticate(request.Header("X-Auth-Token"));
        if (token == null)
        {
            return Unauthorized();
        }

        try
        {
            return Route(request, path, root, new NeutronContext(token.Project?.Id, token.IsAdmin));
        }
        catch (NeutronError e)
        {
            return e.ToResponse();
        }
    }

    private CloudResponse Route(CloudRequest request, string path, string root, NeutronContext context)
    {
        var segments = path.TrimEnd('/').Split('/').Select(Uri.UnescapeDataString).ToList();
        if (segments[0] != "v2.0")
        {
            throw NeutronError.PathNotFound();
        }

        var last = segments.Count - 1;
        if (last > 0 && segments[last].EndsWith(".json", StringComparison.Ordinal))
        {
            segments[last] = segments[last].Substring(0, segments[last].Length - ".json".Length);
        }

        segments.RemoveAt(0);
        if (segments.Count == 0)
        {
            return Get(request, () => Resources(root));
        }

        if (segments[0] == "extensions")
        {
            return Get(request, () => Extensions(segments, request.Header("Accept") ?? ""));
        }

        var isVpn = segments[0] == "vpn";
        var at = isVpn ? 1 : 0;
        if (!isVpn && segments.Count == 3 && segments[0] == Collections.Routers
            && segments[2] is "add_router_interface" or "remove_router_interface")
        {
            return request.Method == "PUT"
                ? _resources.RouterAction(_kinds[Collections.Routers], segments[1], segments[2], request, context)
                : throw NeutronError.MethodNotAllowed();
        }

        if (segments.Count <= at || segments.Count > at + 2
            || !_kinds.TryGetValue((isVpn ? "vpn/" : "") + segments[at], out var kind))
        {
            throw NeutronError.PathNotFound();
        }

        return segments.Count == at + 1
            ? _resources.Collection(kind, request, context)
            : _resources.Member(kind, segments[at + 1], request, context);
    }

    private static CloudResponse Get(CloudRequest request, Func<CloudResponse> answer) =>
        request.Method == "GET" ? answer() : throw NeutronError.MethodNotAllowed();

    private CloudResponse Extensions(List<string> segments, string accept)
    {
        if (segments.Count == 1)
        {
            return CloudResponse.Json(200, new JObject { ["extensions"] = _extensions });
        }

        var alias = segments.Count == 2 ? segments[1] : null;
        var extension = _extensions.OfType<JObject>().FirstOrDefault(e => e.Value<string>("alias") == alias);
        return extension != null ? CloudResponse.Json(200, new JObject { ["extension"] = extension })
            : NoSuchExtension(alias ?? "", accept);
    }

    /// <summary>
    /// webob's own 404 page, in the format the Accept header asks for (Neutron does not wrap this one).
    /// </summary>
    private static CloudResponse NoSuchExtension(string alias, string accept)
    {
        var detail = $"Extension with alias {alias} does not exist";
        if (accept.Contains("application/json"))
        {
            return CloudResponse.Json(404,
                new JObject { ["message"] = $"The resource could not be found.<br /><br />\n{detail}\n\n",
                    ["code"] = "404 Not Found", ["title"] = "Not Found" });
        }

        return accept.Contains("html") || accept.Contains("*/*")
            ? new CloudResponse(404, $"<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 "
                + $"Not Found</h1>\n  The resource could not be found.<br /><br />\n{detail}\n\n\n "
                    + $"</body>\n</html>", "text/html; charset=UTF-8")
            : new CloudResponse(404, $"404 Not Found\n\nThe resource could not be found.\n\n {detail}  ",
                "text/plain; charset=UTF-8");
    }

    private static CloudResponse Versions(string root) => CloudResponse.Json(200, new JObject
    {
        ["versions"] = new JArray(new JObject
        {
            ["id"] = "v2.0",
            ["status"] = "CURRENT",
            ["links"] = new JArray(new JObject { ["rel"] = "self", ["href"] = root + "v2.0/" }),
        }),
    });

    private static CloudResponse Resources(string root) => CloudResponse.Json(200, new JObject
    {
        ["resources"] =
            new JArray(
                new[] { ("network", "networks"), ("subnet", "subnets"), ("subnetpool", "subnetpools"),
                    ("port", "ports") }
            .Select(r => new JObject
            {
                ["name"] = r.Item1,
                ["collection"] = r.Item2,
                ["links"] = new JArray(new JObject { ["rel"] = "self", ["href"] = root + "v2.0/" + r.Item2 }),
            })),
    });

    /// <summary>keystonemiddleware's refusal: not a NeutronError, and it names where to authenticate.</summary>
    private CloudResponse Unauthorized() =>
        CloudResponse.Json(401, new JObject
        {
            ["error"] =
                new JObject { ["code"] = 401, ["title"] = "Unauthorized",
                    ["message"] = KeystoneError.AuthenticationRequired },
        }).With("Www-Authenticate", $"Keystone uri=\"{_identityRoot().ToString().TrimEnd('/')}\"");
}
