using System.Security;
using System.Security.Cryptography;

namespace OpenStackVpn.Core.Pair;

/// <summary>
/// The pre-shared key of a site pair: from the operating system's cryptographic generator, in letters and digits only,
/// which every peer format (swanctl, ipsec.secrets, Libreswan) and Neutron's own template take without quoting.
/// </summary>
public static class PairKey
{
    /// <summary>The characters of a key: 62, so 40 of them carry about 238 bits.</summary>
    public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The length of a generated key.</summary>
    public const int Length = 40;

    /// <summary>A new key, built straight into a SecureString (it never exists as a string).</summary>
    public static SecureString New()
    {
        var key = new SecureString();
        var buffer = new byte[1];
        using var random = RandomNumberGenerator.Create();
        while (key.Length < Length)
        {
            random.GetBytes(buffer);
            // Rejection sampling: 248 = 4 * 62, so every character is equally likely.
            if (buffer[0] < 4 * Alphabet.Length)
            {
                key.AppendChar(Alphabet[buffer[0] % Alphabet.Length]);
            }
        }

        buffer[0] = 0;
        key.MakeReadOnly();
        return key;
    }
}
