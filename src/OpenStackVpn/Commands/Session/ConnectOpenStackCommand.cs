using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using OpenStackVpn.Core;
using OpenStackVpn.Core.Config;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Authenticates with Keystone v3 and makes the session the default for the other cmdlets.</para>
/// <para type="description">Settings come from the parameters, then from the clouds.yaml entry named by -Cloud or
/// OS_CLOUD (with secure.yaml), or else from the OS_* variables of an openrc file.</para>
/// </summary>
/// <example>
/// <code>Connect-OpenStack -Cloud mycloud</code>
/// <para>Connects with the entry 'mycloud' of clouds.yaml.</para>
/// <para>Not run by the example test: it needs a clouds.yaml entry of a real cloud.</para>
/// </example>
/// <example>
/// <code>Connect-OpenStack -Embedded</code>
/// <para>Opens a session on a new, seeded, in-memory OpenStack: no cloud needed, for trying
/// the module and for tests.</para>
/// </example>
/// <example>
/// <code>
/// $seed = @{ networks = @(@{ name = 'example-net' })
///     subnets = @(@{ name = 'example-subnet'; network = 'example-net'; cidr = '10.50.0.0/24' })
///     routers = @(@{ name = 'example-router'; external_network = 'public'; subnets = 'example-subnet' }) }
/// Connect-OpenStack -Embedded -Seed $seed
/// Get-OpenStackRouter -Name example-router</code>
/// <para>Opens a session on an embedded OpenStack given a network, a subnet and a router of its own.</para>
/// </example>
/// <example>
/// <code>Connect-OpenStack -AuthUrl https://keystone.example.com:5000/v3 -Credential (Get-Credential) `
///     -ProjectName demo -Region RegionOne</code>
/// <para>Connects with a user name and password, scoped to the project demo.</para>
/// <para>Not run by the example test: it needs a real Keystone and asks for a password.</para>
/// </example>
[Cmdlet(VerbsCommunications.Connect, "OpenStack", DefaultParameterSetName = "Cloud")]
[OutputType(typeof(OpenStackSession))]
public sealed class ConnectOpenStackCommand : OpenStackCmdlet
{
    /// <summary><para type="description">The clouds.yaml entry to use (default: OS_CLOUD).</para></summary>
    [Parameter(Position = 0, ParameterSetName = "Cloud")]
    [ValidateNotNullOrEmpty]
    public string? Cloud { get; set; }

    /// <summary><para type="description">Connect to a new embedded OpenStack, in memory and in this process, seeded
    /// with an external network, router1 and private-subnet; users admin/adminpass and
    /// member/memberpass.</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = "Embedded")]
    public SwitchParameter Embedded { get; set; }

    /// <summary><para type="description">With -Embedded: seconds until a new connection (and its service) becomes
    /// ACTIVE when admin-up (default 0). Negative: never, like a cloud without a VPN agent.</para></summary>
    [Parameter(ParameterSetName = "Embedded")]
    public double ActivationDelaySec { get; set; }

    /// <summary><para type="description">With -Embedded: also seed this many generated IPsec site connections
    /// (fleet-conn-000001 ...), with a VPN service per 100 and an IKE and an IPsec policy per 1,000, to try runbooks
    /// at fleet scale.</para></summary>
    [Parameter(ParameterSetName = "Embedded")]
    [ValidateRange(0, 1000000)]
    public int SeedConnections { get; set; }

    /// <summary><para type="description">With -Embedded: networks, subnets and routers to make besides the seeded ones,
    /// as a hashtable or the path of a JSON file: @{ networks = @(@{ name = 'branch-net' }); subnets = @(@{ name =
    /// 'branch-subnet'; network = 'branch-net'; cidr = '10.50.0.0/24' }); routers = @(@{ name = 'branch-router';
    /// external_network = 'public'; subnets = 'branch-subnet' }) }. References are names or ids; see
    /// about_OpenStackVpn_Embedded.</para></summary>
    [Parameter(ParameterSetName = "Embedded")]
    [ValidateNotNull]
    public object? Seed { get; set; }

    /// <summary><para type="description">With -Embedded: Upstream (default) behaves as upstream Neutron as the lab runs
    /// it (neutron-vpnaas 21); Latest as the newest neutron-vpnaas (its larger algorithm and group sets); Origin as the
    /// origin cloud (availability_zone, subnet mode only, one peer CIDR, DPD hold or restart).</para></summary>
    [Parameter(ParameterSetName = "Embedded")]
    public EmbeddedProfile EmbeddedProfile { get; set; }

    /// <summary><para type="description">The Keystone URL, with or without /v3.</para></summary>
    [Parameter(ParameterSetName = "Cloud")]
    [ValidateNotNullOrEmpty]
    public string? AuthUrl { get; set; }

    /// <summary><para type="description">User name and password for password authentication.</para></summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary><para type="description">The user's name, for an application credential given by name.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? UserName { get; set; }

    /// <summary><para type="description">The user's domain (default: Default).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? UserDomainName { get; set; }

    /// <summary><para type="description">The project to scope the token to, by name.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ProjectName { get; set; }

    /// <summary><para type="description">The project to scope the token to, by id.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ProjectId { get; set; }

    /// <summary><para type="description">The project's domain (default: the user's domain).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ProjectDomainName { get; set; }

    /// <summary><para type="description">Scope the token to this domain instead of a project.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DomainName { get; set; }

    /// <summary><para type="description">The application credential's id.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ApplicationCredentialId { get; set; }

    /// <summary><para type="description">The application credential's name (with -UserName).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ApplicationCredentialName { get; set; }

    /// <summary><para type="description">The application credential's secret.</para></summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? ApplicationCredentialSecret { get; set; }

    /// <summary><para type="description">An existing Keystone token; with a project or domain it is exchanged for a
    /// token of that scope.</para></summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? Token { get; set; }

    /// <summary><para type="description">The region whose network endpoint to use.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    /// <summary><para type="description">The catalog interface: public (default), internal or admin.</para></summary>
    [Parameter]
    [ValidateSet("public", "internal", "admin")]
    public string? Interface { get; set; }

    /// <summary><para type="description">Use this Neutron URL instead of the catalog's.</para></summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? NetworkEndpoint { get; set; }

    /// <summary><para type="description">The time limit of each request, in seconds (default 60).</para></summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int? TimeoutSec { get; set; }

    /// <summary><para type="description">How many times a failed idempotent request (or a create that never reached the
    /// server) is sent again; 0 turns retries off (default 3).</para></summary>
    [Parameter]
    [ValidateRange(0, 20)]
    public int? MaxRetries { get; set; }

    /// <summary><para type="description">A PEM bundle of CA certificates to trust for TLS.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CACertificatePath { get; set; }

    /// <summary><para type="description">Do not verify TLS certificates (test clouds only).</para></summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Not a parameter here: Connect-OpenStack makes a session rather than using one.</summary>
    public override OpenStackSession? Session { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        try
        {
            var embedded = Embedded ? NewEmbeddedCloud() : null;
            var secrets = new ConnectionSecrets { Password = Credential?.Password,
                ApplicationCredentialSecret = ApplicationCredentialSecret, Token = Token };
            var settings = embedded == null
                ? ConnectionSettings.Resolve(Parameters(), Cloud, Environment.GetEnvironmentVariable,
                    SessionState.Path.CurrentFileSystemLocation.ProviderPath, secrets)
                : ConnectionSettings.Resolve(EmbeddedParameters(embedded, secrets), null, _ => null,
                    SessionState.Path.CurrentFileSystemLocation.ProviderPath, secrets);
            var session = Await(cancel => OpenStackSession.ConnectAsync(settings, embedded?.Handler, Log, cancel));
            if (MaxRetries is { } retries)
            {
                session.Retry.MaxRetries = retries;
            }

            SessionStore.Default = session;
            WriteObject(session);
        }
        catch (OpenStackException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
        }
    }

    private EmbeddedLogin NewEmbeddedCloud()
    {
        try
        {
            var topology = EmbeddedTopology.Text(Seed, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
            return EmbeddedLoader.NewInProcessCloud(ActivationDelaySec, EmbeddedProfile, SeedConnections, topology);
        }
        catch (ArgumentException e) when (EmbeddedTopology.IsRefusal(e))
        {
            ThrowTerminatingError(EmbeddedTopology.Refusal(e, Seed));
            throw;
        }
    }

    // The embedded cloud's own admin unless the user names another of its users; the
    // machine's OS_* settings never apply.
    private Dictionary<string, string?> EmbeddedParameters(EmbeddedLogin cloud, ConnectionSecrets secrets)
    {
        var p = Parameters();
        p["auth_url"] = cloud.AuthUrl.ToString();
        p["username"] ??= cloud.UserName;
        secrets.Password ??= Secrets.ToSecure(cloud.Password);
        if (p["application_credential_id"] == null && p["application_credential_name"] == null && secrets.Token == null)
        {
            p["project_name"] ??= p["project_id"] == null ? p["username"] : null;
        }

        return p;
    }

    // The settings typed as parameters, but the secrets: those stay SecureStrings (ConnectionSecrets).
    private Dictionary<string, string?> Parameters()
    {
        var p = new Dictionary<string, string?>
        {
            ["auth_url"] = AuthUrl,
            ["username"] = Credential?.UserName ?? UserName,
            ["user_domain_name"] = UserDomainName,
            ["project_name"] = ProjectName,
            ["project_id"] = ProjectId,
            ["project_domain_name"] = ProjectDomainName,
            ["domain_name"] = DomainName,
            ["application_credential_id"] = ApplicationCredentialId,
            ["application_credential_name"] = ApplicationCredentialName,
            ["region_name"] = Region,
            ["interface"] = Interface,
            ["network_endpoint_override"] = NetworkEndpoint?.ToString(),
            ["api_timeout"] = TimeoutSec?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["cacert"] = CACertificatePath == null ? null : GetUnresolvedProviderPathFromPSPath(CACertificatePath),
            ["verify"] = SkipCertificateCheck.IsPresent ? "false" : null,
        };

        // The credential the user typed decides the method, whatever the configuration file prefers.
        p["auth_type"] = Credential != null ? "password"
            : ApplicationCredentialSecret != null ? "v3applicationcredential"
            : Token != null ? "token"
            : null;
        return p;
    }
}
