using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>What every cmdlet shares: -Session, Ctrl+C, Core's diagnostics on the right streams, and OpenStack
/// errors as error records.</summary>
public abstract class OpenStackCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary><para type="description">The session to use; by default the one
    /// Connect-OpenStack made last.</para></summary>
    [Parameter]
    [ValidateNotNull]
    public virtual OpenStackSession? Session { get; set; }

    private CmdletLogSink? _log;

    internal CmdletLogSink Log => _log ??= new CmdletLogSink(DebugWanted());

    /// <summary>True when the user asked for secrets (the PSK) in the output with -IncludeSecret.</summary>
    protected virtual bool IncludesSecrets => false;

    /// <summary>The session to use, or a terminating error that says to connect.</summary>
    protected OpenStackSession RequireSession()
    {
        var session = Session ?? SessionStore.Default;
        if (session == null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException(
                    "Not connected to OpenStack. Run Connect-OpenStack first, or pass -Session."),
                "NotConnected",
                ErrorCategory.ConnectionError,
                null));
        }

        return session!;
    }

    /// <summary>Runs Core work, writing its diagnostics as they come and giving up when the
    /// user presses Ctrl+C.</summary>
    protected internal T Await<T>(Func<CancellationToken, Task<T>> work)
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
        if (error.Kind == OpenStackErrorKind.InvalidArgument && error.ParameterName is { } parameter
            && !error.Message.StartsWith("-", StringComparison.Ordinal))
        {
            error = FieldParameters.Naming(error, parameter);
        }

        var record = new ErrorRecord(error, error.ServerErrorType ?? error.Kind.ToString(), CategoryOf(error.Kind),
            error.Target);
        if (error.RecommendedAction != null)
        {
            record.ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = error.RecommendedAction };
        }

        return record;
    }

    /// <summary>Writes an object with the fields the model does not name added as note properties, so nothing the
    /// server sent is lost.</summary>
    protected void WriteResource(NeutronResource resource)
    {
        if (!IncludesSecrets)
        {
            resource.ForgetSecrets();
        }

        var output = PSObject.AsPSObject(resource);
        foreach (var extra in resource.AdditionalProperties)
        {
            var name =
                string.Concat(
                extra.Key.Split('_').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0])
                + part.Substring(1)));
            if (output.Properties[name] == null)
            {
                output.Properties.Add(new PSNoteProperty(name, extra.Value));
            }
        }

        WriteObject(output);
    }

    /// <summary>The object a reference parameter names: the object itself, or the one its id
    /// or unique name finds.</summary>
    protected TRef Resolve<TRef>(OpenStackSession session, ResourceKind<TRef> kind, object value, string parameter)
        where TRef : NeutronResource =>
        (TRef)Await(cancel
            => ResourceClient.ResolveReferenceAsync(session, kind, value is PSObject ps ? ps.BaseObject : value,
            parameter, Log, cancel));

    /// <summary>
    /// The existing object a cmdlet was pointed at, the one way every such cmdlet names it: an object from the pipeline
    /// as it is; -Id as given, when it is an id (a UUID: a name given as -Id is refused, never sent as an id); a name
    /// (positional or -Name) as Get finds it: a UUID is tried as an id first, else it is the exact name, and a name
    /// that several objects share is refused with their ids. Returns the id, and the object when it was read.
    /// </summary>
    protected (string Id, TObject? Found) Pick<TObject>(
        OpenStackSession session, ResourceKind<TObject> kind, TObject? input, string? id, string? name)
        where TObject : NeutronResource
    {
        if (input != null)
        {
            return (input.Id, input);
        }

        if (id != null)
        {
            return Core.Resources.Rules.FieldRules.IsUuid(id)
                ? (id, null)
                : throw OpenStackException.Argument("Id", $"'{id}' is not an id ({kind.DisplayName} ids are UUIDs). "
                    + $"To name the {kind.DisplayName}, give its name positionally or with -Name.");
        }

        var found = Resolve(session, kind, name!, "Name");
        return (found.Id, found);
    }

    /// <summary>True when -WhatIf is in effect, by parameter or preference.</summary>
    protected bool IsWhatIf() =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? ((SwitchParameter)whatIf).IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>
    /// Writes every object of a list as soon as it is read, while the next page is fetched; Core's diagnostics are
    /// written as they come, Ctrl+C or a consumer that stops early (Select-Object -First) ends the reading. An error of
    /// the list is thrown after the objects before it.
    /// </summary>
    internal void WriteList<TItem>(OpenStackSession session, ResourceKind<TItem> kind, ListQuery query,
        ListProgress? progress, Action<TItem> each)
        where TItem : NeutronResource
    {
        using var list = ListStream<TItem>.Start(session, kind, query, Log, _cancel.Token);
        var wait = TimeSpan.FromMilliseconds(50);
        var taken = 0;
        while (true)
        {
            bool done;
            progress?.Update(this, list.PagesRead, list.More, taken);
            try
            {
                if (list.TryTake(wait, out var items, out done))
                {
                    if (!Log.IsEmpty)
                    {
                        Log.Flush(this); // a page's Verbose line comes before its objects
                    }

                    foreach (var item in items)
                    {
                        taken++;
                        each(item);
                        list.Handled();
                    }

                    continue;
                }
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                Log.Flush(this);
            }

            if (_cancel.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            if (done)
            {
                progress?.Done(this, list.PagesRead, taken);
                return;
            }
        }
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _cancel.Cancel();

    private bool DebugWanted()
    {
        if (MyInvocation.BoundParameters.TryGetValue("Debug", out var debug))
        {
            return ((SwitchParameter)debug).IsPresent;
        }

        return LanguagePrimitives.TryConvertTo(GetVariableValue("DebugPreference"), out ActionPreference preference)
            && preference is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);
    }

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
