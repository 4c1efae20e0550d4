using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Identity;

/// <summary>The token's service catalog: finds a service's URL for an interface and region.</summary>
internal sealed class ServiceCatalog
{
    private readonly List<(string Type, string Interface, string? Region, string Url)> _endpoints = new();

    public ServiceCatalog(JArray? catalog)
    {
        foreach (var service in catalog?.OfType<JObject>() ?? Enumerable.Empty<JObject>())
        {
            var type = service.Value<string>("type") ?? "";
            foreach (var endpoint in (service["endpoints"] as JArray)?.OfType<JObject>() ?? Enumerable.Empty<JObject>())
            {
                var url = endpoint.Value<string>("url");
                if (url != null)
                {
                    _endpoints.Add(
                        (type, endpoint.Value<string>("interface") ?? "",
                        endpoint.Value<string>("region_id") ?? endpoint.Value<string>("region"), url));
                }
            }
        }
    }

    /// <summary>The URL of <paramref name="serviceType"/> and the region it is in; an error that lists what the
    /// catalog offers when there is no single match.</summary>
    public (Uri Url, string? Region) Find(string serviceType, string @interface, string? region)
    {
        var ofType = _endpoints.Where(e => e.Type == serviceType).ToList();
        var matches = ofType
            .Where(e => e.Interface == @interface && (region == null || e.Region == region))
            .ToList();
        var regions = matches.Select(e => e.Region).Distinct().ToList();
        if (matches.Count == 0 || regions.Count > 1)
        {
            var offered = ofType.Count == 0
                ? $"The token's catalog has no '{serviceType}' service at all"
                : $"The catalog offers '{serviceType}' at: " +
                    $"{string.Join("; ", ofType.Select(e => $"{e.Interface} in {e.Region ?? "(no region)"}"))}";
            var wanted = regions.Count > 1
                ? $"The '{serviceType}' service is in several regions ({string.Join(", ", regions)}); choose one " +
                    $"with -Region."
                : $"No '{serviceType}' endpoint for interface " +
                    $"'{@interface}'{(region == null ? "" : $" in region '{region}'")}.";
            throw new OpenStackException(OpenStackErrorKind.Configuration,
                $"{wanted} {offered}. Use -Region, -Interface or -NetworkEndpoint.")
            {
                Target = serviceType,
            };
        }

        return (ServiceRoot(matches[0].Url), matches[0].Region);
    }

    /// <summary>A catalog URL as the root that API paths are appended to: one trailing
    /// slash, no version suffix.</summary>
    public static Uri ServiceRoot(string url)
    {
        var trimmed = url.TrimEnd('/');
        if (trimmed.EndsWith("/v2.0", StringComparison.Ordinal))
        {
            trimmed = trimmed.Substring(0, trimmed.Length - "/v2.0".Length);
        }

        return new Uri(trimmed + "/");
    }
}
