using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OpenStackVpn.Embedded.Network;

/// <summary>IP addresses and CIDRs read as strictly as netaddr reads them for Neutron,
/// without any name lookup.</summary>
internal static class IpText
{
    /// <summary>The IP version of a literal address (4 or 6), or 0 when the text is not one.</summary>
    public static int AddressVersion(string text)
    {
        if (text.IndexOf(':') >= 0)
        {
            return text.IndexOf('%') < 0 && text.Trim() == text && IPAddress.TryParse(text, out var v6)
                && v6.AddressFamily == AddressFamily.InterNetworkV6 ? 6 : 0;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return 0;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !IsDigits(part) || int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return 0;
            }
        }

        return 4;
    }

    /// <summary>Why neutron-lib's <c>validate_subnet</c> refuses a CIDR, or null when it accepts it.</summary>
    public static string? SubnetProblem(string text)
    {
        var slash = text.IndexOf('/');
        var address = slash < 0 ? text : text.Substring(0, slash);
        var version = AddressVersion(address);
        if (version == 0)
        {
            return $"'{text}' is not a valid IP subnet";
        }

        var max = version == 4 ? 32 : 128;
        if (slash < 0)
        {
            return $"'{text}' isn't a recognized IP subnet cidr, '{Canonical(address)}/{max}' is recommended";
        }

        var prefix = text.Substring(slash + 1);
        if (!IsDigits(prefix) || prefix.Length > 3 || int.Parse(prefix, CultureInfo.InvariantCulture) > max)
        {
            return $"'{text}' is not a valid IP subnet";
        }

        var normal = Canonical(address) + "/"
            + int.Parse(prefix, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        return version == 4 && normal != text
            ? $"'{text}' isn't a recognized IP subnet cidr, '{normal}' is recommended"
            : null;
    }

    /// <summary>The IP version of a CIDR that <see cref="SubnetProblem"/> accepts.</summary>
    public static int CidrVersion(string cidr) => AddressVersion(cidr.Split('/')[0]);

    private static string Canonical(string address) => IPAddress.Parse(address).ToString();

    private static bool IsDigits(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }
}
