using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Peer;

/// <summary>One value Neutron accepts for an algorithm or group, in each format's words and IANA's.</summary>
/// <param name="Neutron">Neutron's value (aes-128-gcm-16, sha256, group14).</param>
/// <param name="StrongSwan">strongSwan's keyword (aes128gcm16, sha256, modp2048).</param>
/// <param name="Iana">The IANA IKEv2 transform name (ENCR_AES_GCM_16 (256),
/// AUTH_HMAC_SHA2_256_128, 2048-bit MODP).</param>
/// <param name="Libreswan">Libreswan's keyword, or null when Libreswan 4 refuses the value everywhere.</param>
/// <param name="LibreswanRefusal">Why Libreswan refuses it (everywhere, or in IKE only when Libreswan is set).</param>
internal sealed record Transform(string Neutron, string StrongSwan, string Iana, string? Libreswan,
    string? LibreswanRefusal)
{
    /// <summary>The IANA name of the PRF an integrity algorithm gives IKE (PRF_HMAC_SHA2_256);
    /// null for the others.</summary>
    public string? IanaPrf { get; init; }

    /// <summary>True for combined-mode ciphers (GCM, CCM), which carry their own integrity.</summary>
    public bool Aead => StrongSwan.IndexOf("gcm", StringComparison.Ordinal) >= 0
        || StrongSwan.IndexOf("ccm", StringComparison.Ordinal) >= 0;

    /// <summary>Libreswan's keyword in an IKE (phase 1) or child proposal, or null when
    /// Libreswan refuses it there.</summary>
    public string? LibreswanFor(bool ike) => ike && LibreswanRefusal != null ? null : Libreswan;
}

/// <summary>
/// Every algorithm and group value of the newest neutron-vpnaas (its master validators, with the vpn-aes-ctr and
/// vpn-aes-ccm-gcm extensions), in each format's own words. The canonical form (what <see cref="PeerSettings"/> holds)
/// is strongSwan's, as neutron-vpnaas's strongSwan driver writes it; Libreswan's words map to and from it, with the
/// values Libreswan 4 (its algparse) refuses and why. Neutron's own Libreswan template writes a combined-mode child
/// proposal as <c>aes_gcm_c256;modp2048</c> and a PRF after the cipher in IKE; so does this table.
/// </summary>
internal static class Algorithms
{
    private const string LibreswanWeakGroup = "Libreswan 4 refuses MODP-1024 (group2) as too weak";
    private const string LibreswanNoGroup = "Libreswan 4 does not implement it";

    /// <summary>Encryption algorithms.</summary>
    public static readonly IReadOnlyList<Transform> Encryption = EncryptionTable().ToList();

    /// <summary>Integrity (auth) algorithms; in IKE each also names the PRF.</summary>
    public static readonly IReadOnlyList<Transform> Integrity = new[]
    {
        Hash("sha1", "sha1", "AUTH_HMAC_SHA1_96", "sha1", "PRF_HMAC_SHA1"),
        Hash("sha256", "sha256", "AUTH_HMAC_SHA2_256_128", "sha2_256", "PRF_HMAC_SHA2_256"),
        Hash("sha384", "sha384", "AUTH_HMAC_SHA2_384_192", "sha2_384", "PRF_HMAC_SHA2_384"),
        Hash("sha512", "sha512", "AUTH_HMAC_SHA2_512_256", "sha2_512", "PRF_HMAC_SHA2_512"),
        Hash("aes-xcbc", "aesxcbc", "AUTH_AES_XCBC_96", "aes_xcbc", "PRF_AES128_XCBC"),
        Hash("aes-cmac", "aescmac", "AUTH_AES_CMAC_96", "aes_cmac", "PRF_AES128_CMAC") with
        {
            LibreswanRefusal = "Libreswan 4 has no AES-CMAC PRF for IKE (it takes aes_cmac for ESP and AH only)",
        },
    };

    /// <summary>Diffie-Hellman groups (IKE and PFS), with neutron-vpnaas's strongSwan keywords.</summary>
    public static readonly IReadOnlyList<Transform> Groups = new[]
    {
        new Transform("group2", "modp1024", "1024-bit MODP (group 2)", null, LibreswanWeakGroup),
        Group(5, "modp1536", "1536-bit MODP", "modp1536"),
        Group(14, "modp2048", "2048-bit MODP", "modp2048"),
        Group(15, "modp3072", "3072-bit MODP", "modp3072"),
        Group(16, "modp4096", "4096-bit MODP", "modp4096"),
        Group(17, "modp6144", "6144-bit MODP", "modp6144"),
        Group(18, "modp8192", "8192-bit MODP", "modp8192"),
        Group(19, "ecp256", "256-bit random ECP", "dh19"),
        Group(20, "ecp384", "384-bit random ECP", "dh20"),
        Group(21, "ecp521", "521-bit random ECP", "dh21"),
        Group(22, "modp1024s160", "1024-bit MODP with 160-bit prime order subgroup", null),
        Group(23, "modp2048s224", "2048-bit MODP with 224-bit prime order subgroup", null),
        Group(24, "modp2048s256", "2048-bit MODP with 256-bit prime order subgroup", null),
        Group(25, "ecp192", "192-bit random ECP", null),
        Group(26, "ecp224", "224-bit random ECP", null),
        Group(27, "ecp224bp", "224-bit Brainpool ECP", null),
        Group(28, "ecp256bp", "256-bit Brainpool ECP", null),
        Group(29, "ecp384bp", "384-bit Brainpool ECP", null),
        Group(30, "ecp512bp", "512-bit Brainpool ECP", null),
        Group(31, "curve25519", "Curve25519", "dh31"),
    };

    private static readonly IReadOnlyList<Transform> All = Encryption.Concat(Integrity).Concat(Groups).ToList();

    /// <summary>The entry of a Neutron value in <paramref name="table"/>, or null.</summary>
    public static Transform? Find(IReadOnlyList<Transform> table, string? neutron) =>
        neutron == null ? null
            : table.FirstOrDefault(t => string.Equals(t.Neutron, neutron, StringComparison.OrdinalIgnoreCase));

    /// <summary>strongSwan's name of a Neutron encryption algorithm, or null when there is none.</summary>
    public static string? EncryptionName(string? neutron) => Find(Encryption, neutron)?.StrongSwan;

    /// <summary>strongSwan's name of a Neutron integrity algorithm, or null.</summary>
    public static string? IntegrityName(string? neutron) => Find(Integrity, neutron)?.StrongSwan;

    /// <summary>strongSwan's name of a Neutron DH group, or null.</summary>
    public static string? GroupName(string? neutron) => Find(Groups, neutron)?.StrongSwan;

    /// <summary>Why Libreswan 4 refuses <paramref name="t"/> in an IKE or child proposal of that
    /// IKE version, or null.</summary>
    public static string? LibreswanRefusal(Transform t, bool ike, int ikeVersion)
    {
        if (t.LibreswanFor(ike) == null)
        {
            return t.LibreswanRefusal;
        }

        if (ikeVersion != 1)
        {
            return null;
        }

        return (ike, t.Neutron) switch
        {
            (true, _) when t.Aead => "Libreswan's IKEv1 has no combined-mode (GCM, CCM) cipher for IKE",
            (true, "aes-xcbc") => "Libreswan's IKEv1 has no AES-XCBC PRF for IKE",
            (false, _) when Groups.Contains(t) && !t.StrongSwan.StartsWith("modp", StringComparison.Ordinal) =>
                "Libreswan's IKEv1 takes elliptic-curve groups for IKE but not for PFS",
            _ => null,
        };
    }

    /// <summary>True for combined-mode ciphers (GCM, CCM), which carry their own integrity.</summary>
    public static bool IsAead(string strongSwanEncryption) =>
        Encryption.FirstOrDefault(t => t.StrongSwan == strongSwanEncryption)?.Aead == true;

    /// <summary>
    /// A strongSwan proposal (enc-integ-group, or enc-prfX-group for a combined-mode IKE cipher) in Libreswan's words:
    /// the cipher and integrity or PRF joined by "-", the group after ";". Words Libreswan refuses stay as they are
    /// (<see cref="PeerSite.Refusal"/> refuses such a connection before anything is written).
    /// </summary>
    public static string ToLibreswan(string proposal, bool ike)
    {
        var words = new List<string>();
        string? group = null;
        foreach (var part in proposal.Split('-'))
        {
            var hash = part.StartsWith("prf", StringComparison.Ordinal) ? part.Substring(3) : part;
            if (Groups.FirstOrDefault(t => t.StrongSwan == part) is { } g)
            {
                group = g.Libreswan ?? part;
            }
            else
            {
                var known = All.FirstOrDefault(t => t.StrongSwan == part)
                    ?? Integrity.FirstOrDefault(t => t.StrongSwan == hash);
                words.Add(known?.LibreswanFor(ike) ?? part);
            }
        }

        return string.Join("-", words) + (group == null ? "" : ";" + group);
    }

    /// <summary>
    /// A Libreswan proposal in strongSwan's words (";" or "-" before the group), as <see cref="PeerSite.Expected"/>
    /// writes it: the hash after a combined-mode cipher is IKE's PRF (prfX).
    /// </summary>
    public static string FromLibreswan(string proposal)
    {
        var parts = proposal.Replace(';', '-').Split('-').Where(p => p.Length > 0).ToList();
        var aead = false;
        for (var i = 0; i < parts.Count; i++)
        {
            var word = parts[i].ToLowerInvariant();
            var known = All.FirstOrDefault(t => t.Libreswan == word) ?? Alias(word);
            if (known == null)
            {
                continue;
            }

            parts[i] = aead && Integrity.Contains(known) ? "prf" + known.StrongSwan : known.StrongSwan;
            aead |= known.Aead;
        }

        return string.Join("-", parts);
    }

    // Other spellings Libreswan takes for the same transform.
    private static Transform? Alias(string word) => word switch
    {
        "sha2" => Find(Integrity, "sha256"),
        "aes" => Find(Encryption, "aes-128"),
        _ when word.StartsWith("aes_gcm", StringComparison.Ordinal) && word.Length == "aes_gcm".Length + 3 =>
            Encryption.FirstOrDefault(t => t.Libreswan == "aes_gcm_c" + word.Substring(7)),
        _ when word.StartsWith("ecp_", StringComparison.Ordinal) =>
            Groups.FirstOrDefault(t => t.StrongSwan == "ecp" + word.Substring(4)),
        _ => Groups.FirstOrDefault(t => t.StrongSwan == word),
    };

    private static IEnumerable<Transform> EncryptionTable()
    {
        yield return new Transform("3des", "3des", "ENCR_3DES", "3des", null);
        var bits = new[] { "128", "192", "256" };
        foreach (var b in bits)
        {
            yield return new Transform($"aes-{b}", $"aes{b}", $"ENCR_AES_CBC ({b})", $"aes{b}", null);
        }

        foreach (var b in bits)
        {
            yield return new Transform($"aes-{b}-ctr", $"aes{b}ctr", $"ENCR_AES_CTR ({b})", $"aes_ctr{b}", null);
        }

        // Libreswan names the ICV length by a letter: a = 8 octets, b = 12, c = 16.
        foreach (
            var (mode, icv, letter) in from m in new[] { "ccm", "gcm" } from i in new[] { ("8", "a"), ("12", "b"),
            ("16", "c") } select (m, i.Item1, i.Item2))
        {
            foreach (var b in bits)
            {
                var refusal = mode == "ccm" ? "Libreswan 4 has no AES-CCM for IKE (it takes CCM for ESP only)" : null;
                yield return new Transform($"aes-{b}-{mode}-{icv}", $"aes{b}{mode}{icv}",
                    $"ENCR_AES_{mode.ToUpperInvariant()}_{icv} ({b})",
                    $"aes_{mode}_{letter}{b}", refusal);
            }
        }
    }

    private static Transform Hash(string neutron, string strongSwan, string iana, string libreswan, string prf) =>
        new(neutron, strongSwan, iana, libreswan, null) { IanaPrf = prf };

    private static Transform Group(int number, string strongSwan, string iana, string? libreswan) =>
        new($"group{number}", strongSwan, $"{iana} (group {number})", libreswan,
            libreswan == null ? LibreswanNoGroup : null);
}
