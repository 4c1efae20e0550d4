namespace OpenStackVpn.Embedded.Network;

/// <summary>Who is asking: the token's project and whether it has the admin role (admin sees and may change
/// every project's objects).</summary>
internal sealed class NeutronContext
{
    public NeutronContext(string? projectId, bool isAdmin)
    {
        ProjectId = projectId;
        IsAdmin = isAdmin;
    }

    public string? ProjectId { get; }

    public bool IsAdmin { get; }

    public bool CanSee(StoredObject row) => IsAdmin || (ProjectId != null && row.ProjectId == ProjectId);
}
