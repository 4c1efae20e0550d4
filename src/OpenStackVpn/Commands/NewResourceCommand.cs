using System.Management.Automation;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>The New- cmdlet of any VPNaaS resource: body from the parameters given, rules checked before any request, then one create.</summary>
public abstract class NewResourceCommand<T> : OpenStackCmdlet where T : NeutronResource
{
    /// <summary><para type="description">The name of the new object.</para></summary>
    [Parameter(Position = 0)]
    [ValidateNotNull]
    [Field("name")]
    public string? Name { get; set; }

    /// <summary><para type="description">A description.</para></summary>
    [Parameter]
    [ValidateNotNull]
    [Field("description")]
    public string? Description { get; set; }

    /// <summary><para type="description">Create the object in another project (admins only).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Field("project_id")]
    public string? ProjectId { get; set; }

    /// <summary>The resource this cmdlet creates.</summary>
    protected abstract ResourceKind<T> Kind { get; }

    /// <summary>Resolves references the resource's own rules need as ids (a subnet group's subnets); may send reads, before the rules run.</summary>
    protected virtual void ResolveBeforeRules(OpenStackSession session, JObject body)
    {
    }

    /// <summary>Resolves references (objects, ids or names) into ids and checks rules that need other objects; may send reads.</summary>
    protected virtual void ResolveReferences(OpenStackSession session, JObject body)
    {
    }

    /// <summary>Runs after the create, e.g. to wait for the object to become active; returns what to output.</summary>
    protected virtual T AfterCreate(OpenStackSession session, T created) => created;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var session = RequireSession();
        JObject body = new();
        try
        {
            body = RequestBody.FromBoundParameters(this);
            ResolveBeforeRules(session, body);
            Kind.Rules.ValidateCreate(body);
            ResolveReferences(session, body);
        }
        catch (OpenStackException e)
        {
            ThrowTerminatingError(ToErrorRecord(RequestBody.Retell(GetType(), e)));
        }

        if (!ShouldProcess((string?)body["name"] is { Length: > 0 } name ? $"{Kind.DisplayName} '{name}'" : $"a new {Kind.DisplayName}", "Create"))
        {
            return;
        }

        try
        {
            var created = Await(cancel => ResourceClient.CreateAsync(session, Kind, body, Log, cancel));
            WriteResource(AfterCreate(session, created));
        }
        catch (OpenStackException e)
        {
            ThrowTerminatingError(ToErrorRecord(RequestBody.Retell(GetType(), e)));
        }
    }
}
