using System;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Identity;

/// <summary>The catalog of the embedded cloud: identity and network, each with public, internal and admin
/// endpoints in RegionOne.</summary>
internal sealed class ServiceCatalogView
{
    public const string Region = "RegionOne";

    private static readonly string[] Interfaces = { "public", "internal", "admin" };
    private readonly Func<Uri> _baseUri;
    private readonly string[] _ids;

    public ServiceCatalogView(Func<Uri> baseUri)
    {
        _baseUri = baseUri;
        _ids = new string[8];
        for (var i = 0; i < _ids.Length; i++)
        {
            _ids[i] = Guid.NewGuid().ToString("N");
        }
    }

    public Uri IdentityUrl => new(_baseUri(), "identity/v3/");

    public Uri NetworkUrl => new(_baseUri(), "network/");

    public JArray ToJson() => new(
        Service(0, "identity", "keystone", IdentityUrl),
        Service(4, "network", "neutron", NetworkUrl));

    private JObject Service(int first, string type, string name, Uri url)
    {
        var endpoints = new JArray();
        for (var i = 0; i < Interfaces.Length; i++)
        {
            endpoints.Add(new JObject
            {
                ["id"] = _ids[first + 1 + i],
                ["interface"] = Interfaces[i],
                ["region_id"] = Region,
                ["url"] = type == "network" ? url.ToString().TrimEnd('/') : url.ToString(), // as the lab registers them
                ["region"] = Region,
            });
        }

        return new JObject { ["endpoints"] = endpoints, ["id"] = _ids[first], ["type"] = type, ["name"] = name };
    }
}
