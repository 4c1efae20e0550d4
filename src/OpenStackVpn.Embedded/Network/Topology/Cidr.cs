using System.Globalization;
using System.Net;
using System.Numerics;

namespace OpenStackVpn.Embedded.Network.Topology;

/// <summary>
/// A subnet's address range as netaddr reads it for Neutron: host bits are dropped ("10.0.0.5/24" is 10.0.0.0/24).
/// </summary>
internal sealed class Cidr
{
    private Cidr(int version, BigInteger network, int prefix)
    {
        Version = version;
        Network = network;
        Prefix = prefix;
    }

    public int Version { get; }

    public BigInteger Network { get; }

    public int Prefix { get; }

    private int Bits => Version == 4 ? 32 : 128;

    /// <summary>The last address of the range (the broadcast address for IPv4).</summary>
    public BigInteger Last => Network + (BigInteger.One << (Bits - Prefix)) - 1;

    /// <summary>A CIDR, or null when the text is not one (Neutron then says it "is not in a CIDR format").</summary>
    public static Cidr? Parse(string text)
    {
        var slash = text.IndexOf('/');
        var address = slash < 0 ? text : text.Substring(0, slash);
        var version = IpText.AddressVersion(address);
        if (version == 0)
        {
            return null;
        }

        var bits = version == 4 ? 32 : 128;
        var prefix = bits;
        if (slash >= 0
            && (!int.TryParse(text.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix)
                || prefix > bits))
        {
            return null;
        }

        var value = ToNumber(address);
        var hostMask = (BigInteger.One << (bits - prefix)) - 1;
        return new Cidr(version, value - (value & hostMask), prefix);
    }

    /// <summary>A literal address as a number, or null when the text is not one.</summary>
    public static BigInteger? Address(string? text) =>
        text != null && IpText.AddressVersion(text) != 0 ? ToNumber(text) : null;

    public bool Contains(BigInteger address) => address >= Network && address <= Last;

    public bool Overlaps(Cidr other) => Version == other.Version && Network <= other.Last && other.Network <= Last;

    public string Text(BigInteger address)
    {
        var bytes = address.ToByteArray();   // little-endian, maybe with a sign byte
        var length = Version == 4 ? 4 : 16;
        var big = new byte[length];
        for (var i = 0; i < length && i < bytes.Length; i++)
        {
            big[length - 1 - i] = bytes[i];
        }

        return new IPAddress(big).ToString();
    }

    public override string ToString() => Text(Network) + "/" + Prefix.ToString(CultureInfo.InvariantCulture);

    private static BigInteger ToNumber(string address)
    {
        var bytes = IPAddress.Parse(address).GetAddressBytes();
        var little = new byte[bytes.Length + 1];
        for (var i = 0; i < bytes.Length; i++)
        {
            little[i] = bytes[bytes.Length - 1 - i];
        }

        return new BigInteger(little);
    }
}
