using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// Reads ipsec.conf-style files: strongSwan's ipsec.conf (ipsec.conf(5) of strongSwan 5.9) and Libreswan's ipsec.conf
/// and
/// ipsec.d/*.conf (ipsec.conf(5) of Libreswan 4/5, https://libreswan.org/man/ipsec.conf.5.html). Sections start in
/// column 0
/// ("config setup", "conn NAME", "ca NAME"); "also=" and "conn %default" are merged; "auto=ignore" conns are templates.
/// Both
/// parsers' aliases are read whatever the format (a strongSwan file has no phase2alg=, a Libreswan one no ah=); the
/// format
/// decides only the defaults. The pre-shared keys come from the secrets files where each gateway keeps them.
/// </summary>
internal sealed class ConnFileReader : IPeerFileReader
{
    // Keys only Libreswan's parser knows, and keys only strongSwan's: they tell the formats apart. "authby=secret" is
    // in neither
    // list: strongSwan reads it as an alias of psk (ipsec.conf(5): "authby = ... | psk | secret").
    private static readonly Regex LibreswanOnly = new(
        @"^(ikev2|phase2|phase2alg|salifetime|leftsubnets|rightsubnets|protostack|virtual[-_]private|plutodebug|"
        + @"nat[-_]ikev1[-_]method|logfile|ikepad|nic-offload|encapsulation|leftnexthop|rightnexthop|"
        + @"sha2[-_]truncbug)\s*=",
        RegexOptions.CultureInvariant);

    private static readonly Regex StrongSwanOnly = new(
        @"^(keyexchange\s*=\s*ike\s*$|(ah|leftauth|rightauth|leftfirewall|rightfirewall|margintime|reauth|charondebug|"
        + @"closeaction|leftsourceip|rightsourceip|eap_identity|aaa_identity|installpolicy|leftgroups)\s*=)",
        RegexOptions.CultureInvariant);

    private readonly bool _libreswan;

    public ConnFileReader(bool libreswan) => _libreswan = libreswan;

    public string Format => _libreswan ? nameof(PeerConfigFormat.Libreswan) : nameof(PeerConfigFormat.IpsecConf);

    public int Recognise(PeerFileText text)
    {
        if (!text.Lines.Any(l => l.Text.StartsWith("conn ", StringComparison.Ordinal)))
        {
            return 0;
        }

        var keys = text.Lines.Where(l => l.Text.Length > 0 && char.IsWhiteSpace(l.Text[0])).Select(l =>
            l.Text.Trim()).ToList();
        var libreswan = keys.Count(k => LibreswanOnly.IsMatch(k));
        var strongSwan = keys.Count(k => StrongSwanOnly.IsMatch(k));
        // Neither says: strongSwan's reader (scores 10) wins a tie; the values read are the same either way.
        return _libreswan ? 9 + libreswan - strongSwan : 10 + strongSwan - libreswan;
    }

    public IReadOnlyList<PeerFileConnection> Read(PeerFileText text, string path)
    {
        var sections = Sections(text);
        var secrets = IpsecSecrets.Load(text, path, sections.Values.Select(s => s.Line.File).Distinct());
        var result = new List<PeerFileConnection>();
        foreach (var section in sections.Values.Where(s => s.Name != "%default"))
        {
            var values = Resolve(section, sections, 0);
            if (Value(values, "auto") == "ignore")
            {
                continue;
            }

            var connection = Connection(section, values);
            secrets.Apply(connection);
            connection.SidesInterchangeable = true;
            result.Add(connection);
        }

        return result;
    }

    private PeerFileConnection Connection(Section section, Dictionary<string, (string Value, PeerFileLine Line)> v)
    {
        var c = new PeerFileConnection(section.Name, section.Line.Where);
        var s = c.Settings;
        string? Get(string property, params string[] keys)
        {
            foreach (var key in keys)
            {
                if (v.TryGetValue(key, out var found))
                {
                    c.SetSource(property, found.Line.Where);
                    return found.Value;
                }
            }

            return null;
        }

        var keyexchange = Get(nameof(s.IkeVersion), "keyexchange", "ikev2");
        (s.IkeVersion, c.EitherIkeVersion) = keyexchange switch
        {
            "ikev1" or "no" or "never" => (1, false),
            "permit" => (1, true),       // Libreswan 3: answers both, starts IKEv1
            "ike" => (2, true),          // strongSwan: answers both, starts IKEv2
            null => (2, !_libreswan),    // strongSwan's default is "ike"; Libreswan 4 and 5 default to IKEv2 only
            _ => (2, false),             // ikev2, yes, insist, propose
        };
        s.LocalAddress = Get(nameof(s.LocalAddress), "left");
        s.RemoteAddress = Get(nameof(s.RemoteAddress), "right");
        // Libreswan's user@domain is strongSwan's "@@user@domain" (PeerIdentity.FromLibreswan); quotes are not the
        // id's.
        string? Id(string? value) =>
            _libreswan ? PeerIdentity.FromLibreswan(value?.Trim('"')) : value?.Trim('"');
        s.LocalId = Id(Get(nameof(s.LocalId), "leftid")) ?? s.LocalAddress;
        s.RemoteId = Id(Get(nameof(s.RemoteId), "rightid")) ?? s.RemoteAddress;
        s.LocalSubnets = PeerConfigWriter.SplitList(Get(nameof(s.LocalSubnets), "leftsubnets", "leftsubnet")).ToList();
        s.RemoteSubnets = PeerConfigWriter.SplitList(Get(nameof(s.RemoteSubnets), "rightsubnets",
            "rightsubnet")).ToList();
        s.IkeProposal = Get(nameof(s.IkeProposal), "ike");
        var ah = _libreswan ? v.TryGetValue("phase2", out var p2) && p2.Value == "ah" : v.ContainsKey("ah");
        s.ChildProtocol = ah ? "ah" : "esp";
        s.ChildProposal = Get(nameof(s.ChildProposal), "phase2alg", ah ? "ah" : "esp", "esp", "ah");
        Get(nameof(s.ChildProtocol), "phase2", ah ? "ah" : "esp");
        c.IkeProposals = Proposals(s.IkeProposal, ike: true);
        c.ChildProposals = Proposals(s.ChildProposal, ike: false);
        c.PfsFromIkeGroup = _libreswan && Get("Pfs", "pfs") != "no";
        s.IkeLifetime = PeerConfigReader.Seconds(Get(nameof(s.IkeLifetime), "ikelifetime", "ike_lifetime"));
        s.ChildLifetime = PeerConfigReader.Seconds(Get(nameof(s.ChildLifetime), "salifetime", "lifetime", "keylife"));
        s.Aggressive = Get(nameof(s.Aggressive), "aggressive", "aggrmode") == "yes";
        var action = Get(nameof(s.DpdAction), "dpdaction");
        var delay = PeerConfigReader.Seconds(Get(nameof(s.DpdDelay), "dpddelay"));
        // strongSwan: DPD runs only with a dpdaction other than none (dpddelay defaults to 30s); Libreswan: with a
        // dpddelay.
        var on = _libreswan ? delay > 0 && action != "none" : action is "hold" or "clear" or "restart" or "trap";
        s.DpdDelay = on ? delay ?? 30 : 0;
        s.DpdTimeout = PeerConfigReader.Seconds(Get(nameof(s.DpdTimeout), "dpdtimeout"));
        s.DpdAction = on ? action ?? "hold" : "disabled";
        s.Mode = Get(nameof(s.Mode), "type") ?? "tunnel";
        s.StartAction = Get(nameof(s.StartAction), "auto") switch
        {
            "start" or "up" => "start",
            "route" or "ondemand" => "route",
            _ => "add",
        };
        s.Mtu = PeerConfigReader.Int(Get(nameof(s.Mtu), "mtu"));
        var auth = Get("AuthBy", "authby");
        if (auth != null && !Regex.IsMatch(auth, "(^|[|,])(psk|secret)($|[|,])"))
        {
            c.Notes.Add($"authby={auth}: the peer does not authenticate with a pre-shared key");
        }

        return c;
    }

    private List<ProposalMeaning> Proposals(string? text, bool ike)
    {
        var list = ProposalMeaning.ParseList(text, ike, _libreswan).ToList();
        // strongSwan's ipsec.conf appends its defaults to a list without '!' (and uses them alone when none is given);
        // Libreswan uses its own defaults only when none is given.
        if (text == null || (!_libreswan && !text.TrimEnd().EndsWith("!", StringComparison.Ordinal)))
        {
            list.AddRange(_libreswan ? ProposalWords.LibreswanDefaults(ike) : ProposalWords.StrongSwanDefaults(ike));
        }

        return list;
    }

    private static string? Value(Dictionary<string, (string Value, PeerFileLine Line)> values, string key) =>
        values.TryGetValue(key, out var v) ? v.Value : null;

    // A conn's own values, then its also= sections', then %default's: the first writer of a key wins.
    private static Dictionary<string, (string Value, PeerFileLine Line)> Resolve(Section section, Dictionary<string,
        Section> all, int depth)
    {
        var result = new Dictionary<string, (string, PeerFileLine)>(section.Values, StringComparer.Ordinal);
        if (depth < 10 && section.Values.TryGetValue("also", out var also))
        {
            foreach (var name in also.Value.Split(new[] { ' ', '\t', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (all.TryGetValue(name, out var parent) && parent != section)
                {
                    foreach (var pair in Resolve(parent, all, depth + 1).Where(p => !result.ContainsKey(p.Key)))
                    {
                        result[pair.Key] = pair.Value;
                    }
                }
            }
        }

        if (depth == 0 && all.TryGetValue("%default", out var defaults) && section.Name != "%default")
        {
            foreach (var pair in defaults.Values.Where(p => !result.ContainsKey(p.Key)))
            {
                result[pair.Key] = pair.Value;
            }
        }

        return result;
    }

    private static Dictionary<string, Section> Sections(PeerFileText text)
    {
        var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
        Section? current = null;
        foreach (var line in text.Lines)
        {
            if (!char.IsWhiteSpace(line.Text[0]))
            {
                var words = line.Text.Trim().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                current = words.Length > 1 && words[0] == "conn" ? new Section(words[1], line) : null;
                if (current != null)
                {
                    sections[current.Name] = current;   // a later conn of the same name replaces the earlier
                }

                continue;
            }

            var at = line.Text.IndexOf('=');
            if (current != null && at > 0)
            {
                current.Values[line.Text.Substring(0, at).Trim()] = (line.Text.Substring(at + 1).Trim().Trim('"'),
                    line);
            }
        }

        return sections;
    }

    private sealed class Section
    {
        public Section(string name, PeerFileLine line)
        {
            Name = name;
            Line = line;
        }

        public string Name { get; }

        public PeerFileLine Line { get; }

        public Dictionary<string, (string Value, PeerFileLine Line)> Values { get; } = new(StringComparer.Ordinal);
    }
}
