using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// The transform words strongSwan's and Libreswan's proposal parsers accept, mapped to one canonical name each
/// (strongSwan's,
/// as <see cref="PeerSettings"/> holds them). Sources: strongSwan's "IKEv2 Cipher Suites" and "Proposals" pages
/// (https://docs.strongswan.org/docs/5.9/config/IKEv2CipherSuites.html, .../config/proposals.html) and Libreswan's
/// ipsec.conf(5) ("ike=" and "esp=": https://libreswan.org/man/ipsec.conf.5.html).
/// </summary>
internal static class ProposalWords
{
    private static readonly Dictionary<string, string> Integrity = new(StringComparer.OrdinalIgnoreCase)
    {
        ["md5"] = "md5", ["md5_96"] = "md5",
        ["sha"] = "sha1", ["sha1"] = "sha1", ["sha1_96"] = "sha1",
        ["sha2"] = "sha256", ["sha256"] = "sha256", ["sha2_256"] = "sha256", ["sha256_128"] = "sha256",
        ["sha384"] = "sha384", ["sha2_384"] = "sha384", ["sha384_192"] = "sha384",
        ["sha512"] = "sha512", ["sha2_512"] = "sha512", ["sha512_256"] = "sha512",
        ["aesxcbc"] = "aesxcbc", ["aes_xcbc"] = "aesxcbc", ["aes_xcbc_96"] = "aesxcbc",
        ["aescmac"] = "aescmac", ["aes_cmac"] = "aescmac", ["aes_cmac_96"] = "aescmac",
    };

    private static readonly Dictionary<string, string> Groups = new(StringComparer.OrdinalIgnoreCase)
    {
        ["modp768"] = "modp768", ["dh1"] = "modp768", ["modp1024"] = "modp1024", ["dh2"] = "modp1024",
        ["modp1536"] = "modp1536", ["dh5"] = "modp1536", ["modp2048"] = "modp2048", ["dh14"] = "modp2048",
        ["modp3072"] = "modp3072", ["dh15"] = "modp3072", ["modp4096"] = "modp4096", ["dh16"] = "modp4096",
        ["modp6144"] = "modp6144", ["dh17"] = "modp6144", ["modp8192"] = "modp8192", ["dh18"] = "modp8192",
        ["ecp256"] = "ecp256", ["dh19"] = "ecp256", ["ecp384"] = "ecp384", ["dh20"] = "ecp384",
        ["ecp521"] = "ecp521", ["dh21"] = "ecp521", ["ecp192"] = "ecp192", ["dh25"] = "ecp192",
        ["ecp224"] = "ecp224", ["dh26"] = "ecp224", ["curve25519"] = "curve25519", ["x25519"] = "curve25519",
        ["dh31"] = "curve25519", ["curve448"] = "curve448", ["x448"] = "curve448", ["dh32"] = "curve448",
        // Groups 22-24 and 27-30 in strongSwan's words (what neutron-vpnaas's strongSwan driver writes for them).
        ["modp1024s160"] = "modp1024s160", ["dh22"] = "modp1024s160", ["modp2048s224"] = "modp2048s224",
        ["dh23"] = "modp2048s224", ["modp2048s256"] = "modp2048s256", ["dh24"] = "modp2048s256",
        ["ecp224bp"] = "ecp224bp", ["dh27"] = "ecp224bp", ["ecp256bp"] = "ecp256bp", ["dh28"] = "ecp256bp",
        ["ecp384bp"] = "ecp384bp", ["dh29"] = "ecp384bp", ["ecp512bp"] = "ecp512bp", ["dh30"] = "ecp512bp",
    };

    // Words that carry no transform the comparison needs: ESN, strongSwan's explicit PRFs (derived from the integrity
    // algorithm unless AEAD), and Libreswan's "none" integrity of AEAD proposals.
    private static readonly Regex Ignored = new("^(esn|noesn|prf.*|none|null)$", RegexOptions.CultureInvariant);

    // strongSwan: aes = aes128; aes128gcm = aes128gcm16 (ICV bits may also be written 64/96/128).
    // Libreswan: aes_gcm / aes_gcm_c = 16-octet ICV, _b = 12, _a = 8; the key size follows ("aes_gcm256",
    // "aes_gcm_c-256").
    private static readonly Regex StrongSwanCipher = new(
        @"^(?<alg>aes|camellia)(?<bits>128|192|256)?(?<mode>ctr|gcm|ccm)?(?<icv>8|12|16|64|96|128)?$",
            RegexOptions.CultureInvariant);

    private static readonly Regex LibreswanCipher = new(
        @"^(?<alg>aes|camellia)(_(?<mode>ctr|gcm|ccm)(_(?<icv>a|b|c))?)?(?<bits>128|192|256)?$",
            RegexOptions.CultureInvariant);

    /// <summary>True for combined-mode ciphers, which carry their own integrity.</summary>
    public static bool IsAead(string encryption) =>
        encryption.Contains("gcm") || encryption.Contains("ccm") || encryption.Contains("chacha20poly1305");

    /// <summary>Adds the meaning of one word to <paramref name="meaning"/>.</summary>
    public static void Add(ProposalMeaning meaning, string word, bool ike, bool libreswan)
    {
        if (Groups.TryGetValue(word, out var group))
        {
            meaning.Groups.Add(group);
        }
        else if (Integrity.TryGetValue(word, out var integrity))
        {
            meaning.Integrity.Add(integrity);
        }
        else if (word is "3des" or "des3" or "3des_cbc")
        {
            meaning.Encryption.Add("3des");
        }
        else if (word is "chacha20poly1305" or "chacha20_poly1305")
        {
            meaning.Encryption.Add("chacha20poly1305");
        }
        else if (word is "128" or "192" or "256" && meaning.Encryption.Count > 0)
        {
            // Libreswan's "aes_gcm_c-256" and "aes-256": a key size after its cipher replaces the default size.
            ReplaceBits(meaning, word);
        }
        else if (Cipher(word, ike, libreswan) is { } ciphers)
        {
            foreach (var cipher in ciphers)
            {
                meaning.Encryption.Add(cipher);
            }
        }
        else if (!Ignored.IsMatch(word))
        {
            meaning.Unknown.Add(word);
        }
    }

    /// <summary>strongSwan's default proposals (used for "default" and appended to an ipsec.conf list without
    /// '!').</summary>
    public static IEnumerable<ProposalMeaning> StrongSwanDefaults(bool ike)
    {
        // https://docs.strongswan.org/docs/5.9/config/proposals.html ("Default Cipher Suites"): IKE offers AES-CBC with
        // SHA-2 and AES-GCM/ChaCha20 with the ECP, Curve25519 and MODP >= 3072 groups; ESP offers AES-GCM and AES-CBC
        // with SHA-2, without a DH group (no PFS).
        var cbc = new ProposalMeaning();
        var aead = new ProposalMeaning();
        foreach (var e in new[] { "aes128", "aes192", "aes256" })
        {
            cbc.Encryption.Add(e);
        }

        foreach (var e in new[] { "aes128gcm16", "aes192gcm16", "aes256gcm16", "chacha20poly1305" })
        {
            aead.Encryption.Add(e);
        }

        foreach (var i in new[] { "sha256", "sha384", "sha512" })
        {
            cbc.Integrity.Add(i);
        }

        if (ike)
        {
            foreach (var g in new[] { "ecp256", "ecp384", "ecp521", "curve25519", "curve448", "modp3072", "modp4096",
                "modp6144", "modp8192" })
            {
                cbc.Groups.Add(g);
                aead.Groups.Add(g);
            }
        }

        return new[] { aead, cbc };
    }

    /// <summary>Libreswan's default proposals, used when a conn gives no ike= or phase2alg=.</summary>
    public static IEnumerable<ProposalMeaning> LibreswanDefaults(bool ike)
    {
        // https://libreswan.org/man/ipsec.conf.5.html ("ike=", "esp="): IKEv2 defaults of Libreswan 4 and 5 are AES-GCM
        // and
        // AES-CBC (256 and 128 bits) with SHA2-512/256, groups DH19/20/21, DH14 and up (no DH2, DH5 or SHA1);
        // ESP takes no group: with pfs=yes it uses the IKE SA's.
        var cbc = new ProposalMeaning();
        var aead = new ProposalMeaning();
        foreach (var e in new[] { "aes256", "aes128" })
        {
            cbc.Encryption.Add(e);
            aead.Encryption.Add(e + "gcm16");
        }

        cbc.Integrity.Add("sha512");
        cbc.Integrity.Add("sha256");
        if (ike)
        {
            foreach (var g in new[] { "ecp256", "ecp384", "ecp521", "curve25519", "modp2048", "modp3072", "modp4096",
                "modp8192" })
            {
                cbc.Groups.Add(g);
                aead.Groups.Add(g);
            }
        }

        return new[] { aead, cbc };
    }

    private static string[]? Cipher(string word, bool ike, bool libreswan)
    {
        var m = StrongSwanCipher.Match(word);
        if (m.Success)
        {
            var mode = m.Groups["mode"].Value;
            var icv = m.Groups["icv"].Value switch { "64" or "8" => "8", "96" or "12" => "12", _ => "16" };
            var suffix = mode == "" ? "" : mode + (mode == "ctr" ? "" : icv);
            if (m.Groups["bits"].Success)
            {
                return new[] { m.Groups["alg"].Value + m.Groups["bits"].Value + suffix };
            }

            // A bare "aes": strongSwan means 128 bits; Libreswan's IKE offers 256 and 128, its ESP 128 (ipsec.conf(5),
            // "ike=").
            return libreswan && ike
                ? new[] { "aes256" + suffix, "aes128" + suffix }
                : new[] { m.Groups["alg"].Value + "128" + suffix };
        }

        m = LibreswanCipher.Match(word);
        if (!m.Success)
        {
            return null;
        }

        var lmode = m.Groups["mode"].Value;
        var licv = m.Groups["icv"].Value switch { "a" => "8", "b" => "12", _ => "16" };
        var lsuffix = lmode == "" ? "" : lmode + (lmode == "ctr" ? "" : licv);
        var bits = m.Groups["bits"].Success ? m.Groups["bits"].Value : "128";
        return new[] { m.Groups["alg"].Value + bits + lsuffix };
    }

    private static void ReplaceBits(ProposalMeaning meaning, string bits)
    {
        var last = new List<string>(meaning.Encryption);
        meaning.Encryption.Clear();
        foreach (var e in last)
        {
            meaning.Encryption.Add(Regex.Replace(e, "(128|192|256)", bits, RegexOptions.None, TimeSpan.FromSeconds(1)));
        }
    }
}
