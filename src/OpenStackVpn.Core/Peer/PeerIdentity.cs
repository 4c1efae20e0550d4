using System;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// An IKE identity as it goes on the wire: its type and value. Both strongSwan (ipsec.conf(5) "leftid", swanctl.conf
/// "id") and
/// Libreswan (ipsec.conf(5) "leftid") read "@name" as an FQDN id, an IP literal as an address id, "user@host" as an
/// e-mail
/// (RFC 822) id, a text with '=' as a DN, anything else as an FQDN. So "198.51.100.20" and "@198.51.100.20" differ on
/// the wire.
/// </summary>
internal static class PeerIdentity
{
    public static (string Type, string Value) Wire(string id)
    {
        id = id.Trim().Trim('"');
        if (id.StartsWith("@", StringComparison.Ordinal))
        {
            return ("FQDN", id.TrimStart('@').ToLowerInvariant());
        }

        if (PeerSite.IsIp(id))
        {
            return (id.IndexOf(':') >= 0 ? "IPv6 address" : "IPv4 address", System.Net.IPAddress.Parse(id).ToString());
        }

        if (id.IndexOf('=') >= 0)
        {
            return ("DN", id);
        }

        return id.IndexOf('@') > 0 ? ("e-mail", id.ToLowerInvariant()) : ("FQDN", id.ToLowerInvariant());
    }

    /// <summary>True when the ids are the same on the wire.</summary>
    public static bool Same(string? a, string? b) => a != null && b != null && Wire(a) == Wire(b);

    /// <summary>True when the ids have the same text, whatever their types (used to recognise a connection, not to
    /// judge it).</summary>
    public static bool SameText(string? a, string? b) => a != null && b != null && Wire(a).Value == Wire(b).Value;

    /// <summary>A wildcard id (%any): accepts whatever the other side sends.</summary>
    public static bool IsAny(string? id) => id != null && id.StartsWith("%any", StringComparison.OrdinalIgnoreCase);
}
