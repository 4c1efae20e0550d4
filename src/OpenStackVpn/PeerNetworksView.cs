using System;
using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Completion;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn;

/// <summary>
/// The peer networks of a connection as its table shows them: the peer CIDRs (legacy mode), or the peer endpoint
/// group by name (endpoint-group mode), looked up as Tab completion does: one request, kept 5 s, at most about a
/// second, on the default session; the group's id when the name cannot be had.
/// </summary>
public static class PeerNetworksView
{
    /// <summary>The peer networks of <paramref name="value"/>, an IPsec site connection or a PSObject of one.</summary>
    public static string Of(object? value)
    {
        if ((value is PSObject ps ? ps.BaseObject : value) is not IpsecSiteConnection connection)
        {
            return "";
        }

        if (connection.PeerCidrs is { Length: > 0 } cidrs)
        {
            return string.Join(", ", cidrs);
        }

        var id = connection.PeerEndpointGroupId;
        if (string.IsNullOrEmpty(id))
        {
            return "";
        }

        return "group " + (GroupName(id!) ?? id);
    }

    private static string? GroupName(string id)
    {
        var session = SessionStore.Default;
        if (session == null || !session.IsConnected)
        {
            return null;
        }

        try
        {
            var name = NameLookup.Find(session, VpnResources.VpnEndpointGroup, LiveCompleter.Limit)
                .FirstOrDefault(group => group.Id == id)?.Name;
            return string.IsNullOrEmpty(name) ? null : name;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A view never fails: without the name, the id.
            return null;
        }
    }
}
