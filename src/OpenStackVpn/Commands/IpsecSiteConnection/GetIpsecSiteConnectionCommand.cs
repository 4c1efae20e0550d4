using System.Management.Automation;
using OpenStackVpn.Completion;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Gets IPsec site connections.</para>
/// <para type="description">Shows connections by id, or lists them by name (wildcards allowed) and filters,
/// following Neutron's pages and writing each connection as its page arrives. The pre-shared key is left out
/// unless -IncludeSecret asks for it, and then it is a SecureString: read it on purpose with
/// ConvertFrom-SecureString -AsPlainText.</para>
/// </summary>
/// <example>
/// <code>Get-IpsecSiteConnection</code>
/// <para>Lists every connection of the project.</para>
/// </example>
/// <example>
/// <code>Get-IpsecSiteConnection -Name 'branch-*' -Status ACTIVE</code>
/// <para>Lists the active connections whose names start with branch-.</para>
/// </example>
/// <example>
/// <code>
/// $id = (Get-IpsecSiteConnection -Name vpnconnection1).Id
/// Get-IpsecSiteConnection -Id $id | Format-List</code>
/// <para>Shows every field of one connection.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "IpsecSiteConnection", DefaultParameterSetName = "List")]
[OutputType(typeof(IpsecSiteConnection))]
public sealed class GetIpsecSiteConnectionCommand : GetResourceCommand<IpsecSiteConnection>
{
    /// <summary><para type="description">Only connections of this VPN service: an object, id
    /// or unique name.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [Alias("VpnServiceId")]
    [ValidateNotNull]
    [Field("vpnservice_id")]
    [ReferenceCompletion]
    public object? VpnService { get; set; }

    /// <summary><para type="description">The VPN service from the pipeline: Get-VpnService x |
    /// Get-IpsecSiteConnection.</para></summary>
    [Parameter(ParameterSetName = "List", ValueFromPipeline = true, DontShow = true)]
    [ValidateNotNull]
    [Field("vpnservice_id")]
    public VpnService? InputVpnService { get; set; }

    /// <summary><para type="description">Only connections in this status.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [AllowedValues(typeof(IpsecSiteConnection), "status")]
    [ArgumentCompleter(typeof(FieldValueCompleter))]
    [Field("status")]
    public string? Status { get; set; }

    /// <summary><para type="description">Only connections to this peer address.</para></summary>
    [Parameter(ParameterSetName = "List")]
    [ValidateNotNullOrEmpty]
    [Field("peer_address")]
    public string? PeerAddress { get; set; }

    /// <summary><para type="description">Include the pre-shared key in the output, as a SecureString (read it with
    /// ConvertFrom-SecureString -AsPlainText). Without it, Psk is empty.</para></summary>
    [Parameter]
    public SwitchParameter IncludeSecret { get; set; }

    /// <inheritdoc/>
    protected override bool IncludesSecrets => IncludeSecret;
}
