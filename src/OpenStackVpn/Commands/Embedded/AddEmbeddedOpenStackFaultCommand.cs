using System;
using System.Management.Automation;
using OpenStackVpn.Embedded;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Makes the next requests to an embedded OpenStack fail: with a status and error, a delay,
/// or a dropped connection.</para>
/// <para type="description">For testing a runbook's error handling. The fault applies to the next -Count requests that
/// match -Method and -PathContains. With -AfterHandling the request is carried out first and only its answer is
/// replaced or lost, as when a proxy drops a response.</para>
/// </summary>
/// <example>
/// <code>Add-EmbeddedOpenStackFault -StatusCode 503 -Count 2</code>
/// <para>The next two requests get 503 Service Unavailable (a retry then succeeds).</para>
/// </example>
/// <example>
/// <code>Add-EmbeddedOpenStackFault -Method POST -PathContains ipsec-site-connections `
///     -DropConnection -AfterHandling</code>
/// <para>The next connection create happens, but its answer is lost.</para>
/// </example>
[Cmdlet(VerbsCommon.Add, "EmbeddedOpenStackFault")]
public sealed class AddEmbeddedOpenStackFaultCommand : EmbeddedCmdlet
{
    /// <summary><para type="description">The HTTP status to answer, e.g. 409 or 503 (or 200 with a -RawBody that is not
    /// what it should be).</para></summary>
    [Parameter]
    [ValidateRange(200, 599)]
    public int StatusCode { get; set; }

    /// <summary><para type="description">The NeutronError type of the answer (default: one that
    /// fits the status).</para></summary>
    [Parameter]
    public string? ErrorType { get; set; }

    /// <summary><para type="description">The NeutronError message of the answer.</para></summary>
    [Parameter]
    public string? Message { get; set; }

    /// <summary><para type="description">A raw body instead of a NeutronError, e.g. a
    /// proxy's HTML page.</para></summary>
    [Parameter]
    public string? RawBody { get; set; }

    /// <summary><para type="description">A Retry-After header value for the answer.</para></summary>
    [Parameter]
    public string? RetryAfter { get; set; }

    /// <summary><para type="description">Close the connection instead of answering.</para></summary>
    [Parameter]
    public SwitchParameter DropConnection { get; set; }

    /// <summary><para type="description">Seconds to wait before handling the request (alone: a
    /// slow server).</para></summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public double DelaySec { get; set; }

    /// <summary><para type="description">Carry the request out first, then replace or drop its answer.</para></summary>
    [Parameter]
    public SwitchParameter AfterHandling { get; set; }

    /// <summary><para type="description">Only requests with this method (GET, POST, PUT, DELETE).</para></summary>
    [Parameter]
    [ValidateSet("GET", "POST", "PUT", "DELETE")]
    public string? Method { get; set; }

    /// <summary><para type="description">Only requests whose path contains this text, e.g.
    /// ipsec-site-connections.</para></summary>
    [Parameter]
    public string? PathContains { get; set; }

    /// <summary><para type="description">How many matching requests fail (default 1).</para></summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Count { get; set; } = 1;

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (!MyInvocation.BoundParameters.ContainsKey(nameof(StatusCode)) && !DropConnection && DelaySec <= 0)
        {
            ThrowTerminatingError(new ErrorRecord(
                new System.ArgumentException("Say what the fault does: -StatusCode, -DropConnection or -DelaySec."),
                    "NoFault", ErrorCategory.InvalidArgument, null));
        }

        if (DropConnection && MyInvocation.BoundParameters.ContainsKey(nameof(StatusCode)))
        {
            ThrowTerminatingError(new ErrorRecord(
                new System.ArgumentException(
                    "-DropConnection and -StatusCode exclude each other: a dropped connection has no answer."),
                    "FaultConflict", ErrorCategory.InvalidArgument, null));
        }

        var fault = new EmbeddedFault
        {
            Method = Method,
            PathContains = PathContains,
            Count = Count,
            DropConnection = DropConnection,
            AfterHandling = AfterHandling,
            Delay = DelaySec > 0 ? TimeSpan.FromSeconds(DelaySec) : null,
        };
        if (MyInvocation.BoundParameters.ContainsKey(nameof(StatusCode)))
        {
            fault.Status = StatusCode;
            fault.NeutronType = ErrorType;
            fault.Message = Message;
            fault.RawBody = RawBody;
            fault.RetryAfter = RetryAfter;
        }

        RequireCloud().Faults.Add(fault);
    }
}
