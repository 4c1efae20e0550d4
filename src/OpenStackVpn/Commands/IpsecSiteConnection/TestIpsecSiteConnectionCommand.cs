using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Core.Peer;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Diagnoses IPsec site connections: a report of typed findings, one per check.</para>
/// <para type="description">A report, not a yes/no: each check is one object with Check, Severity (Ok, Info, Warning, Error), Found, Expected and Action (what to do). From the API alone: the status of the connection and its service, the router's external gateway and the service's public address, the service subnet on the router, legacy versus endpoint-group mode, peer CIDRs overlapping the local ones or another connection's on the same router, the same peer twice on one service, an IP peer id other than the peer address, DPD, MTU and lifetime values that behave badly, and policies the strongSwan driver cannot build.</para>
/// <para type="description">With -PeerConfig (the peer's swanctl.conf, ipsec.conf with its ipsec.secrets beside it, or a Libreswan conn file with its .secrets), every field is compared with what the cloud side expects: addresses, ids, subnets, proposals, IKE version, lifetimes, PFS, DPD, who starts, and the pre-shared key, which is compared without either key being shown. When the connection is DOWN and the file matches, the finding PeerAnswers says the peer does not answer.</para>
/// </summary>
/// <example>
/// <code>Get-IpsecSiteConnection branch-1 | Test-IpsecSiteConnection | Where-Object Severity -ne Ok</code>
/// <para>Shows only what is wrong with the connection, from the API alone.</para>
/// </example>
/// <example>
/// <code>Test-IpsecSiteConnection -Name branch-1 -PeerConfig ./branch-1/swanctl.conf</code>
/// <para>Compares the branch gateway's own configuration with what the cloud expects of it.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Test, "IpsecSiteConnection", DefaultParameterSetName = "Name")]
[OutputType(typeof(ConnectionFinding))]
public sealed class TestIpsecSiteConnectionCommand : ConnectionReportCommand
{
    /// <summary><para type="description">The peer's configuration file to compare: swanctl.conf, ipsec.conf (ipsec.secrets beside it) or a Libreswan conn file (NAME.secrets or ipsec.secrets beside it).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PeerConfig { get; set; }

    /// <summary><para type="description">The format of -PeerConfig, when it cannot be told from the text.</para></summary>
    [Parameter]
    public PeerConfigFormat? PeerConfigFormat { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (PeerConfig != null && !System.IO.File.Exists(GetUnresolvedProviderPathFromPSPath(PeerConfig)))
        {
            ThrowTerminatingError(ToErrorRecord(OpenStackException.Argument(nameof(PeerConfig), $"no file at '{PeerConfig}'.")));
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

            if (PeerConfig != null)
            {
                var (settings, _) = PeerConfigReader.Read(GetUnresolvedProviderPathFromPSPath(PeerConfig), PeerConfigFormat);
                var status = findings.First(f => f.Check == "ConnectionStatus").Severity;
                foreach (var finding in ConnectionDiagnosis.PeerConfigChecks(picture.Site, settings, status))
                {
                    WriteObject(finding);
                }

                settings.Psk?.Dispose();
            }

            picture.Site.Connection.ForgetSecrets();
        }
        catch (OpenStackException e)
        {
            WriteError(ToErrorRecord(e));
        }
    }
}
