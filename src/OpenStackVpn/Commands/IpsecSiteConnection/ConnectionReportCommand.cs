namespace OpenStackVpn.Commands;

/// <summary>What Export-IpsecPeerConfig and Test-IpsecSiteConnection share: the connection by name, id or
/// object.</summary>
public abstract class ConnectionReportCommand : OneObjectCommand<IpsecSiteConnection>
{
    /// <summary>The id of the connection the user named, by any parameter set (a name is resolved
    /// with one list request).</summary>
    protected string ConnectionId(OpenStackSession session) => TargetOf(session).Id;
}
