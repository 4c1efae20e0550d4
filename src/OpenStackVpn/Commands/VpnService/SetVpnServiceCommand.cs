using System.Management.Automation;
using OpenStackVpn.Completion;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Changes a VPN service's name, description or admin state.</para>
/// <para type="description">Sends only what is named. The router and subnet cannot change: create a new service instead.</para>
/// </summary>
/// <example>
/// <code>
/// Get-VpnService vpnservice1 | Set-VpnService -AdminStateUp $false</code>
/// <para>Takes the service administratively down.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "VpnService", SupportsShouldProcess = true, DefaultParameterSetName = "Id")]
[OutputType(typeof(VpnService))]
public sealed class SetVpnServiceCommand : VpnServiceCommand
{
    /// <summary><para type="description">The id of the service.</para></summary>
    [Parameter(ParameterSetName = "Id", Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdCompletion]
    public string Id { get; set; } = null!;

    /// <summary><para type="description">The service, from the pipeline.</para></summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public VpnService InputObject { get; set; } = null!;

    /// <summary><para type="description">Write the changed service to the pipeline.</para></summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Not a parameter here: the project is set when the service is created.</summary>
    public override string? ProjectId { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() => Update(ParameterSetName == "Id" ? Id : InputObject.Id, PassThru);
}
