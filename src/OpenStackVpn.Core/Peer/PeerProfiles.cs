using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Peer.Vendors;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// What kinds of peer gateways cannot negotiate, read from PeerProfiles.json (one entry per profile, each limit with
/// the
/// documentation page it comes from). A new profile is a data entry; the settings a limit can name are <see
/// cref="Settings"/>. Each vendor format is a profile too (named like the format), whose limits are that format's own
/// value table (<see cref="VendorTable"/>): one description per platform.
/// </summary>
public static class PeerProfiles
{
    private static readonly Lazy<IReadOnlyList<PeerProfile>> Loaded = new(() => Load());

    private static readonly Lazy<IReadOnlyList<PeerProfile>> Everything = new(() =>
        Loaded.Value.Concat(VendorDialects.All.Select(Vendor)).ToList());

    /// <summary>Every profile: those of PeerProfiles.json, then one per vendor format.</summary>
    public static IReadOnlyList<PeerProfile> All => Everything.Value;

    /// <summary>The profile of that name (case-insensitive), or an argument error of -PeerProfile listing the
    /// names.</summary>
    public static PeerProfile Named(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw OpenStackException.Argument("PeerProfile",
            $"'{name}' is not a known peer profile; known: {string.Join(", ", All.Select(p => p.Name))}.");

    /// <summary>The connection's settings a limit can name, in Neutron's spelling.</summary>
    public static IReadOnlyDictionary<string, string?> Settings(PeerSite site) => new Dictionary<string, string?>
    {
        ["ike_version"] = site.IkePolicy.IkeVersion,
        ["ike_encryption"] = site.IkePolicy.EncryptionAlgorithm,
        ["ike_integrity"] = site.IkePolicy.AuthAlgorithm,
        ["ike_group"] = site.IkePolicy.Pfs,
        ["phase1_mode"] = site.IkePolicy.Phase1NegotiationMode,
        ["esp_encryption"] = site.IpsecPolicy.TransformProtocol == "ah" ? null : site.IpsecPolicy.EncryptionAlgorithm,
        ["esp_integrity"] = site.IpsecPolicy.AuthAlgorithm,
        ["esp_group"] = site.IpsecPolicy.Pfs,
        ["transform_protocol"] = site.IpsecPolicy.TransformProtocol,
    };

    /// <summary>One Error finding per setting of the connection that <paramref name="profile"/> cannot negotiate, or
    /// one Ok.</summary>
    public static IReadOnlyList<ConnectionFinding> Check(PeerSite site, PeerProfile profile)
    {
        var findings = profile.Refused(site)
            .Select(l => new ConnectionFinding(site.Connection.Id, "PeerProfile." + l.Setting, FindingSeverity.Error,
                $"{l.Setting} {l.Value}: {profile.Name} cannot negotiate it ({l.Why})",
                    $"a value {profile.Name} supports",
                $"Change the policy, or use a peer that supports it. Source: {l.Source}",
                    l.Source) { ConnectionName = site.Connection.Name })
            .ToList();
        if (findings.Count == 0)
        {
            findings.Add(new ConnectionFinding(site.Connection.Id, "PeerProfile", FindingSeverity.Ok,
                $"{profile.Name} can negotiate every setting of this connection ({profile.Description})")
                    { ConnectionName = site.Connection.Name });
        }

        return findings;
    }

    /// <summary>Info: the settings some current peer refuses or does not build by default, with which peer (no profile
    /// asked for).</summary>
    internal static ConnectionFinding CurrentPeersFinding(PeerSite site)
    {
        var settings = Settings(site);
        var hits = Loaded.Value.SelectMany(p => p.Limits.Where(l => Matches(settings, l))
            .Select(l => (Profile: p.Name, Limit: l)))
            .GroupBy(h => $"{h.Limit.Setting} {h.Limit.Value}")
            .Select(g =>
                $"{g.Key}: not {string.Join(", ", g.Select(h => h.Profile))} ({g.First().Limit.Why})").ToList();
        return hits.Count == 0
            ? new ConnectionFinding(site.Connection.Id, "CurrentPeers", FindingSeverity.Ok,
                $"every known peer profile ({string.Join(", ", Loaded.Value.Select(p => p.Name))}) can negotiate these"
                    + " policies")
            : new ConnectionFinding(site.Connection.Id, "CurrentPeers", FindingSeverity.Info, string.Join("; ", hits),
                null,
                "Check the peer's kind with -PeerProfile before configuring it.");
    }

    /// <summary>Whether the connection's value of a limit's setting is the limit's value.</summary>
    internal static bool Matches(IReadOnlyDictionary<string, string?> settings, PeerProfileLimit limit) =>
        string.Equals(settings.TryGetValue(limit.Setting, out var v) ? v : null, limit.Value,
            StringComparison.OrdinalIgnoreCase);

    /// <summary>A vendor format's profile: every value of a connection its table refuses, with the table's
    /// documentation.</summary>
    private static PeerProfile Vendor(VendorDialect dialect)
    {
        var sources = string.Join(", ", dialect.Table.Sources);
        return new PeerProfile(dialect.Format.ToString(),
            $"{dialect.Platform}, by the value table of Export-IpsecPeerConfig -Format {dialect.Format}",
            Array.Empty<PeerProfileLimit>(),
            site => dialect.TableRefusals(site).Select(r => new PeerProfileLimit(r.Setting, r.Value, r.Why, sources)));
    }

    private static List<PeerProfile> Load()
    {
        using var stream =
            typeof(PeerProfiles).Assembly.GetManifestResourceStream("OpenStackVpn.Core.Peer.PeerProfiles.json")
            ?? throw new InvalidOperationException("PeerProfiles.json is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var root = JObject.Parse(reader.ReadToEnd());
        return root["profiles"]!.Select(p => new PeerProfile(
            (string)p["name"]!, (string)p["description"]!,
            p["limits"]!.Select(l => new PeerProfileLimit((string)l["setting"]!, (string)l["value"]!,
                (string)l["why"]!, (string)l["source"]!)).ToList()))
            .ToList();
    }
}

/// <summary>A kind of peer gateway and what it cannot negotiate.</summary>
public sealed class PeerProfile
{
    private readonly Func<PeerSite, IEnumerable<PeerProfileLimit>>? _refused;

    internal PeerProfile(string name, string description, IReadOnlyList<PeerProfileLimit> limits,
        Func<PeerSite, IEnumerable<PeerProfileLimit>>? refused = null)
    {
        Name = name;
        Description = description;
        Limits = limits;
        _refused = refused;
    }

    /// <summary>The profile's name (strongswan-5.9, libreswan-4, FortiGate...).</summary>
    public string Name { get; }

    /// <summary>What kind of peer it describes.</summary>
    public string Description { get; }

    /// <summary>What it cannot negotiate, as PeerProfiles.json lists it (empty for a vendor format's profile, whose
    /// limits are its format's value table).</summary>
    public IReadOnlyList<PeerProfileLimit> Limits { get; }

    /// <summary>The limits the connection runs into, each with the connection's value.</summary>
    internal IEnumerable<PeerProfileLimit> Refused(PeerSite site)
    {
        var settings = PeerProfiles.Settings(site);
        return _refused?.Invoke(site) ?? Limits.Where(l => PeerProfiles.Matches(settings, l));
    }
}

/// <summary>One setting value a peer cannot negotiate, why, and the documentation that says so.</summary>
public sealed class PeerProfileLimit
{
    internal PeerProfileLimit(string setting, string value, string why, string source)
    {
        Setting = setting;
        Value = value;
        Why = why;
        Source = source;
    }

    /// <summary>The setting (ike_version, ike_group...).</summary>
    public string Setting { get; }

    /// <summary>The value in Neutron's spelling.</summary>
    public string Value { get; }

    /// <summary>Why the peer cannot negotiate it.</summary>
    public string Why { get; }

    /// <summary>The documentation page.</summary>
    public string Source { get; }
}
