using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// Reads a vendor's running configuration (ours among other tunnels and unrelated configuration) into the same
/// <see cref="PeerSettings"/> the strongSwan readers produce, so Test-IpsecSiteConnection compares it the same way.
/// </summary>
internal abstract class VendorReader
{
    public abstract PeerConfigFormat Format { get; }

    /// <summary>The table the writer uses: the reader maps the platform's words back through it.</summary>
    protected abstract VendorTable Table { get; }

    /// <summary>True when the text is this platform's configuration.</summary>
    public abstract bool Recognise(string text);

    /// <summary>
    /// Our tunnel's settings; <paramref name="site"/> (when known) picks our tunnel among the others.
    /// </summary>
    public abstract PeerSettings Read(string text, PeerSite? site);

    /// <summary>
    /// Our tunnel among those found: the one with the export's name, else the one to the cloud's address, else the
    /// only one.
    /// </summary>
    protected static T Pick<T>(IReadOnlyList<T> tunnels, Func<T, string?> name, Func<T, string?> cloud, PeerSite? site)
    {
        var ours = site == null ? null : VendorDialect.ShortName(site.Connection.Id);
        var index = tunnels.Select(name).ToList().IndexOf(ours);
        if (index < 0 && site?.CloudAddress != null)
        {
            index = tunnels.Select(cloud).ToList().IndexOf(site.CloudAddress);
        }

        if (index < 0 && tunnels.Count == 1)
        {
            index = 0;
        }

        if (index < 0)
        {
            throw OpenStackException.Argument("PeerConfig", tunnels.Count == 0
                ? "the configuration holds no IPsec tunnel this reader recognises."
                : $"the configuration holds {tunnels.Count} tunnels and none is named {ours} or goes to"
                    + $" {site?.CloudAddress}.");
        }

        return tunnels[index];
    }

    /// <summary>What a reader found, in the platform's words; <see cref="Settings"/> maps it back.</summary>
    protected sealed class Found
    {
        public string? Name { get; set; }
        public int? IkeVersion { get; set; }
        public string? LocalAddress { get; set; }
        public string? RemoteAddress { get; set; }
        public string? LocalId { get; set; }
        public string? RemoteId { get; set; }
        public List<string> LocalSubnets { get; } = new();
        public List<string> RemoteSubnets { get; } = new();
        public string? IkeEncryption { get; set; }
        public string? IkeIntegrity { get; set; }
        public string? IkeGroup { get; set; }
        public bool Ah { get; set; }
        public string? EspEncryption { get; set; }
        public string? EspIntegrity { get; set; }
        public string? PfsGroup { get; set; }
        public int? IkeLifetime { get; set; }
        public int? ChildLifetime { get; set; }
        public bool Aggressive { get; set; }
        public bool DpdOn { get; set; }
        public string Mode { get; set; } = "tunnel";
        public bool PeerStarts { get; set; }
        public string? Key { get; set; }
    }

    /// <summary>The found words in strongSwan's vocabulary, as <see cref="PeerSettings"/> holds them.</summary>
    protected PeerSettings Settings(Found f)
    {
        var t = Table;
        string? Proposal(string? enc, string? integ, string? group, Dictionary<string, string> encMap,
            Dictionary<string, string> integMap, Dictionary<string, string> groupMap, bool ike)
        {
            var e = VendorTable.Neutron(encMap, enc);
            var i = VendorTable.Neutron(integMap, integ);
            var g = VendorTable.Neutron(groupMap, group);
            if (e == null || (i == null && integ != null) || g == null)
            {
                // A word the table does not know: show it as found, so the finding names it.
                return string.Join("-", new[] { enc, integ, group }.Where(w => w != null));
            }

            return PeerSite.Proposal(e, i, g, ike);
        }

        // Neutron's rule, as the export applies it: "@" on both ids when either is not an IP address.
        var fqdn = (f.LocalId != null && !PeerSite.IsIp(f.LocalId)) || (f.RemoteId != null
            && !PeerSite.IsIp(f.RemoteId));
        string? Id(string? id) => id == null ? null : fqdn && !id.StartsWith("@", StringComparison.Ordinal) ? "@"
            + id : id;
        // With no local_id the cloud identifies by its address, without the "@".
        var remoteId = f.RemoteId ?? f.RemoteAddress;
        var childIntegrity = VendorTable.Neutron(t.EspIntegrity, f.EspIntegrity);
        var childGroup = VendorTable.Neutron(t.PfsGroup, f.PfsGroup);
        var settings = new PeerSettings
        {
            Name = f.Name,
            IkeVersion = f.IkeVersion,
            LocalAddress = f.LocalAddress,
            RemoteAddress = f.RemoteAddress,
            LocalId = Id(f.LocalId ?? f.LocalAddress),
            RemoteId = remoteId == f.RemoteAddress ? remoteId : Id(remoteId),
            LocalSubnets = f.LocalSubnets.Distinct().ToList(),
            RemoteSubnets = f.RemoteSubnets.Distinct().ToList(),
            IkeProposal = Proposal(f.IkeEncryption, f.IkeIntegrity, f.IkeGroup, t.IkeEncryption, t.IkeIntegrity,
                t.IkeGroup, true),
            ChildProtocol = f.Ah ? "ah" : "esp",
            ChildProposal = f.Ah
                ? string.Join("-", new[] { Algorithms.IntegrityName(childIntegrity) ?? f.EspIntegrity,
                    Algorithms.GroupName(childGroup) ?? f.PfsGroup }.Where(p => p != null))
                : Proposal(f.EspEncryption, f.EspIntegrity, f.PfsGroup, t.EspEncryption, t.EspIntegrity, t.PfsGroup,
                    false),
            IkeLifetime = f.IkeLifetime,
            ChildLifetime = f.ChildLifetime,
            Aggressive = f.Aggressive,
            DpdDelay = f.DpdOn ? 1 : 0,
            Mode = f.Mode,
            StartAction = f.PeerStarts ? "start" : "route",
        };
        settings.PskIsPlaceholder = f.Key == PeerConfigFile.PskPlaceholder;
        settings.Psk = f.Key == null ? null : Secrets.ToSecure(f.Key);
        return settings;
    }

    protected static int? Int(string? text) =>
        int.TryParse(text?.Trim().Trim('"', '\''), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
            : null;

    /// <summary>The text's lines, trimmed, without blank ones.</summary>
    protected static List<string> Lines(string text) =>
        text.Replace("\r", "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>Splits a command line into words; double- or single-quoted words keep their spaces.</summary>
    protected static List<string> Words(string line)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        char? quote = null;
        var inWord = false;
        foreach (var c in line)
        {
            if (quote != null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"' || c == '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
