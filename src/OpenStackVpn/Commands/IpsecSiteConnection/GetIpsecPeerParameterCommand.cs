using System.Management.Automation;
using OpenStackVpn.Core.Peer;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Gets the parameter sheet of IPsec site connections: everything a peer gateway's
/// administrator types into any device.</para>
/// <para type="description">Reads the connection, its VPN service, its IKE and IPsec policies, and the subnets or
/// endpoint groups of both sides, and returns one object per connection with the values for the other end,
/// whatever its make: both public addresses, both ids with their IKE id types (Neutron's '@' rule applied, as the
/// cloud side will check them), the IKE version and phase-1 mode, the IKE and child proposals as IANA transform
/// names and in strongSwan's words, the lifetimes in seconds, the PFS group, DPD, who starts the tunnel, both
/// sides' networks and the MTU.</para>
/// <para type="description">Every property is a scalar or a joined string, so Export-Csv and ConvertTo-Json show the
/// values as they read; the default view is a list that reads like a change ticket. The pre-shared key is never in it
/// (Get-IpsecSiteConnection -IncludeSecret shows it).</para>
/// </summary>
/// <example>
/// <code>$psk = ConvertTo-SecureString 'a-long-random-branch-key-7' -AsPlainText -Force
/// $ike = New-IkePolicy -Name ike-sheet -IkeVersion v2 -EncryptionAlgorithm aes-256 -AuthAlgorithm sha256 -Pfs group14
/// $esp = New-IpsecPolicy -Name esp-sheet -EncryptionAlgorithm aes-256 -AuthAlgorithm sha256 -Pfs group14
/// $vpn = New-VpnService -Name vpn-sheet -Router router1 -Subnet private-subnet
/// $null = New-IpsecSiteConnection -Name branch-1 -VpnService $vpn -IkePolicy $ike -IpsecPolicy $esp `
///     -PeerAddress 198.51.100.11 -PeerCidr 10.11.0.0/24 -Psk $psk
/// Get-IpsecSiteConnection branch-1 | Get-IpsecPeerParameter</code>
/// <para>Shows the sheet of connection branch-1 for the branch's gateway administrator.</para>
/// </example>
/// <example>
/// <code>Get-IpsecSiteConnection | Get-IpsecPeerParameter | Export-Csv ./peers.csv -NoTypeInformation</code>
/// <para>Writes one row per connection, for a spreadsheet or a change request.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "IpsecPeerParameter", DefaultParameterSetName = "InputObject")]
[OutputType(typeof(PeerParameters))]
public sealed class GetIpsecPeerParameterCommand : ConnectionReportCommand
{
    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var session = RequireSession();
        try
        {
            var id = ConnectionId(session);
            var site = Await(cancel => PeerSiteReader.ReadAsync(session, id, Log, cancel));
            site.Connection.ForgetSecrets();
            WriteObject(PeerParameters.From(site));
        }
        catch (OpenStackException e)
        {
            WriteError(ToErrorRecord(e));
        }
    }
}
