using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Http;
using OpenStackVpn.Embedded.Identity;
using OpenStackVpn.Embedded.Network;
using OpenStackVpn.Embedded.Network.Topology;
using OpenStackVpn.Embedded.Network.Vpn;

namespace OpenStackVpn.Embedded;

/// <summary>
/// An in-memory OpenStack: Keystone v3 at <c>{BaseUri}identity/v3/</c> and Neutron with VPNaaS v2.0 at
/// <c>{BaseUri}network/</c>, seeded like the project's lab and behaving as the lab's real Neutron does (statuses, types
/// and messages of every refusal). Use it in process through <see cref="CreateHandler"/>, or serve it on loopback with
/// <see cref="EmbeddedServer"/>. Each instance is isolated; all of it is thread-safe.
/// </summary>
public sealed class EmbeddedCloud
{
    /// <summary>The base URI of a cloud that is not served: requests never leave the process.</summary>
    public static readonly Uri InProcessBaseUri = new("http://embedded.openstack.test/");

    private readonly object _gate = new();
    private readonly KeystoneApi _keystone;
    private readonly NeutronApi _neutron;
    private readonly NetworkState _network;
    private Uri? _servedAt;

    /// <summary>Creates and seeds a cloud.</summary>
    public EmbeddedCloud(EmbeddedCloudOptions? options = null)
    {
        options ??= new EmbeddedCloudOptions();
        if (options.TokenLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "TokenLifetime must be positive.");
        }

        if (options.SeedConnections < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "SeedConnections cannot be negative.");
        }

        if (options.ActivationDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "ActivationDelay cannot be negative.");
        }

        Profile = options.Profile;
        var catalog = new ServiceCatalogView(() => BaseUri);
        Seed = new EmbeddedSeed(() => AuthUrl, () => catalog.NetworkUrl);
        _keystone = new KeystoneApi(IdentitySeeder.Seed(Seed), catalog, Now, options.TokenLifetime);
        _network = new NetworkState(Now, options);
        var origin = options.Profile == EmbeddedProfile.Origin;
        var kinds = new ResourceKind[]
        {
            new NetworkKind(), new SubnetKind(), new RouterKind(), new PortKind(),
            new VpnServiceKind(origin), new IkePolicyKind(origin, PolicyValues.For(options.Profile)),
            new IpsecPolicyKind(origin, PolicyValues.For(options.Profile)), new IpsecSiteConnectionKind(origin),
        }.Concat(origin ? Array.Empty<ResourceKind>() : new ResourceKind[] { new VpnEndpointGroupKind() }).ToList();
        _neutron =
            new NeutronApi(_network, kinds, _keystone.Authenticate, () => new Uri(BaseUri, "identity"),
                Extensions(options.Profile));
        new NetworkSeeder(_network, new ResourceApi(_network), Seed)
            .Seed(collection => kinds.Single(t => t.Collection == collection));
        FleetSeeder.Seed(_network, new ResourceApi(_network), Seed, collection =>
            kinds.Single(t => t.Collection == collection), options.SeedConnections);
        new TopologySeeder(_network, new ResourceApi(_network), Seed, collection =>
            kinds.Single(t => t.Collection == collection)).Seed(options.Topology);
    }

    /// <summary>The dialect this cloud speaks.</summary>
    public EmbeddedProfile Profile { get; }

    /// <summary>
    /// <see cref="InProcessBaseUri"/>, or <c>http://127.0.0.1:PORT/</c> while an <see cref="EmbeddedServer"/> serves
    /// the cloud.
    /// </summary>
    public Uri BaseUri
    {
        get
        {
            lock (_gate)
            {
                return _servedAt ?? InProcessBaseUri;
            }
        }
    }

    /// <summary>Keystone's v3 URL: <c>{BaseUri}identity/v3/</c>.</summary>
    public Uri AuthUrl => new(BaseUri, "identity/v3/");

    /// <summary>Faults to inject, and the log of requests received.</summary>
    public EmbeddedFaults Faults { get; } = new();

    /// <summary>Ids, names and credentials of what the cloud was seeded with.</summary>
    public EmbeddedSeed Seed { get; }

    /// <summary>Neutron's state, for tests that look at it directly.</summary>
    internal NetworkState Network => _network;

    /// <summary>The clock the cloud reads (token expiry, activation); tests may replace it.</summary>
    internal Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>
    /// A handler that answers requests in process (no socket) — give it to an HttpClient with <see cref="AuthUrl"/>.
    /// </summary>
    public HttpMessageHandler CreateHandler() => new InProcessHandler(this);

    /// <summary>The cloud behind a handler that <see cref="CreateHandler"/> made; null for any other handler.</summary>
    public static EmbeddedCloud? Behind(HttpMessageHandler? handler) => (handler as InProcessHandler)?.Cloud;

    /// <summary>
    /// Forces the status of a VPN service or IPsec site connection, as the lab's set-status.sh does; the simulation
    /// then leaves it alone. <paramref name="collection"/> is <c>vpnservices</c> or <c>ipsec-site-connections</c> (or a
    /// singular or underscore form).
    /// </summary>
    public void SetStatus(string collection, string id, string status)
    {
        var store = (collection ?? throw new ArgumentNullException(nameof(collection))).Replace('_', '-')
            .ToLowerInvariant() switch
        {
            "vpnservices" or "vpnservice" or "vpn-service" => Collections.VpnServices,
            "ipsec-site-connections" or "ipsec-site-connection" or "connection" => Collections.Connections,
            _ =>
                throw new ArgumentException($"'{collection}' has no status: use vpnservices or ipsec-site-connections.",
                    nameof(collection)),
        };
        if (status is not (
            "ACTIVE" or "DOWN" or "BUILD" or "ERROR" or "PENDING_CREATE" or "PENDING_UPDATE" or "PENDING_DELETE"))
        {
            throw new ArgumentException($"'{status}' is not a VPNaaS status.", nameof(status));
        }

        lock (_gate)
        {
            var row = _network.Store.Find(store, id)
                ?? throw new ArgumentException($"There is no {store} object {id}.", nameof(id));
            row.Data["status"] = status;
            row.StatusForced = true;
        }
    }

    /// <summary>
    /// Answers one request: logs it, applies the first matching fault, and routes it to Keystone or Neutron.
    /// </summary>
    internal async Task<CloudResponse> HandleAsync(CloudRequest request)
    {
        request.Path = request.Url.AbsolutePath.TrimStart('/');
        var fault = Faults.Arrive(request.Method, request.Url.AbsolutePath, request.Url.Query);
        if (fault?.Delay is { } delay)
        {
            await Task.Delay(delay, request.Cancel).ConfigureAwait(false);
        }

        CloudResponse response;
        if (fault != null && !fault.AfterHandling && (fault.Status != null || fault.DropConnection))
        {
            response = FaultAnswer.For(fault);
        }
        else
        {
            lock (_gate)
            {
                try
                {
                    response = Route(request);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // What a WSGI server answers when the application fails: the caller sees a 500, the cloud keeps
                    // serving.
                    response = NeutronError.Internal().ToResponse();
                }
            }

            if (fault is { AfterHandling: true })
            {
                response = FaultAnswer.For(fault);
            }
        }

        if (fault?.RetryAfter is { } retryAfter && !response.Drop)
        {
            response.With("Retry-After", retryAfter);
        }

        if (response.Header("X-Openstack-Request-Id") == null && !response.Drop)
        {
            response.With(request.Path.StartsWith("identity", StringComparison.Ordinal) ? "x-openstack-request-id"
                : "X-Openstack-Request-Id", "req-" + Guid.NewGuid());
        }

        return response;
    }

    internal void Attach(Uri baseUri)
    {
        lock (_gate)
        {
            if (_servedAt != null)
            {
                throw new InvalidOperationException($"This cloud is already served at {_servedAt}.");
            }

            _servedAt = baseUri;
        }
    }

    internal void Detach()
    {
        lock (_gate)
        {
            _servedAt = null;
        }
    }

    private DateTimeOffset Now() => Clock();

    private CloudResponse Route(CloudRequest request)
    {
        var slash = request.Path.IndexOf('/');
        var service = slash < 0 ? request.Path : request.Path.Substring(0, slash);
        var rest = slash < 0 ? "" : request.Path.Substring(slash + 1);
        return service switch
        {
            "identity" => _keystone.Handle(request, rest),
            "network" => _neutron.Handle(request, rest),
            _ => NeutronError.PathNotFound().ToResponse(),
        };
    }

    private static JArray Extensions(EmbeddedProfile profile)
    {
        var origin = profile == EmbeddedProfile.Origin;
        using var stream = typeof(EmbeddedCloud)
            .Assembly.GetManifestResourceStream("OpenStackVpn.Embedded.extensions.json")
            ?? throw new InvalidOperationException(
                "The embedded Neutron's extension list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var extensions = (JArray)JsonText.Parse(reader.ReadToEnd())["extensions"]!;
        if (origin)
        {
            foreach (var extension in extensions.OfType<JObject>()
                .Where(e => e.Value<string>("alias") is "vpn-endpoint-groups" or "vpn-flavors").ToList())
            {
                extension.Remove();
            }
        }

        if (profile == EmbeddedProfile.Latest)
        {
            // neutron-lib's shim extensions that announce the newer value sets (neutron-vpnaas master loads both).
            extensions.Add(
                Extension("VPN support for AES CCM, GCM modes", "vpn-aes-ccm-gcm",
                "Add choices for encryption, auth and pfs", "2023-10-24T11:00:00-00:00"));
            extensions.Add(
                Extension("VPN support for AES CTR mode", "vpn-aes-ctr", "Add AES CTR choices for encryption algorithm",
                "2024-01-09T09:00:00-00:00"));
        }

        return extensions;
    }

    private static JObject Extension(string name, string alias, string description, string updated) =>
        new() { ["name"] = name, ["alias"] = alias, ["description"] = description, ["updated"] = updated,
            ["links"] = new JArray() };
}
