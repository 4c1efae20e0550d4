using System.Collections.Generic;
using System.Management.Automation;
using OpenStackVpn.Core.Pair;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Removes both ends of a site pair, in the order each cloud allows.</para>
/// <para type="description">First both connections, then each end's VPN service (kept when it has other connections),
/// then the IKE and IPsec policies and peer endpoint groups that nothing else uses. A local endpoint group given to
/// New-IpsecSitePair is kept. -WhatIf shows the whole plan of both ends. A step that fails stops every step that
/// depends on it on that end. One result per object says what was removed, what was kept, and why.</para>
/// </summary>
/// <example>
/// <code>$a = Connect-OpenStack -Embedded; $b = Connect-OpenStack -Embedded
/// $pair = New-IpsecSitePair -Name dr -Session $a -Router router1 -Subnet private-subnet `
///     -PeerSession $b -PeerRouter member-router -PeerSubnet member-subnet
/// $pair | Remove-IpsecSitePair -WhatIf</code>
/// <para>Shows, in order, the ten objects the removal would delete on both ends.</para>
/// </example>
/// <example>
/// <code>$a = Connect-OpenStack -Embedded; $b = Connect-OpenStack -Embedded
/// $null = New-IpsecSitePair -Name dr -Session $a -Router router1 -Subnet private-subnet `
///     -PeerSession $b -PeerRouter member-router -PeerSubnet member-subnet
/// Remove-IpsecSitePair -Session $a -Connection dr -PeerSession $b -PeerConnection dr -Force |
///     Format-Table Kind, Name, Outcome</code>
/// <para>Removes both ends without asking and shows what happened to each object.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "IpsecSitePair", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = "InputObject")]
[OutputType(typeof(TeardownStep))]
public sealed class RemoveIpsecSitePairCommand : SitePairCommand
{
    /// <summary><para type="description">Remove without asking (-WhatIf still only shows the plan).</para></summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        IReadOnlyList<(OpenStackSession Session, TeardownStep Step)> plan;
        try
        {
            var ends = Ends();
            plan = Await(cancel => PairTeardown.PlanAsync(ends, Log, cancel));
        }
        catch (OpenStackException e)
        {
            WriteError(ToErrorRecord(e));
            return;
        }

        var whatIf = IsWhatIf();
        foreach (var (session, step) in plan)
        {
            var target = $"{step.Target} in {Core.Pair.SitePairPlan.Describe(session)}";
            if (!step.Remove)
            {
                if (whatIf)
                {
                    ShouldProcess(target, $"Keep ({step.Reason})");
                }
                else
                {
                    WriteObject(step);
                }

                continue;
            }

            if (!(Force && !whatIf) && !ShouldProcess(target, "Remove"))
            {
                Teardown.Skip(step, whatIf ? "-WhatIf" : "not confirmed");
                continue;
            }

            WriteProgress(new ProgressRecord(0x5351, "Removing a site pair", target));
            var error = Await(cancel => Teardown.RunAsync(step, session, Log, cancel));
            if (error != null)
            {
                WriteError(ToErrorRecord(error));
            }

            WriteObject(step);
        }

        WriteProgress(new ProgressRecord(0x5351, "Removing a site pair", "done")
        {
            RecordType = ProgressRecordType.Completed,
        });
    }
}
