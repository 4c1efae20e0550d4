using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Removes VPN services; with -Recurse, their connections first, and optionally the policies and
/// endpoint groups nothing else uses.</para>
/// <para type="description">Without -Recurse, a service with connections cannot be removed; the error lists them. With
/// -Recurse the service is torn down in the order Neutron allows: its IPsec site connections, then the service, then
/// (with -IncludePolicies) the IKE and IPsec policies and (with -IncludeEndpointGroups) the endpoint groups those
/// connections used, each only if no other connection uses it. -WhatIf shows the whole plan in order. A step that fails
/// stops every step that depends on it (a service waits for its connections, a policy for the connections that used
/// it). One result per object says what was removed, what was kept, and why.</para>
/// </summary>
/// <example>
/// <code>
/// New-VpnService -Name example-vpn -Router router1 -Subnet private-subnet
/// Remove-VpnService -Name example-vpn -Force</code>
/// <para>Removes the service vpn1 without asking.</para>
/// </example>
/// <example>
/// <code>
/// Remove-VpnService -Name vpnservice1 -Recurse -IncludePolicies -IncludeEndpointGroups -WhatIf</code>
/// <para>Shows, in order, everything a teardown of vpn1 would remove and what it would keep.</para>
/// </example>
/// <example>
/// <code>
/// Remove-VpnService -Name vpnservice1 -Recurse -IncludePolicies -IncludeEndpointGroups -Force | Format-Table</code>
/// <para>Removes vpn1, its connections, and the policies and groups only they used; shows what happened to each.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "VpnService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = "Name")]
[OutputType(typeof(TeardownStep))]
public sealed class RemoveVpnServiceCommand : RemoveResourceCommand<VpnService>
{
    /// <summary><para type="description">Remove the service's IPsec site connections first, then the service; writes
    /// one result per object.</para></summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary><para type="description">With -Recurse: also remove the IKE and IPsec policies the connections used,
    /// unless another connection uses them.</para></summary>
    [Parameter]
    public SwitchParameter IncludePolicies { get; set; }

    /// <summary><para type="description">With -Recurse: also remove the endpoint groups the connections used, unless
    /// another connection uses them.</para></summary>
    [Parameter]
    public SwitchParameter IncludeEndpointGroups { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (!Recurse)
        {
            if (IncludePolicies || IncludeEndpointGroups)
            {
                ThrowTerminatingError(
                    ToErrorRecord(
                    OpenStackException.Argument(IncludePolicies ? nameof(IncludePolicies)
                    : nameof(IncludeEndpointGroups),
                    "it only applies with -Recurse, which removes the service's connections first.")));
            }

            base.ProcessRecord();
            return;
        }

        var session = RequireSession();
        foreach (var (id, _) in Targets(session))
        {
            IReadOnlyList<TeardownStep> plan;
            try
            {
                var service = Await(cancel => ResourceClient.GetAsync(session, Kind, id, null, Log, cancel));
                plan =
                    Await(cancel
                    => Teardown.PlanAsync(session, service, IncludePolicies, IncludeEndpointGroups, Log, cancel));
            }
            catch (OpenStackException e)
            {
                WriteError(ToErrorRecord(e));
                continue;
            }

            Run(session, plan);
        }
    }

    private void Run(OpenStackSession session, IReadOnlyList<TeardownStep> plan)
    {
        var whatIf = IsWhatIf();
        foreach (var step in plan)
        {
            if (!step.Remove)
            {
                if (whatIf)
                {
                    ShouldProcess(step.Target, $"Keep ({step.Reason})");
                }
                else
                {
                    WriteObject(step);
                }

                continue;
            }

            if (!(Force && !whatIf) && !ShouldProcess(step.Target, "Remove"))
            {
                Teardown.Skip(step, whatIf ? "-WhatIf" : "not confirmed");
                continue;
            }

            WriteProgress(new ProgressRecord(0x5444, "Tearing down a VPN service", step.Target));
            var error = Await(cancel => Teardown.RunAsync(step, session, Log, cancel));
            if (error != null)
            {
                WriteError(ToErrorRecord(error));
            }

            WriteObject(step);
        }

        WriteProgress(
            new ProgressRecord(0x5444, "Tearing down a VPN service",
            "done") { RecordType = ProgressRecordType.Completed });
    }
}
