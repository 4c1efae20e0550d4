using System;
using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// What the New- and Set- cmdlets of a resource share: the fields every resource has, and the two ways of writing one:
/// a create and an update. Both send only the fields the user named, checked by Core before any request.
/// </summary>
public abstract class WriteResourceCommand<T> : ResourceCommand<T> where T : NeutronResource
{
    /// <summary><para type="description">The name of the object.</para></summary>
    /// <remarks>In Set, -Name selects the object, as in Get; -NewName renames it.</remarks>
    [Parameter(Position = 1)]
    [ValidateNotNull]
    [Field("name")]
    public virtual string? Name { get; set; }

    /// <summary><para type="description">A description; in Set, an empty string clears it.</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("description")]
    public string? Description { get; set; }

    /// <summary><para type="description">Create the object in another project (admins only).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Field("project_id")]
    public virtual string? ProjectId { get; set; }


    /// <summary>Creates the object from the parameters given, after the rules and references are checked; writes what
    /// <paramref name="created"/> makes of it.</summary>
    protected void Create(Func<T, T>? created = null)
    {
        var session = RequireSession();
        ResourceChange<T> create = null!;
        try
        {
            create =
                Await(cancel
                => ResourceClient.PrepareCreateAsync(session, Kind, FieldParameters.Values(this), Log, cancel));
        }
        catch (OpenStackException e)
        {
            ThrowTerminatingError(ToErrorRecord(FieldParameters.Retell(GetType(), e)));
        }

        if (
            !ShouldProcess(create.Name is { Length: > 0 } name ? $"{Kind.DisplayName} '{name}'"
            : $"a new {Kind.DisplayName}", "Create"))
        {
            return;
        }

        try
        {
            var result = Await(cancel => ResourceClient.CreateAsync(session, create, Log, cancel));
            WriteResource(created == null ? result : created(result));
        }
        catch (OpenStackException e)
        {
            ThrowTerminatingError(ToErrorRecord(FieldParameters.Retell(GetType(), e)));
        }
    }

    /// <summary>
    /// Changes the object a Set cmdlet was pointed at (an object, -Id, or a name or id positionally or with -Name),
    /// a name that finds no single object being the error; with <paramref name="passThru"/>, writes the result.
    /// </summary>
    protected void Update(T? input, string? id, string? name, bool passThru)
    {
        string target;
        try
        {
            target = Pick(RequireSession(), Kind, input, id, name).Id;
        }
        catch (OpenStackException e)
        {
            WriteError(ToErrorRecord(e));
            return;
        }

        Update(target, passThru);
    }

    /// <summary>Changes object <paramref name="id"/>: only the fields the user named; with <paramref
    /// name="passThru"/>, writes the result.</summary>
    protected void Update(string id, bool passThru)
    {
        var session = RequireSession();
        try
        {
            var changes = FieldParameters.Values(this);
            if (changes.Count == 0)
            {
                throw new OpenStackException(OpenStackErrorKind.InvalidArgument,
                    $"Nothing to change: name at least one property of the {Kind.DisplayName} to set.");
            }

            var update = Await(cancel => ResourceClient.PrepareUpdateAsync(session, Kind, id, changes, Log, cancel));
            var current = update.Current!;
            if (
                !ShouldProcess($"{Kind.DisplayName} '{current.Name}' ({current.Id})",
                $"Set {string.Join(", ", update.Fields)}"))
            {
                return;
            }

            var updated = Await(cancel => ResourceClient.UpdateAsync(session, update, Log, cancel));
            if (passThru)
            {
                WriteResource(updated);
            }
        }
        catch (OpenStackException e)
        {
            WriteError(ToErrorRecord(FieldParameters.Retell(GetType(), e)));
        }
    }
}
