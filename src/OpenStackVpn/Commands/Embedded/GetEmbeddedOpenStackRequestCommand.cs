using System.Management.Automation;
using OpenStackVpn.Embedded;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Gets the requests an embedded OpenStack has handled, oldest first.</para>
/// <para type="description">For tests that must prove what was, or was not, sent. -Clear empties
/// the log after reading it.</para>
/// </summary>
/// <example>
/// <code>Get-EmbeddedOpenStackRequest | Where-Object Method -eq POST</code>
/// <para>Lists the creates sent so far.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "EmbeddedOpenStackRequest")]
[OutputType(typeof(EmbeddedRequestRecord))]
public sealed class GetEmbeddedOpenStackRequestCommand : EmbeddedCmdlet
{
    /// <summary><para type="description">Empty the log after reading it.</para></summary>
    [Parameter]
    public SwitchParameter Clear { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var faults = RequireCloud().Faults;
        WriteObject(faults.Requests, enumerateCollection: true);
        if (Clear)
        {
            faults.ClearRequests();
        }
    }
}
