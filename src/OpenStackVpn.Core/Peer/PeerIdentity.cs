using System;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// An IKE identity as strongSwan reads the text the cloud side writes (neutron-vpnaas puts "@" before peer_id and a
/// non-empty local_id when either is not an IP address, even when the id already starts with "@"): its type, and the
/// same identity in Libreswan's syntax where Libreswan has one.
/// </summary>
public static class PeerIdentity
{
    /// <summary>
    /// The IKE id type strongSwan gives the text: ID_IPV4_ADDR, ID_IPV6_ADDR, ID_FQDN ("@x"), ID_USER_FQDN ("@@x", or
    /// x@y), ID_KEY_ID ("@#hex"), ID_DER_ASN1_DN (a=b,...), or ID_FQDN for any other name.
    /// </summary>
    public static string TypeOf(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "none";
        }

        var text = id!;
        if (text.StartsWith("@#", StringComparison.Ordinal))
        {
            return "ID_KEY_ID";
        }

        if (text.StartsWith("@@", StringComparison.Ordinal))
        {
            return "ID_USER_FQDN";
        }

        if (text.IndexOf('=') >= 0 && text[0] != '@')
        {
            return "ID_DER_ASN1_DN";
        }

        if (text[0] == '@')
        {
            return "ID_FQDN";
        }

        if (PeerSite.IsIp(text))
        {
            return text.IndexOf(':') >= 0 ? "ID_IPV6_ADDR" : "ID_IPV4_ADDR";
        }

        return text.IndexOf('@') >= 0 ? "ID_USER_FQDN" : "ID_FQDN";
    }

    /// <summary>
    /// The same identity in Libreswan's syntax, or null when Libreswan cannot write it: "@x" (FQDN), "@#hex" (key id)
    /// and addresses are written alike; strongSwan's "@@x" (USER_FQDN x) is Libreswan's "x" when x holds an "@", and
    /// has no Libreswan form when it does not.
    /// </summary>
    public static string? ToLibreswan(string? id)
    {
        if (id == null || !id.StartsWith("@@", StringComparison.Ordinal))
        {
            return id;
        }

        var user = id.Substring(2);
        return user.IndexOf('@') >= 0 ? user : null;
    }

    /// <summary>
    /// A Libreswan id in strongSwan's syntax: user@domain (Libreswan's USER_FQDN) is strongSwan's "@@user@domain".
    /// </summary>
    public static string? FromLibreswan(string? id) =>
        id != null && id.Length > 0 && id[0] != '@' && id.IndexOf('@') > 0 && id.IndexOf('=') < 0 ? "@@" + id : id;

    /// <summary>
    /// The id as it goes on the wire: its type (as a person reads it) and its value, so that "198.51.100.20" (an
    /// address id) and "@198.51.100.20" (an FQDN id) differ, as they do for strongSwan and
    /// Libreswan (ipsec.conf(5) leftid).
    /// </summary>
    public static (string Type, string Value) Wire(string id)
    {
        id = id.Trim().Trim('"');
        switch (TypeOf(id))
        {
            case "ID_IPV4_ADDR":
                return ("IPv4 address", System.Net.IPAddress.Parse(id).ToString());
            case "ID_IPV6_ADDR":
                return ("IPv6 address", System.Net.IPAddress.Parse(id).ToString());
            case "ID_KEY_ID":
                return ("key id", id.Substring(2));
            case "ID_DER_ASN1_DN":
                return ("DN", id);
            case "ID_USER_FQDN":
                return ("e-mail", (id.StartsWith("@@", StringComparison.Ordinal) ? id.Substring(2) : id)
                    .ToLowerInvariant());
            default:
                return ("FQDN", id.TrimStart('@').ToLowerInvariant());
        }
    }

    /// <summary>True when the ids are the same on the wire.</summary>
    public static bool Same(string? a, string? b) => a != null && b != null && Wire(a) == Wire(b);

    /// <summary>
    /// True when the ids have the same text, whatever their types (used to recognise a connection, not to judge it).
    /// </summary>
    public static bool SameText(string? a, string? b) => a != null && b != null && Wire(a).Value == Wire(b).Value;

    /// <summary>A wildcard id (%any): accepts whatever the other side sends.</summary>
    public static bool IsAny(string? id) => id != null && id.StartsWith("%any", StringComparison.OrdinalIgnoreCase);
}
