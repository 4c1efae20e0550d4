using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// Proposals compared by meaning: the peer's list matches when one of its proposals shares the cloud policy's
/// encryption,
/// integrity and group, however it is spelt (strongSwan's or Libreswan's words, several alternatives, defaults
/// appended).
/// The cloud offers its policy: the Libreswan template writes "ike=enc-auth;group" and "phase2alg=" without extras; the
/// strongSwan template writes "ike=enc-auth-group" without '!', so strongSwan also takes its default proposals. That
/// is not counted on (a peer matching only a default is an Error), but the action says it: in the tunnel lab two
/// strongSwan-driven ends with group 14 and group 5 came up on MODP_2048, which one end's policy does not name.
/// </summary>
internal static class ProposalCheck
{
    public static ConnectionFinding Ike(PeerFileChecks.Make f, PeerFileConnection file, PeerSettings expected,
        string ike)
    {
        var want = First(ProposalMeaning.ParseList(expected.IkeProposal, ike: true, libreswan: false));
        var shown = file.Settings.IkeProposal ?? "(the peer's defaults)";
        var p = nameof(PeerSettings.IkeProposal);
        if (want != null && file.IkeProposals.Any(x => x.Meets(want, requireGroup: true)))
        {
            return f("PeerConfig.IkeProposal", FindingSeverity.Ok, shown, expected.IkeProposal, null, p);
        }

        return f("PeerConfig.IkeProposal", FindingSeverity.Error, shown + Unknown(file.IkeProposals),
            expected.IkeProposal,
            $"Offer the encryption, auth algorithm and group of {ike}. {DefaultsNote(ike)}", p);
    }

    public static ConnectionFinding Child(PeerFileChecks.Make f, PeerFileConnection file, PeerSettings expected,
        string esp)
    {
        var want = First(ProposalMeaning.ParseList(expected.ChildProposal, ike: false, libreswan: false));
        var shown = file.Settings.ChildProposal ?? "(the peer's defaults)";
        var p = nameof(PeerSettings.ChildProposal);
        var offered = file.ChildProposals.Select(x => WithIkeGroup(x, file)).ToList();
        if (want == null || AhOnly(want, offered) || offered.Any(x => x.Meets(want,
            requireGroup: want.Groups.Count > 0)))
        {
            return f("PeerConfig.ChildProposal", FindingSeverity.Ok, shown, expected.ChildProposal, null, p);
        }

        if (offered.Any(x => x.Groups.Count == 0 && x.Meets(want, requireGroup: false)))
        {
            // No group: no PFS. IKEv1 negotiates PFS in Quick Mode, so the SA fails; IKEv2 builds the first CHILD_SA
            // inside
            // IKE_AUTH without a DH exchange (RFC 7296 1.3.1), so the tunnel comes up and fails at the first rekey.
            return f("PeerConfig.ChildProposal", expected.IkeVersion == 1 ? FindingSeverity.Error
                : FindingSeverity.Warning,
                shown, expected.ChildProposal,
                $"The peer offers no PFS group; {esp} asks for {string.Join(",", want.Groups)}. Add it to the "
                    + "peer's proposal.", p);
        }

        return f("PeerConfig.ChildProposal", FindingSeverity.Error, shown + Unknown(file.ChildProposals),
            expected.ChildProposal,
            $"Offer the encryption, auth algorithm and PFS group of {esp}. {DefaultsNote(esp)}", p);
    }

    private static string DefaultsNote(string policy) =>
        "The cloud's Libreswan driver accepts no other; its strongSwan driver also accepts strongSwan's default "
        + $"proposals, so a tunnel may come up on algorithms {policy} does not name.";

    private static ProposalMeaning? First(IReadOnlyList<ProposalMeaning> list) => list.Count > 0 ? list[0] : null;

    // AH carries no encryption: only the integrity and group are compared.
    private static bool AhOnly(ProposalMeaning want, IReadOnlyList<ProposalMeaning> offered) =>
        want.Encryption.Count == 0 && offered.Any(o => o.Integrity.Overlaps(want.Integrity)
            && (want.Groups.Count == 0 || o.Groups.Overlaps(want.Groups)));

    // Libreswan's pfs=yes with no group in phase2alg uses the IKE SA's group for PFS (ipsec.conf(5), "pfs=").
    private static ProposalMeaning WithIkeGroup(ProposalMeaning proposal, PeerFileConnection file)
    {
        if (proposal.Groups.Count > 0 || !file.PfsFromIkeGroup)
        {
            return proposal;
        }

        var copy = new ProposalMeaning();
        copy.Encryption.UnionWith(proposal.Encryption);
        copy.Integrity.UnionWith(proposal.Integrity);
        foreach (var ike in file.IkeProposals)
        {
            copy.Groups.UnionWith(ike.Groups);
        }

        return copy;
    }

    private static string Unknown(IReadOnlyList<ProposalMeaning> list)
    {
        var unknown = list.SelectMany(x => x.Unknown).Distinct().ToList();
        return unknown.Count == 0 ? "" : $" (words not understood: {string.Join(", ", unknown)})";
    }
}
