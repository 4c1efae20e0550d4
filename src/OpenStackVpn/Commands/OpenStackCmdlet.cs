using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStackVpn.Commands;

/// <summary>What every cmdlet shares: -Session, Ctrl+C, Core's diagnostics on the right streams, and OpenStack errors as error records.</summary>
public abstract class OpenStackCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>The session to use; the one Connect-OpenStack made last by default.</summary>
    [Parameter]
    [ValidateNotNull]
    public OpenStackSession? Session { get; set; }

    internal CmdletLogSink Log { get; } = new();

    /// <summary>The session to use, or a terminating error that says to connect.</summary>
    protected OpenStackSession RequireSession()
    {
        var session = Session ?? SessionStore.Default;
        if (session == null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException("Not connected to OpenStack. Run Connect-OpenStack first, or pass -Session."),
                "NotConnected",
                ErrorCategory.ConnectionError,
                null));
        }

        return session!;
    }

    /// <summary>Runs Core work, writing its diagnostics as they come and giving up when the user presses Ctrl+C.</summary>
    protected T Await<T>(Func<CancellationToken, Task<T>> work)
    {
        var task = work(_cancel.Token);
        while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(50))
        {
            Log.Flush(this);
        }

        Log.Flush(this);
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Runs Core work that returns nothing.</summary>
    protected void Await(Func<CancellationToken, Task> work) =>
        Await<bool>(async cancel =>
        {
            await work(cancel).ConfigureAwait(false);
            return true;
        });

    /// <summary>An error record with the category, id and target that the error's kind calls for.</summary>
    protected static ErrorRecord ToErrorRecord(OpenStackException error)
    {
        var record = new ErrorRecord(error, error.ServerErrorType ?? error.Kind.ToString(), CategoryOf(error.Kind), error.Target);
        if (error.RecommendedAction != null)
        {
            record.ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = error.RecommendedAction };
        }

        return record;
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _cancel.Cancel();

    /// <inheritdoc/>
    public void Dispose()
    {
        _cancel.Dispose();
        GC.SuppressFinalize(this);
    }

    private static ErrorCategory CategoryOf(OpenStackErrorKind kind) => kind switch
    {
        OpenStackErrorKind.InvalidArgument or OpenStackErrorKind.BadRequest => ErrorCategory.InvalidArgument,
        OpenStackErrorKind.Configuration => ErrorCategory.InvalidData,
        OpenStackErrorKind.Authentication => ErrorCategory.AuthenticationError,
        OpenStackErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        OpenStackErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        OpenStackErrorKind.Conflict => ErrorCategory.ResourceBusy,
        OpenStackErrorKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
        OpenStackErrorKind.ServerError => ErrorCategory.ResourceUnavailable,
        OpenStackErrorKind.InvalidResponse => ErrorCategory.InvalidResult,
        OpenStackErrorKind.ConnectionFailed => ErrorCategory.ConnectionError,
        OpenStackErrorKind.Timeout => ErrorCategory.OperationTimeout,
        OpenStackErrorKind.Tls => ErrorCategory.SecurityError,
        _ => ErrorCategory.NotSpecified,
    };
}
