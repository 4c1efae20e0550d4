using System.Management.Automation;
using OpenStackVpn.Core.Pair;
using OpenStackVpn.Core.Peer;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Compares the two ends of a site pair: a report of typed findings, one per field both ends must
/// agree on.</para>
/// <para type="description">A report, not a yes/no, in the shape of Test-IpsecSiteConnection -PeerConfig: each end is
/// read from its own cloud and checked as the other end's peer gateway, field by field: IKE version, each end's address
/// against the other's peer address, the ids, the networks of both sides, the IKE and IPsec proposals, mode, lifetimes,
/// DPD, who starts, and the pre-shared key, which is compared without either key being shown. The local end's findings
/// come first (ConnectionId is its connection), then the peer end's; a difference shows on both ends. When a connection
/// is DOWN although everything matches, the finding PeerAnswers says the other end does not answer.</para>
/// </summary>
/// <example>
/// <code>$a = Connect-OpenStack -Embedded; $b = Connect-OpenStack -Embedded
/// $pair = New-IpsecSitePair -Name dr -Session $a -Router router1 -Subnet private-subnet `
///     -PeerSession $b -PeerRouter member-router -PeerSubnet member-subnet
/// $pair | Test-IpsecSitePair | Where-Object Severity -in Warning, Error</code>
/// <para>Shows only what the two ends disagree on (nothing, for a pair just made).</para>
/// </example>
/// <example>
/// <code>$a = Connect-OpenStack -Embedded; $b = Connect-OpenStack -Embedded
/// $null = New-IpsecSitePair -Name dr -Session $a -Router router1 -Subnet private-subnet `
///     -PeerSession $b -PeerRouter member-router -PeerSubnet member-subnet
/// $key = ConvertTo-SecureString 'other-key' -AsPlainText -Force
/// Set-IpsecSiteConnection -Session $b -Id (Get-IpsecSiteConnection -Session $b -Name dr).Id -Psk $key
/// Test-IpsecSitePair -Session $a -Connection dr -PeerSession $b -PeerConnection dr |
///     Where-Object Severity -eq Error</code>
/// <para>Names the key that one end changed (PeerConfig.Psk), without showing either key.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Test, "IpsecSitePair", DefaultParameterSetName = "InputObject")]
[OutputType(typeof(ConnectionFinding))]
public sealed class TestIpsecSitePairCommand : SitePairCommand
{
    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        try
        {
            var ends = Ends();
            var findings = Await(cancel => PairComparison.CompareAsync(ends[0].Session, ends[0].ConnectionId,
                ends[1].Session, ends[1].ConnectionId, Log, cancel));
            foreach (var finding in findings)
            {
                WriteObject(finding);
            }
        }
        catch (OpenStackException e)
        {
            WriteError(ToErrorRecord(e));
        }
    }
}
