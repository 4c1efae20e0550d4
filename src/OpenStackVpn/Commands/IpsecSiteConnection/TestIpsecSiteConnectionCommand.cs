using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Completion;
using OpenStackVpn.Core.Peer;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Diagnoses IPsec site connections: a report of typed findings, one per check.</para>
/// <para type="description">A report, not a yes/no: each check is one object with Check, Severity (Ok, Info, Warning,
/// Error), Found, Expected, Source (the peer file's path and line, or the API object by name and id) and Action (what
/// to do). The default view shows one line per finding; Format-List shows Source and Action. An Error keeps the tunnel
/// down, a Warning makes it fail later or one way, an Info is a difference both sides live with; every rule follows
/// what neutron-vpnaas's strongSwan and Libreswan templates write. A connection built from Neutron's defaults, with the
/// peer file Export-IpsecPeerConfig writes, gives no Warning and no Error.</para>
/// <para type="description">From the API alone: the status of the connection and its service, the router's external
/// gateway and the service's public address, the service subnet on the router, legacy versus endpoint-group mode, peer
/// CIDRs overlapping the local ones or another connection's on the same router, the same peer twice on one service, the
/// peer id against the peer address (and id types: an IP peer_id with a name as local_id goes on the wire as an FQDN
/// id), DPD, MTU, lifetimes within strongSwan's rekey margin, a PSK under 20 characters (PskStrength), policies the
/// drivers cannot build, and (CurrentPeers) settings that current peers refuse or do not build by default.</para>
/// <para type="description">With -PeerConfig, the peer gateway's files as found: swanctl.conf (with its includes, e.g.
/// conf.d/*.conf), strongSwan's ipsec.conf, Libreswan's ipsec.conf and ipsec.d/*.conf, or a vendor's running
/// configuration in any -Format of Export-IpsecPeerConfig (our tunnel picked among the others by its name or address).
/// Of several connections in the files, the one whose addresses, ids and subnets fit is compared (PeerConfig.Connection
/// says which, or that none fits). Keys are read where gateways keep them: swanctl's secrets, NAME.secrets,
/// ipsec.secrets beside the file or one folder up, ipsec.d/*.secrets and what they include. Proposals are compared by
/// meaning, in both strongSwan's and Libreswan's words; %any and %defaultroute are understood. The pre-shared key is
/// compared without either key being shown. When the connection is DOWN and the file matches, the finding
/// PeerAnswers says the peer does not
/// answer.</para>
/// <para type="description">With -PeerProfile, every setting the named kind of peer cannot negotiate is an Error with
/// the documentation it rests on, before the peer is configured. A vendor format's name (FortiGate, JuniperSrx...) is
/// a profile too: its value table for Export-IpsecPeerConfig says what that platform cannot express.</para>
/// </summary>
/// <example>
/// <code>
/// $ike = New-IkePolicy -Name defaults-ike
/// $esp = New-IpsecPolicy -Name defaults-esp
/// $svc = New-VpnService -Name defaults-vpn -Router router1 -Subnet private-subnet
/// $psk = ConvertTo-SecureString 'a-long-random-key-of-24ch' -AsPlainText -Force
/// $c = New-IpsecSiteConnection -Name branch-1 -VpnService $svc -IkePolicy $ike -IpsecPolicy $esp `
///     -PeerAddress 172.24.4.230 -PeerCidr 10.8.0.0/24 -Psk $psk
/// $c | Test-IpsecSiteConnection | Where-Object Severity -ne Ok
/// </code>
/// <para>Builds a connection from Neutron's defaults and shows only what is not Ok about it, from the API alone.</para>
/// </example>
/// <example>
/// <code>
/// $null = Export-IpsecPeerConfig -Name vpnconnection1 -Path ./vpnconnection1 -IncludeSecret
/// Test-IpsecSiteConnection -Name vpnconnection1 -PeerConfig ./vpnconnection1/swanctl.conf |
///     Format-List Severity, Check, Found, Expected, Source, Action
/// </code>
/// <para>Compares the peer gateway's own configuration (here the file the module exported) with what the cloud expects
/// of it, each value with the file and line it was read from.</para>
/// </example>
/// <example>
/// <code>
/// Test-IpsecSiteConnection -Name vpnconnection1 -PeerProfile strongswan-6 | Where-Object Check -like 'PeerProfile*'
/// </code>
/// <para>Before configuring a strongSwan 6 peer: what of the connection's policies it cannot negotiate, and where the
/// documentation says so.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Test, "IpsecSiteConnection", DefaultParameterSetName = "Name")]
[OutputType(typeof(ConnectionFinding))]
public sealed class TestIpsecSiteConnectionCommand : ConnectionReportCommand
{
    private Core.Peer.PeerProfile? _profile;

    /// <summary><para type="description">The peer's configuration file to compare: swanctl.conf, strongSwan's
    /// ipsec.conf or a Libreswan conn file, with what it includes and the secrets where the gateway keeps them
    /// (swanctl's secrets section, NAME.secrets, ipsec.secrets beside it or one folder up,
    /// ipsec.d/*.secrets).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PeerConfig { get; set; }

    /// <summary><para type="description">The format of -PeerConfig, when it cannot be told
    /// from the text.</para></summary>
    [Parameter]
    public PeerConfigFormat? PeerConfigFormat { get; set; }

    /// <summary><para type="description">A kind of peer (strongswan-5.9, strongswan-6, libreswan-4, libreswan-5, or a
    /// vendor format's name: CiscoIosXe, CiscoAsa, JuniperSrx, FortiGate, PaloAlto, MikroTik, VyOS, WindowsRras):
    /// reports every setting of the connection that peer cannot negotiate, before it is configured, one Error each.
    /// Each finding names the documentation it rests on; a vendor's comes from its Export-IpsecPeerConfig value
    /// table.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PeerProfileCompleter))]
    public string? PeerProfile { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (PeerConfig != null && !System.IO.File.Exists(GetUnresolvedProviderPathFromPSPath(PeerConfig)))
        {
            ThrowTerminatingError(
                ToErrorRecord(OpenStackException.Argument(nameof(PeerConfig), $"no file at '{PeerConfig}'.")));
        }

        if (PeerProfile != null)
        {
            try
            {
                _profile = Core.Peer.PeerProfiles.Named(PeerProfile);
            }
            catch (OpenStackException e)
            {
                ThrowTerminatingError(ToErrorRecord(e));
            }
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var session = RequireSession();
        try
        {
            var id = ConnectionId(session);
            var picture = Await(cancel => ConnectionPicture.ReadAsync(session, id, Log, cancel));
            var findings = ConnectionDiagnosis.ApiChecks(picture);
            foreach (var finding in findings)
            {
                WriteObject(finding);
            }

            if (_profile != null)
            {
                foreach (var finding in Core.Peer.PeerProfiles.Check(picture.Site, _profile))
                {
                    WriteObject(finding);
                }
            }

            if (PeerConfig != null)
            {
                var file = PeerFileReaders.Read(GetUnresolvedProviderPathFromPSPath(PeerConfig),
                    PeerConfigFormat?.ToString(), picture.Site);
                var (chosen, choice) = PeerConnectionChoice.Choose(file, picture.Site);
                choice.ConnectionName = picture.Site.Connection.Name;
                WriteObject(choice);
                if (chosen != null)
                {
                    var status = findings.First(f => f.Check == "ConnectionStatus").Severity;
                    foreach (var finding in ConnectionDiagnosis.PeerConfigChecks(picture.Site, chosen, status))
                    {
                        WriteObject(finding);
                    }
                }

                foreach (var connection in file.Connections)
                {
                    connection.Settings.Psk?.Dispose();
                }
            }

            picture.Site.Connection.ForgetSecrets();
        }
        catch (OpenStackException e)
        {
            WriteError(ToErrorRecord(e));
        }
    }
}
