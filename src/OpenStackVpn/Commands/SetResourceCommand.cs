using System.Linq;
using System.Management.Automation;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>The Set- cmdlet of any VPNaaS resource: sends only the fields the user named, after checking them.</summary>
public abstract class SetResourceCommand<T> : OneObjectCommand<T> where T : NeutronResource
{
    /// <summary><para type="description">The new name.</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("name")]
    public string? Name { get; set; }

    /// <summary><para type="description">The new description; an empty string clears it.</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("description")]
    public string? Description { get; set; }

    /// <summary><para type="description">Write the changed object to the pipeline.</para></summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The resource this cmdlet changes.</summary>
    protected abstract ResourceKind<T> Kind { get; }

    /// <summary>Resolves references in the changes into ids; may send reads.</summary>
    protected virtual void ResolveReferences(OpenStackSession session, JObject changes, T current)
    {
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var session = RequireSession();
        var id = TargetId;
        try
        {
            var changes = RequestBody.FromBoundParameters(this);
            if (changes.Count == 0)
            {
                throw new OpenStackVpn.OpenStackException(OpenStackErrorKind.InvalidArgument, $"Nothing to change: name at least one property of the {Kind.DisplayName} to set.");
            }

            Kind.Rules.ValidateUpdate(changes, null);
            var current = Await(cancel => ResourceClient.GetAsync(session, Kind, id, null, Log, cancel));
            ResolveReferences(session, changes, current);
            if (!ShouldProcess($"{Kind.DisplayName} '{current.Name}' ({current.Id})", $"Set {string.Join(", ", changes.Properties().Select(p => p.Name))}"))
            {
                return;
            }

            var updated = Await(cancel => ResourceClient.UpdateAsync(session, Kind, current, changes, Log, cancel));
            if (PassThru)
            {
                WriteResource(updated);
            }
        }
        catch (OpenStackVpn.OpenStackException e)
        {
            WriteError(ToErrorRecord(RequestBody.Retell(GetType(), e)));
        }
    }
}
