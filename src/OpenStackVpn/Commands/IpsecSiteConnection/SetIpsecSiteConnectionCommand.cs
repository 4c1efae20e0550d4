using System.Management.Automation;
using OpenStackVpn.Completion;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Changes an IPsec site connection: peer, CIDRs, PSK, DPD, MTU, admin state, name.</para>
/// <para type="description">Sends only what is named (a partial DPD change keeps the rest). -Psk rotates the pre-shared
/// key; -LocalId '' and -Description '' clear them. The service and policies cannot change, and a connection cannot
/// switch between peer CIDRs and endpoint groups. Neutron refuses changes while the connection is PENDING_*. The object
/// is named as Get names it: its exact name or its id, positionally or with -Name (a name several objects share is
/// refused with their ids), -Id, or the object from the pipeline; -NewName renames it.</para>
/// </summary>
/// <example>
/// <code>
/// $psk = ConvertTo-SecureString 'example-key-1' -AsPlainText -Force   # or: Read-Host -AsSecureString
/// New-IpsecSiteConnection -Name branch-1 -VpnService vpnservice1 -IkePolicy ikepolicy1 -IpsecPolicy ipsecpolicy1 `
///     -PeerAddress 203.0.113.10 -PeerCidr 10.61.0.0/24 -Psk $psk
/// $newPsk = ConvertTo-SecureString 'example-key-2' -AsPlainText -Force   # or: Read-Host -AsSecureString 'New PSK'
/// Get-IpsecSiteConnection branch-1 | Set-IpsecSiteConnection -Psk $newPsk -Confirm:$false</code>
/// <para>Rotates the pre-shared key.</para>
/// </example>
/// <example>
/// <code>
/// $id = (Get-IpsecSiteConnection -Name vpnconnection1).Id
/// Set-IpsecSiteConnection -Id $id -DpdTimeout 240 -PassThru</code>
/// <para>Raises the DPD timeout and shows the result.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "IpsecSiteConnection", SupportsShouldProcess = true, DefaultParameterSetName = "Name")]
[OutputType(typeof(IpsecSiteConnection))]
public sealed class SetIpsecSiteConnectionCommand : IpsecSiteConnectionCommand
{
    /// <summary><para type="description">The exact name of the connection to change, or its id; a name that several
    /// share is refused with their ids. To rename, use -NewName.</para></summary>
    [Parameter(ParameterSetName = "Name", Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [NameCompletion]
    public override string? Name { get; set; }

    /// <summary><para type="description">The id of the connection (from the pipeline by property
    /// name).</para></summary>
    [Parameter(ParameterSetName = "Id", Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdCompletion]
    public string Id { get; set; } = null!;

    /// <summary><para type="description">The connection, from the pipeline.</para></summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public IpsecSiteConnection InputObject { get; set; } = null!;

    /// <summary><para type="description">A new name for the connection: -NewName renames it (-Name selects it, as in
    /// Get).</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("name")]
    public string? NewName { get; set; }

    /// <summary><para type="description">Write the changed connection to the pipeline.</para></summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Not a parameter here: the project is set when the connection is created.</summary>
    public override string? ProjectId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() => Update(InputObject, Id, Name, PassThru);
}
