using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Peer;

/// <summary>One proposal by meaning: the encryption, integrity and DH transforms it would accept, in canonical
/// names.</summary>
public sealed class ProposalMeaning
{
    /// <summary>Encryption algorithms (strongSwan's names: aes128, aes256gcm16...).</summary>
    public HashSet<string> Encryption { get; } = new(StringComparer.Ordinal);

    /// <summary>Integrity algorithms (sha1, sha256...); empty for combined-mode ciphers.</summary>
    public HashSet<string> Integrity { get; } = new(StringComparer.Ordinal);

    /// <summary>DH groups (modp2048, ecp256...); empty when the proposal names none (no PFS, or "the IKE
    /// group").</summary>
    public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Words the parser did not know; kept so a finding can name them.</summary>
    public List<string> Unknown { get; } = new();

    /// <summary>True when every encryption algorithm is a combined mode (GCM, CCM, ChaCha20-Poly1305).</summary>
    public bool AeadOnly => Encryption.Count > 0 && Encryption.All(ProposalWords.IsAead);

    /// <summary>
    /// The proposals of a list, in strongSwan's spelling (comma between proposals, '-' between transforms, '!' strict)
    /// or Libreswan's ('-' or ';' before the group, '+' between alternatives, "dh14" and "sha2_256" words).
    /// </summary>
    /// <param name="text">The proposal list as the file writes it.</param>
    /// <param name="ike">True for phase 1 (Libreswan's bare "aes" offers 128 and 256 bits there).</param>
    /// <param name="libreswan">True when the text is a Libreswan file's.</param>
    public static IReadOnlyList<ProposalMeaning> ParseList(string? text, bool ike, bool libreswan)
    {
        var result = new List<ProposalMeaning>();
        foreach (var raw in (text ?? "").Split(','))
        {
            var proposal = raw.Trim().TrimEnd('!').Trim();
            if (proposal.Length == 0)
            {
                continue;
            }

            if (proposal.Equals("default", StringComparison.OrdinalIgnoreCase))
            {
                result.AddRange(ProposalWords.StrongSwanDefaults(ike));
                continue;
            }

            var meaning = new ProposalMeaning();
            foreach (var word in proposal.Replace(';', '-').Replace('+', '-').Split(new[] { '-' },
                StringSplitOptions.RemoveEmptyEntries))
            {
                ProposalWords.Add(meaning, word.Trim().ToLowerInvariant(), ike, libreswan);
            }

            result.Add(meaning);
        }

        return result;
    }

    /// <summary>True when this proposal and <paramref name="other"/> share an encryption, an integrity (unless AEAD)
    /// and a group.</summary>
    /// <param name="other">The other side's proposal.</param>
    /// <param name="requireGroup">False to let a proposal without a group match (the group is checked apart).</param>
    public bool Meets(ProposalMeaning other, bool requireGroup)
    {
        var encryption = Encryption.Overlaps(other.Encryption);
        var integrity = (AeadOnly && other.AeadOnly) || Integrity.Overlaps(other.Integrity)
            || (Encryption.Intersect(other.Encryption).Any(ProposalWords.IsAead));
        var group = Groups.Overlaps(other.Groups) || (!requireGroup && (Groups.Count == 0 || other.Groups.Count == 0));
        return encryption && integrity && group;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join("-", Encryption.Concat(Integrity).Concat(Groups));
}
