using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Resources.Rules;

/// <summary>Neutron's field rules that a client can check before sending: each refusal names the
/// JSON field and the rule.</summary>
internal static class FieldRules
{
    /// <summary>Neutron's limit for names, descriptions and most strings.</summary>
    public const int MaxLength = 255;

    private static readonly Regex HostName =
        new(
        @"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)"
        + @"(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$",
        RegexOptions.CultureInvariant);

    /// <summary>A refusal of <paramref name="field"/>.</summary>
    public static OpenStackException Invalid(string field, string rule) => OpenStackException.Argument(field, rule);

    /// <summary>Name and description: at most 255 characters; a name printable, not starting
    /// or ending with blanks.</summary>
    public static void NameAndDescription(JObject body)
    {
        if (body["name"] is JValue { Type: JTokenType.String } name)
        {
            var text = (string)name!;
            if (text.Length > MaxLength)
            {
                throw Invalid("name", $"a name is at most {MaxLength} characters; this one has {text.Length}.");
            }

            if (text.Any(char.IsControl)
                || (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[text.Length - 1]))))
            {
                throw Invalid("name", "a name must be printable and must not start or end with blanks.");
            }
        }

        if (body["description"] is JValue { Type: JTokenType.String } description
            && ((string)description!).Length > MaxLength)
        {
            throw Invalid("description",
                $"a description is at most {MaxLength} characters; this one has {((string)description!).Length}.");
        }
    }

    /// <summary>A CIDR as Neutron accepts it (address/prefix, IPv4 in dotted quads); returns its canonical
    /// text and IP version.</summary>
    public static (string Cidr, int Version) Cidr(string field, string text)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || text != text.Trim()
            || !IPAddress.TryParse(parts[0], out var address)
            || (address.AddressFamily == AddressFamily.InterNetwork && parts[0].Split('.').Length != 4)
            || !int.TryParse(parts[1], out var prefix)
            || prefix < 0 || prefix > (address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            throw Invalid(field,
                $"'{text}' is not a valid CIDR: write address/prefix, e.g. 10.1.0.0/24 or 2001:db8::/64.");
        }

        var version = address.AddressFamily == AddressFamily.InterNetwork ? 4 : 6;
        return (version == 4 ? text : $"{address}/{prefix}", version);
    }

    /// <summary>A list of CIDRs: each valid, none twice, all of one IP version; written back canonical (IPv6 compressed
    /// to fit Neutron's column).</summary>
    public static int? CidrList(JObject body, string field)
    {
        if (body[field] is not JArray list)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int? version = null;
        for (var i = 0; i < list.Count; i++)
        {
            var (cidr, v) = Cidr(field, list[i].ToString());
            if (!seen.Add(cidr))
            {
                throw Invalid(field, $"'{cidr}' is given twice; each CIDR may appear once.");
            }

            if (version != null && version != v)
            {
                throw Invalid(field, "all CIDRs must be of one IP version (all IPv4 or all IPv6).");
            }

            version = v;
            list[i] = cidr;
        }

        return version;
    }

    /// <summary>The IP version of an address literal, or null for a host name.</summary>
    public static int? IpVersionOf(string address) =>
        IPAddress.TryParse(address, out var ip) ? (ip.AddressFamily == AddressFamily.InterNetwork ? 4 : 6) : null;

    /// <summary>A peer address: an IPv4 or IPv6 address, or a host name the server will resolve.</summary>
    public static void PeerAddress(JObject body)
    {
        if (body["peer_address"] is JValue { Type: JTokenType.String } value)
        {
            var text = (string)value!;
            // Digits and dots only: no host name has an all-numeric top label, so it must be an IPv4 address.
            if (text.All(c => c is '.' or (>= '0' and <= '9')) && !IsDottedQuad(text))
            {
                throw Invalid(
                    "peer_address", $"'{text}' is not an IPv4 address: four numbers from 0 to 255, as 203.0.113.5.");
            }

            if (IpVersionOf(text) == null && !HostName.IsMatch(text))
            {
                throw Invalid("peer_address", $"'{text}' is neither an IP address nor a host name.");
            }
        }
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4
            && parts.All(p => p.Length is > 0 and <= 3 && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }

    /// <summary>MTU: at least 68 for IPv4 and 1280 for IPv6 (0 means the server's
    /// default, as Neutron allows).</summary>
    public static void Mtu(JObject body, int? ipVersion)
    {
        if (body["mtu"] is not JValue { Type: JTokenType.Integer } value)
        {
            return;
        }

        var mtu = (long)value;
        var minimum = ipVersion == 6 ? 1280 : 68;
        if (mtu < 0 || (mtu != 0 && mtu < minimum))
        {
            throw Invalid("mtu", $"the MTU must be at least {minimum} for IPv{ipVersion ?? 4}; {mtu} was given.");
        }
    }

    /// <summary>Dead Peer Detection: non-negative times, and a timeout greater than the interval (the action is
    /// in the description).</summary>
    public static void Dpd(JObject body, DeadPeerDetection? current)
    {
        if (body["dpd"] is not JObject dpd)
        {
            return;
        }

        var interval = (int?)dpd["interval"] ?? current?.Interval ?? 30;
        var timeout = (int?)dpd["timeout"] ?? current?.Timeout ?? 120;
        if (interval < 0)
        {
            throw Invalid("dpd.interval", "the DPD interval cannot be negative.");
        }

        if (timeout <= interval)
        {
            throw Invalid(dpd["timeout"] != null ? "dpd.timeout" : "dpd.interval",
                $"the DPD timeout ({timeout} s) must be greater than the interval ({interval} s).");
        }
    }

    /// <summary>A policy lifetime: at least 60 (its units are in the description).</summary>
    public static void Lifetime(JObject body)
    {
        if (body["lifetime"] is not JObject lifetime)
        {
            return;
        }

        if ((int?)lifetime["value"] is { } value && value < 60)
        {
            throw Invalid("lifetime.value", $"a lifetime is at least 60 seconds; {value} was given.");
        }
    }

    /// <summary>True for Neutron's UUID ids.</summary>
    public static bool IsUuid(string text) => Guid.TryParse(text, out _);
}
