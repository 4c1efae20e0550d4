using System;
using System.Collections.Generic;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// Neutron's algorithm and group names in each format's own words. The canonical form (what <see cref="PeerSettings"/>
/// holds) is strongSwan's; Libreswan's names map to and from it.
/// </summary>
internal static class Algorithms
{
    private static readonly Dictionary<string, string> Encryption = new(StringComparer.OrdinalIgnoreCase)
    {
        ["3des"] = "3des",
        ["aes-128"] = "aes128", ["aes-192"] = "aes192", ["aes-256"] = "aes256",
        ["aes-128-ctr"] = "aes128ctr", ["aes-192-ctr"] = "aes192ctr", ["aes-256-ctr"] = "aes256ctr",
        ["aes-128-ccm-8"] = "aes128ccm8", ["aes-192-ccm-8"] = "aes192ccm8", ["aes-256-ccm-8"] = "aes256ccm8",
        ["aes-128-ccm-12"] = "aes128ccm12", ["aes-192-ccm-12"] = "aes192ccm12", ["aes-256-ccm-12"] = "aes256ccm12",
        ["aes-128-ccm-16"] = "aes128ccm16", ["aes-192-ccm-16"] = "aes192ccm16", ["aes-256-ccm-16"] = "aes256ccm16",
        ["aes-128-gcm-8"] = "aes128gcm8", ["aes-192-gcm-8"] = "aes192gcm8", ["aes-256-gcm-8"] = "aes256gcm8",
        ["aes-128-gcm-12"] = "aes128gcm12", ["aes-192-gcm-12"] = "aes192gcm12", ["aes-256-gcm-12"] = "aes256gcm12",
        ["aes-128-gcm-16"] = "aes128gcm16", ["aes-192-gcm-16"] = "aes192gcm16", ["aes-256-gcm-16"] = "aes256gcm16",
    };

    private static readonly Dictionary<string, string> Integrity = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sha1"] = "sha1", ["sha256"] = "sha256", ["sha384"] = "sha384", ["sha512"] = "sha512",
        ["aes-xcbc"] = "aesxcbc", ["aes-cmac"] = "aescmac",
    };

    private static readonly Dictionary<string, string> Groups = new(StringComparer.OrdinalIgnoreCase)
    {
        ["group2"] = "modp1024", ["group5"] = "modp1536", ["group14"] = "modp2048", ["group15"] = "modp3072",
        ["group16"] = "modp4096", ["group18"] = "modp8192", ["group19"] = "ecp256", ["group20"] = "ecp384",
        ["group21"] = "ecp521", ["group31"] = "curve25519",
    };

    // strongSwan name -> Libreswan name; the reverse map reads a Libreswan file back.
    private static readonly Dictionary<string, string> LibreswanWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sha256"] = "sha2_256", ["sha384"] = "sha2_384", ["sha512"] = "sha2_512", ["aesxcbc"] = "aes_xcbc", ["aescmac"] = "aes_cmac",
        ["aes128ctr"] = "aes_ctr128", ["aes192ctr"] = "aes_ctr192", ["aes256ctr"] = "aes_ctr256",
        ["aes128gcm16"] = "aes_gcm128", ["aes192gcm16"] = "aes_gcm192", ["aes256gcm16"] = "aes_gcm256",
        ["aes128gcm12"] = "aes_gcm_b128", ["aes192gcm12"] = "aes_gcm_b192", ["aes256gcm12"] = "aes_gcm_b256",
        ["aes128gcm8"] = "aes_gcm_a128", ["aes192gcm8"] = "aes_gcm_a192", ["aes256gcm8"] = "aes_gcm_a256",
        ["aes128ccm16"] = "aes_ccm_c128", ["aes192ccm16"] = "aes_ccm_c192", ["aes256ccm16"] = "aes_ccm_c256",
        ["aes128ccm12"] = "aes_ccm_b128", ["aes192ccm12"] = "aes_ccm_b192", ["aes256ccm12"] = "aes_ccm_b256",
        ["aes128ccm8"] = "aes_ccm_a128", ["aes192ccm8"] = "aes_ccm_a192", ["aes256ccm8"] = "aes_ccm_a256",
        ["ecp256"] = "dh19", ["ecp384"] = "dh20", ["ecp521"] = "dh21", ["curve25519"] = "dh31",
    };

    private static readonly Dictionary<string, string> FromLibreswanWords = Reverse(LibreswanWords);

    /// <summary>strongSwan's name of a Neutron encryption algorithm, or null when there is none.</summary>
    public static string? EncryptionName(string? neutron) => neutron != null && Encryption.TryGetValue(neutron, out var name) ? name : null;

    /// <summary>strongSwan's name of a Neutron integrity algorithm, or null.</summary>
    public static string? IntegrityName(string? neutron) => neutron != null && Integrity.TryGetValue(neutron, out var name) ? name : null;

    /// <summary>strongSwan's name of a Neutron DH group, or null.</summary>
    public static string? GroupName(string? neutron) => neutron != null && Groups.TryGetValue(neutron, out var name) ? name : null;

    /// <summary>True for combined-mode ciphers (GCM, CCM), which carry their own integrity.</summary>
    public static bool IsAead(string strongSwanEncryption) =>
        strongSwanEncryption.IndexOf("gcm", StringComparison.Ordinal) >= 0 || strongSwanEncryption.IndexOf("ccm", StringComparison.Ordinal) >= 0;

    /// <summary>A strongSwan proposal written with Libreswan's words.</summary>
    public static string ToLibreswan(string proposal) => MapWords(proposal, LibreswanWords);

    /// <summary>A Libreswan proposal in strongSwan's words (";" between parts accepted, as Libreswan does).</summary>
    public static string FromLibreswan(string proposal) => MapWords(proposal.Replace(';', '-'), FromLibreswanWords);

    private static string MapWords(string proposal, Dictionary<string, string> words)
    {
        var parts = proposal.Split('-');
        for (var i = 0; i < parts.Length; i++)
        {
            if (words.TryGetValue(parts[i], out var word))
            {
                parts[i] = word;
            }
        }

        return string.Join("-", parts);
    }

    private static Dictionary<string, string> Reverse(Dictionary<string, string> map)
    {
        var reverse = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in map)
        {
            reverse[pair.Value] = pair.Key;
        }

        reverse["sha2"] = "sha256";
        return reverse;
    }
}
