using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Completion;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>The Remove- cmdlet of any VPNaaS resource: many at once, each confirmed, each
/// failure its own error.</summary>
public abstract class RemoveResourceCommand<T> : ResourceCommand<T> where T : NeutronResource
{
    /// <summary><para type="description">The exact names of the objects to remove, or their ids; a name that several
    /// objects share is refused with their ids (pipe them from Get to remove them all).</para></summary>
    [Parameter(ParameterSetName = "Name", Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [NameCompletion]
    public string[] Name { get; set; } = null!;

    /// <summary><para type="description">The ids of the objects to remove (from the pipeline by property
    /// name).</para></summary>
    [Parameter(ParameterSetName = "Id", Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdCompletion]
    public string[] Id { get; set; } = null!;

    /// <summary><para type="description">The objects to remove, from the pipeline.</para></summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public T[] InputObject { get; set; } = null!;

    /// <summary><para type="description">Remove without asking; -WhatIf still only shows what
    /// would happen.</para></summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private const int ProgressId = 0x524D;   // the bulk-remove bar; one per cmdlet
    private int _attempted;


    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var session = RequireSession();
        foreach (var (id, name) in Targets(session))
        {
            var target = name is { Length: > 0 } ? $"{Kind.DisplayName} '{name}' ({id})" : $"{Kind.DisplayName} {id}";
            if (!(Force && !IsWhatIf()) && !ShouldProcess(target, "Remove"))
            {
                continue;
            }

            try
            {
                WriteProgress(
                    new ProgressRecord(ProgressId, $"Removing {Kind.DisplayPlural}",
                    $"{target} ({_attempted++} done so far)"));
                Await(cancel => ResourceClient.DeleteAsync(session, Kind, id, Log, cancel));
            }
            catch (OpenStackVpn.OpenStackException e) when (
                e.ServerErrorType?.EndsWith("InUse", System.StringComparison.Ordinal) == true)
            {
                WriteError(
                    ToErrorRecord(new OpenStackVpn.OpenStackException(e.Kind, e.Message + UsersOf(session, id), e)
                {
                    StatusCode = e.StatusCode,
                    ServerErrorType = e.ServerErrorType,
                    ServerMessage = e.ServerMessage,
                    RequestId = e.RequestId,
                    Target = id,
                }));
            }
            catch (OpenStackVpn.OpenStackException e)
            {
                WriteError(ToErrorRecord(e));
            }
        }
    }

    /// <summary>The objects the user named, by whichever parameter set; a value that finds no single object is its own
    /// error.</summary>
    protected IEnumerable<(string Id, string? Name)> Targets(OpenStackSession session) => ParameterSetName switch
    {
        "InputObject" => InputObject.Select(o => (o.Id, o.Name)),
        "Name" => Name.Select(n => Named(session, null, n)).Where(t => t != null).Select(t => t!.Value),
        _ => Id.Select(i => Named(session, i, null)).Where(t => t != null).Select(t => t!.Value),
    };

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_attempted > 0)
        {
            WriteProgress(
                new ProgressRecord(ProgressId, $"Removing {Kind.DisplayPlural}",
                $"{_attempted} done") { RecordType = ProgressRecordType.Completed });
        }
    }

    private (string Id, string? Name)? Named(OpenStackSession session, string? id, string? name)
    {
        try
        {
            var (found, read) = Pick<T>(session, Kind, null, id, name);
            return (found, read?.Name);
        }
        catch (OpenStackVpn.OpenStackException e)
        {
            WriteError(ToErrorRecord(e));
            return null;
        }
    }

    // " Used by IPsec site connection(s): a (id), b (id)." from every field that refers to this resource; best effort:
    // the server's refusal stands either way.
    private string UsersOf(OpenStackSession session, string id)
    {
        IReadOnlyList<(ResourceKind Kind, NeutronResource User)> users;
        try
        {
            users = Await(cancel => ResourceClient.FindUsersAsync(session, Kind, id, Log, cancel));
        }
        catch (OpenStackVpn.OpenStackException)
        {
            return "";
        }

        var byKind = users.GroupBy(u => u.Kind, u => u.User)
            .Select(g
                => $"{g.Key.DisplayName}(s): {string.Join(", ", g.Select(u => $"'{u.Name}' ({u.Id})").Distinct())}")
            .ToList();
        return byKind.Count == 0 ? "" : $" Used by {string.Join("; ", byKind)}. Remove those first.";
    }
}
