using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using OpenStackVpn.Embedded;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Serves a new embedded OpenStack (Keystone v3 and Neutron VPNaaS) on a loopback port.</para>
/// <para type="description">Any HTTP client can use it: curl, the openstack CLI, another process. It listens on
/// 127.0.0.1 only. The result gives the auth URL, the credentials and a clouds.yaml; stop it with
/// Stop-EmbeddedOpenStack (given nothing, it stops the one started last).</para>
/// </summary>
/// <example>
/// <code>
/// $cloud = Start-EmbeddedOpenStack
/// Connect-OpenStack -AuthUrl $cloud.AuthUrl -Credential $cloud.Credential -ProjectName admin
/// Get-VpnService
/// $cloud | Stop-EmbeddedOpenStack</code>
/// <para>Serves an embedded OpenStack and connects to it over HTTP.</para>
/// </example>
/// <example>
/// <code>
/// $cloud = Start-EmbeddedOpenStack -Port 5099
/// Set-Content clouds.yaml $cloud.CloudsYaml
/// openstack --os-cloud embedded-admin vpn ipsec site connection list
/// $cloud | Stop-EmbeddedOpenStack</code>
/// <para>Uses it from the openstack CLI.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Start, "EmbeddedOpenStack")]
[OutputType(typeof(EmbeddedCloudServer))]
public sealed class StartEmbeddedOpenStackCommand : PSCmdlet
{
    /// <summary><para type="description">The port on 127.0.0.1 (default: a free one).</para></summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary><para type="description">Seconds until a new connection (and its service) becomes ACTIVE when admin-up
    /// (default 0). Negative: never, like a cloud without a VPN agent.</para></summary>
    [Parameter]
    public double ActivationDelaySec { get; set; }

    /// <summary><para type="description">Also seed this many generated IPsec site connections (fleet-conn-000001 ...),
    /// with a VPN service per 100 and an IKE and an IPsec policy per 1,000.</para></summary>
    [Parameter]
    [ValidateRange(0, 1000000)]
    public int SeedConnections { get; set; }

    /// <summary><para type="description">Networks, subnets and routers to make besides the seeded ones, as a hashtable
    /// or the path of a JSON file (see Connect-OpenStack -Seed and about_OpenStackVpn_Embedded).</para></summary>
    [Parameter]
    [ValidateNotNull]
    public object? Seed { get; set; }

    /// <summary><para type="description">Upstream (default): upstream Neutron as the lab runs it
    /// (neutron-vpnaas 21); Latest: the newest neutron-vpnaas's value sets (AES CTR, CCM, GCM, AES-XCBC,
    /// AES-CMAC, DH groups up to 31); Origin: the origin cloud's dialect. The same name as on Connect-OpenStack
    /// -Embedded; -Profile still works.</para></summary>
    [Parameter]
    [Alias("Profile")]
    public EmbeddedProfile EmbeddedProfile { get; set; }

    /// <summary>The cloud this session started last and has not stopped: what Stop-EmbeddedOpenStack stops when given
    /// none.</summary>
    internal static EmbeddedCloudServer? LastStarted { get; set; }

    /// <summary><para type="description">Serve HTTPS with this certificate (it must hold its private key), e.g. to
    /// test a CA bundle.</para></summary>
    [Parameter]
    [ValidateNotNull]
    public X509Certificate2? Certificate { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        EmbeddedCloud cloud;
        try
        {
            var topology = EmbeddedTopology.Text(Seed, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
            cloud =
                new EmbeddedCloud(EmbeddedLoader.Of(ActivationDelaySec, EmbeddedProfile, SeedConnections, topology));
        }
        catch (System.ArgumentException e) when (EmbeddedTopology.IsRefusal(e))
        {
            ThrowTerminatingError(EmbeddedTopology.Refusal(e, Seed));
            return;
        }

        try
        {
            LastStarted = new EmbeddedCloudServer(cloud, EmbeddedServer.Start(cloud, Port, Certificate));
            WriteObject(LastStarted);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "PortUnavailable", ErrorCategory.ResourceUnavailable, Port));
        }
        catch (System.ArgumentException e) when (e.ParamName == "certificate")
        {
            ThrowTerminatingError(
                new ErrorRecord(
                new System.ArgumentException("-Certificate: "
                + e.Message.Split('\r', '\n')[0].Replace(" (Parameter 'certificate')", ""), nameof(Certificate), e),
                "CertificateWithoutKey", ErrorCategory.InvalidArgument, Certificate));
        }
    }
}
