using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Core.Peer;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">
/// Writes the peer gateway's configuration of IPsec site connections (strongSwan, Libreswan, or a vendor's: Cisco,
/// Juniper, FortiGate, Palo Alto, MikroTik, VyOS, Windows RRAS).
/// </para>
/// <para type="description">Reads the connection, its VPN service, its IKE and IPsec policies, and the subnets or
/// endpoint groups of both sides, and writes the other end's configuration from them: the cloud's public address (the
/// service's external IP), the peer's own address and both ids as Neutron will check them (Neutron puts '@' on both ids
/// when either is not an IP address, also before an id that already starts with '@'), the networks of both sides, the
/// IKE version, the proposals in the format's own names for every value of the newest neutron-vpnaas (aes-128 becomes
/// aes128, group14 modp2048, group28 ecp256bp; Libreswan's aes_gcm_c256-sha2_256;dh19), lifetimes, PFS, DPD, who
/// initiates, the encapsulation mode and transform, and the MTU where the format has one.</para>
/// <para type="description">The pre-shared key is a placeholder unless -IncludeSecret is given. Without -Path the files
/// are written to the pipeline as objects (FileName, Content); with -Path they are written into that folder, readable
/// by their owner only. A connection whose settings the format cannot express (for example ah-esp, or CCM in IKE for
/// Libreswan) is refused for that format, with the reason. With -Path, all connections of the command become one peer
/// gateway's files; -PeerLocalAddress serves a gateway behind NAT. Get-IpsecPeerParameter gives the same values as a
/// sheet for any other device.</para>
/// </summary>
/// <example>
/// <code>
/// $psk = ConvertTo-SecureString 'example-key-1' -AsPlainText -Force   # or: Read-Host -AsSecureString
/// New-IpsecSiteConnection -Name branch-1 -VpnService vpnservice1 -IkePolicy ikepolicy1 -IpsecPolicy ipsecpolicy1 `
///     -PeerAddress 203.0.113.10 -PeerCidr 10.61.0.0/24 -Psk $psk
/// Get-IpsecSiteConnection branch-1 | Export-IpsecPeerConfig -Path ./branch-1 -IncludeSecret</code>
/// <para>Writes ./branch-1/swanctl.conf for the branch's strongSwan gateway, with the pre-shared key.</para>
/// </example>
/// <example>
/// <code>
/// $psk = ConvertTo-SecureString 'example-key-1' -AsPlainText -Force   # or: Read-Host -AsSecureString
/// New-IpsecSiteConnection -Name branch-1 -VpnService vpnservice1 -IkePolicy ikepolicy1 -IpsecPolicy ipsecpolicy1 `
///     -PeerAddress 203.0.113.10 -PeerCidr 10.61.0.0/24 -Psk $psk
/// (Export-IpsecPeerConfig -Name branch-1 -Format IpsecConf).Content</code>
/// <para>Shows the ipsec.conf and ipsec.secrets of the peer (the key as a placeholder).</para>
/// </example>
/// <example>
/// <code>
/// $psk = ConvertTo-SecureString 'example-key-1' -AsPlainText -Force   # or: Read-Host -AsSecureString
/// New-IpsecSiteConnection -Name branch-1 -VpnService vpnservice1 -IkePolicy ikepolicy1 -IpsecPolicy ipsecpolicy1 `
///     -PeerAddress 203.0.113.10 -PeerCidr 10.61.0.0/24 -Psk $psk -OutVariable connection
/// # on the gateway, the folder is /etc/ipsec.d
/// Export-IpsecPeerConfig -Id $connection.Id -Format Libreswan -Path ./ipsec.d -IncludeSecret</code>
/// <para>Writes neutron-ID.conf and neutron-ID.secrets for a Libreswan gateway.</para>
/// </example>
/// <example>
/// <code>$null = Connect-OpenStack -Embedded -ActivationDelaySec 0
/// $psk = ConvertTo-SecureString 'branchKey7' -AsPlainText -Force
/// $ike = New-IkePolicy -Name ike-fg -IkeVersion v2 -EncryptionAlgorithm aes-256 -AuthAlgorithm sha256 -Pfs group14
/// $esp = New-IpsecPolicy -Name esp-fg -Pfs group14
/// $vpn = New-VpnService -Name vpn-fg -Router router1 -Subnet private-subnet
/// $c = New-IpsecSiteConnection -Name branch-fg -VpnService $vpn -IkePolicy $ike -IpsecPolicy $esp `
///     -PeerAddress 198.51.100.7 -PeerCidr 10.7.0.0/24 -Psk $psk
/// ($c | Export-IpsecPeerConfig -Format FortiGate).Content</code>
/// <para>
/// Writes the FortiGate side of a branch (phase1-interface, phase2-interface, route and policies), the key as a
/// placeholder.
/// </para>
/// </example>
/// <example>
/// <code>$null = Connect-OpenStack -Embedded -ActivationDelaySec 0
/// $psk = ConvertTo-SecureString 'one-gateway-two-tunnels-key' -AsPlainText -Force
/// $ike = New-IkePolicy -Name ike-gw
/// $esp = New-IpsecPolicy -Name esp-gw
/// $vpn = New-VpnService -Name vpn-gw -Router router1 -Subnet private-subnet
/// $a = New-IpsecSiteConnection -Name branch-1-a -VpnService $vpn -IkePolicy $ike -IpsecPolicy $esp `
///     -PeerAddress 198.51.100.9 -PeerCidr 10.9.0.0/24 -Psk $psk
/// $b = New-IpsecSiteConnection -Name branch-1-b -VpnService $vpn -IkePolicy $ike -IpsecPolicy $esp `
///     -PeerAddress 198.51.100.9 -PeerCidr 10.19.0.0/24 -Psk $psk
/// Get-IpsecSiteConnection -Name 'branch-1-*' |
///     Export-IpsecPeerConfig -Path ./branch-1 -IncludeSecret -PeerLocalAddress %any</code>
/// <para>
/// Writes one swanctl.conf with both connections of the branch's gateway, for a gateway behind NAT (it does not own
/// 198.51.100.9, so it listens on any address).
/// </para>
/// </example>
[Cmdlet(VerbsData.Export, "IpsecPeerConfig", DefaultParameterSetName = "Name", SupportsShouldProcess = true)]
[OutputType(typeof(PeerConfigFile))]
public sealed class ExportIpsecPeerConfigCommand : ConnectionReportCommand
{
    private readonly List<PeerSite> _sites = new();

    /// <summary>
    /// <para type="description">The peer's configuration language. Swanctl (default; strongSwan swanctl.conf) and
    /// IpsecConf (strongSwan ipsec.conf and ipsec.secrets): proven in a tunnel. Libreswan: read back only.</para>
    /// <para type="description">CiscoIosXe, CiscoAsa, JuniperSrx, FortiGate, PaloAlto, MikroTik (RouterOS 7), VyOS
    /// (1.4) and WindowsRras (a RemoteAccess PowerShell script): written from the vendor's documentation; not run on
    /// the device. Each block of these files names its documentation page; a value the platform cannot express is
    /// refused for that format with the reason. about_OpenStackVpn_PeerFormats lists what each covers and refuses.
    /// </para>
    /// </summary>
    [Parameter]
    public PeerConfigFormat Format { get; set; } = PeerConfigFormat.Swanctl;

    /// <summary><para type="description">The folder to write the files into (created if missing); each file is
    /// readable by its owner only. All connections given to one command go into one set of files for one peer
    /// gateway (several connections of one peer: one swanctl.conf, one ipsec.conf and ipsec.secrets, one Libreswan
    /// .conf and .secrets); connections of different peers are refused. In swanctl.conf, connections whose IKE
    /// settings are equal are children of one connection, as the cloud negotiates them in one IKE SA. Without -Path,
    /// each connection's files go to the pipeline.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary><para type="description">Write the connection's real pre-shared key instead of a placeholder. If the
    /// cloud's answer holds no key, the connection is not written and an error says so.</para></summary>
    [Parameter]
    public SwitchParameter IncludeSecret { get; set; }

    /// <summary><para type="description">The peer gateway's own address, for a peer behind NAT that does not own the
    /// public address the cloud knows (peer_address): its private address, %any, or %defaultroute (IpsecConf and
    /// Libreswan). The ids stay what the cloud expects.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PeerLocalAddress { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var session = RequireSession();
        try
        {
            var id = ConnectionId(session);
            var site = Await(cancel => PeerSiteReader.ReadAsync(session, id, Log, cancel));
            if (Path != null)
            {
                // One peer gateway's files for all connections of the command: written when all have been read.
                _sites.Add(site);
                return;
            }

            var files = PeerConfigWriter.Write(new[] { site }, Format, IncludeSecret, PeerLocalAddress);
            site.Connection.ForgetSecrets();
            WriteObject(files, enumerateCollection: true);
        }
        catch (OpenStackException e)
        {
            WriteError(ToErrorRecord(e));
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (Path == null || _sites.Count == 0)
        {
            return;
        }

        var ids = string.Join(", ", _sites.Select(s => s.Connection.Id));
        try
        {
            var files = PeerConfigWriter.Write(_sites, Format, IncludeSecret, PeerLocalAddress);
            var folder = GetUnresolvedProviderPathFromPSPath(Path);
            foreach (var file in files)
            {
                var target = System.IO.Path.Combine(folder, file.FileName);
                if (
                    ShouldProcess(target,
                    $"Write the {Format} peer configuration of connection(s) " +
                    $"{ids}{(file.HoldsSecret ? ", with the pre-shared key" : "")}"))
                {
                    OwnerOnlyFile.Write(file, folder);
                    WriteObject(file);
                }
            }
        }
        catch (OpenStackException e)
        {
            WriteError(ToErrorRecord(e));
        }
        catch (IOException e)
        {
            WriteError(new ErrorRecord(e, "PeerConfigNotWritten", ErrorCategory.WriteError, Path));
        }
        finally
        {
            foreach (var site in _sites)
            {
                site.Connection.ForgetSecrets();
            }
        }
    }
}
