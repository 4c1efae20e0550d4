using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// Reads a peer's configuration file (swanctl.conf, strongSwan ipsec.conf with its ipsec.secrets, or a Libreswan conn file with
/// its .secrets) into <see cref="PeerSettings"/>, in strongSwan's vocabulary, so it can be compared with what the cloud expects.
/// </summary>
public static class PeerConfigReader
{
    /// <summary>Reads <paramref name="path"/>; the format is recognised from the text unless given. Secrets files beside it are read too.</summary>
    public static (PeerSettings Settings, PeerConfigFormat Format) Read(
        string path, PeerConfigFormat? format = null, PeerSite? site = null)
    {
        if (!File.Exists(path))
        {
            throw OpenStackException.Argument("PeerConfig", $"no file at '{path}'.");
        }

        var text = File.ReadAllText(path);
        // A vendor's running configuration: its reader picks our tunnel among the others (the site's name, address).
        if ((format ?? Vendors.VendorDialects.Recognise(text)) is { } vendor
            && Vendors.VendorDialects.Reader(vendor) is { } reader)
        {
            return (reader.Read(text, site), vendor);
        }

        var found = format ?? Recognise(text) ?? throw OpenStackException.Argument("PeerConfig", $"'{path}' is neither a swanctl.conf (connections {{ }}), an ipsec.conf nor a Libreswan conn file (no 'conn' section).");
        string? secrets = null;
        if (found != PeerConfigFormat.Swanctl)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            var candidates = new[] { Path.Combine(dir, Path.GetFileNameWithoutExtension(path) + ".secrets"), Path.Combine(dir, "ipsec.secrets") };
            secrets = candidates.Where(File.Exists).Select(File.ReadAllText).FirstOrDefault();
        }

        return (Parse(text, found, secrets), found);
    }

    /// <summary>Parses text of a known format; <paramref name="secrets"/> is the ipsec.secrets text for the two conn formats.</summary>
    public static PeerSettings Parse(string text, PeerConfigFormat format, string? secrets = null)
    {
        var settings = format == PeerConfigFormat.Swanctl ? Swanctl(text) : Conn(text, format == PeerConfigFormat.Libreswan);
        if (format != PeerConfigFormat.Swanctl && secrets != null)
        {
            SetPsk(settings, SecretFor(secrets, settings.LocalId, settings.RemoteId));
        }

        return settings;
    }

    /// <summary>The format a text is written in, or null.</summary>
    public static PeerConfigFormat? Recognise(string text)
    {
        var lines = Lines(text).ToList();
        if (lines.Any(l => Regex.IsMatch(l, @"^connections\s*\{")))
        {
            return PeerConfigFormat.Swanctl;
        }

        if (!lines.Any(l => l.StartsWith("conn ", StringComparison.Ordinal)))
        {
            return null;
        }

        return lines.Any(l => Regex.IsMatch(l, @"^(ikev2|phase2alg|phase2|salifetime|leftsubnets|rightsubnets)\s*=") || l == "authby=secret")
            ? PeerConfigFormat.Libreswan
            : PeerConfigFormat.IpsecConf;
    }

    private static PeerSettings Swanctl(string text)
    {
        var root = Section.ParseTree(text);
        var connection = root.Child("connections")?.Children.FirstOrDefault()
            ?? throw OpenStackException.Argument("PeerConfig", "the swanctl.conf has no connection under 'connections { }'.");
        var child = connection.Child("children")?.Children.FirstOrDefault();
        var settings = new PeerSettings
        {
            Name = connection.Name,
            IkeVersion = Int(connection["version"]) is { } v && v != 0 ? v : 2,
            LocalAddress = connection["local_addrs"],
            RemoteAddress = connection["remote_addrs"],
            LocalId = connection.Child("local")?["id"]?.Trim('"') ?? connection["local_addrs"],
            RemoteId = connection.Child("remote")?["id"]?.Trim('"') ?? connection["remote_addrs"],
            LocalSubnets = PeerConfigWriter.SplitList(child?["local_ts"]).ToList(),
            RemoteSubnets = PeerConfigWriter.SplitList(child?["remote_ts"]).ToList(),
            IkeProposal = connection["proposals"],
            ChildProtocol = child?["ah_proposals"] != null ? "ah" : "esp",
            ChildProposal = child?["ah_proposals"] ?? child?["esp_proposals"],
            IkeLifetime = Seconds(connection["rekey_time"]),
            ChildLifetime = Seconds(child?["rekey_time"] ?? child?["life_time"]),
            Aggressive = connection["aggressive"] == "yes",
            DpdDelay = Seconds(connection["dpd_delay"]) ?? 0,
            DpdTimeout = Seconds(connection["dpd_timeout"]),
            DpdAction = child?["dpd_action"] switch { "trap" => "hold", "restart" => "restart", "clear" => "clear", _ => "disabled" },
            Mode = child?["mode"] ?? "tunnel",
            StartAction = child?["start_action"] == "start" ? "start" : "route",
        };
        var secret = root.Child("secrets")?.Children.Where(s => s.Name.StartsWith("ike", StringComparison.Ordinal))
            .FirstOrDefault(s => s.Values.Any(v => v.Key.StartsWith("id", StringComparison.Ordinal) && (v.Value == settings.LocalId || v.Value == settings.RemoteId)))
            ?? root.Child("secrets")?.Children.FirstOrDefault(s => s.Name.StartsWith("ike", StringComparison.Ordinal));
        SetPsk(settings, secret?["secret"] is { } key ? PeerConfigFile.UnquoteSecret(key) : null);
        return settings;
    }

    private static PeerSettings Conn(string text, bool libreswan)
    {
        var sections = new List<(string Name, Dictionary<string, string> Values)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = StripComment(raw);
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                var words = line.Trim().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                sections.Add((words.Length > 1 && words[0] == "conn" ? words[1] : "", new Dictionary<string, string>(StringComparer.Ordinal)));
                continue;
            }

            var at = line.IndexOf('=');
            if (at > 0 && sections.Count > 0)
            {
                sections[sections.Count - 1].Values[line.Substring(0, at).Trim()] = line.Substring(at + 1).Trim().Trim('"');
            }
        }

        var defaults = sections.FirstOrDefault(s => s.Name == "%default").Values ?? new Dictionary<string, string>();
        var conn = sections.FirstOrDefault(s => s.Name.Length > 0 && s.Name != "%default");
        if (conn.Name == null)
        {
            throw OpenStackException.Argument("PeerConfig", "the file has no 'conn' section other than %default.");
        }

        string? Get(string key) => conn.Values.TryGetValue(key, out var v) ? v : defaults.TryGetValue(key, out var d) ? d : null;
        string? Proposal(string? value) => value == null ? null : libreswan ? Algorithms.FromLibreswan(value) : value;
        string? Id(string? value) => libreswan ? PeerIdentity.FromLibreswan(value) : value;
        var ah = libreswan ? Get("phase2") == "ah" : Get("ah") != null;
        var dpdAction = Get("dpdaction");
        return new PeerSettings
        {
            Name = conn.Name,
            IkeVersion = libreswan
                ? (Get("ikev2") is "no" or "never" or "permit" ? 1 : Get("keyexchange") == "ikev1" ? 1 : 2)
                : (Get("keyexchange") is "ikev1" ? 1 : 2),
            LocalAddress = Get("left"),
            RemoteAddress = Get("right"),
            LocalId = Id(Get("leftid") ?? Get("left")),
            RemoteId = Id(Get("rightid") ?? Get("right")),
            LocalSubnets = PeerConfigWriter.SplitList(Get("leftsubnets") ?? Get("leftsubnet")).ToList(),
            RemoteSubnets = PeerConfigWriter.SplitList(Get("rightsubnets") ?? Get("rightsubnet")).ToList(),
            IkeProposal = Proposal(Get("ike")),
            ChildProtocol = ah ? "ah" : "esp",
            ChildProposal = Proposal(libreswan ? Get("phase2alg") ?? Get("esp") ?? Get("ah") : ah ? Get("ah") : Get("esp")),
            IkeLifetime = Seconds(Get("ikelifetime") ?? Get("ikelifetime")),
            ChildLifetime = Seconds(Get(libreswan ? "salifetime" : "lifetime") ?? Get("keylife") ?? Get("lifetime")),
            Aggressive = Get("aggressive") == "yes" || Get("aggrmode") == "yes",
            DpdDelay = Seconds(Get("dpddelay")) ?? 0,
            DpdTimeout = Seconds(Get("dpdtimeout")),
            DpdAction = dpdAction == "none" || Seconds(Get("dpddelay")) is null or 0 ? "disabled" : dpdAction,
            Mode = Get("type") ?? "tunnel",
            StartAction = Get("auto") == "start" ? "start" : "route",
            Mtu = Int(Get("mtu")),
        };
    }

    /// <summary>The key of the ipsec.secrets line whose selectors name both ids (or, failing that, the only PSK line).</summary>
    private static string? SecretFor(string secrets, string? localId, string? remoteId)
    {
        var entries = new List<(string[] Ids, string Key)>();
        foreach (var raw in secrets.Split('\n'))
        {
            var line = StripComment(raw).Trim();
            var match = Regex.Match(line, @"^(?<ids>[^:]*):\s*PSK\s+(?<key>.+)$");
            if (match.Success)
            {
                entries.Add((match.Groups["ids"].Value.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries), match.Groups["key"].Value));
            }
        }

        var both = entries.Where(e => e.Ids.Contains(localId) && e.Ids.Contains(remoteId)).Select(e => e.Key).FirstOrDefault();
        var key = both ?? (entries.Count == 1 ? entries[0].Key : null);
        return key == null ? null : PeerConfigFile.UnquoteSecret(key);
    }

    private static void SetPsk(PeerSettings settings, string? key)
    {
        settings.PskIsPlaceholder = key == PeerConfigFile.PskPlaceholder;
        settings.Psk = key == null ? null : OpenStackVpn.Core.Secrets.ToSecure(key);
    }

    private static int? Seconds(string? value)
    {
        if (value == null)
        {
            return null;
        }

        var match = Regex.Match(value.Trim(), @"^(\d+)\s*([smhd]?)$");
        if (!match.Success)
        {
            return null;
        }

        var n = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "m" => n * 60, "h" => n * 3600, "d" => n * 86400, _ => n };
    }

    private static int? Int(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string StripComment(string line)
    {
        var inQuote = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                inQuote = !inQuote;
            }
            else if (line[i] == '#' && !inQuote)
            {
                return line.Substring(0, i).TrimEnd();
            }
        }

        return line.TrimEnd('\r');
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n').Select(l => StripComment(l).Trim()).Where(l => l.Length > 0);

    /// <summary>A section of strongSwan's settings syntax: name { key = value; sub { ... } }.</summary>
    private sealed class Section
    {
        public Section(string name) => Name = name;

        public string Name { get; }

        public List<Section> Children { get; } = new();

        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

        public string? this[string key] => Values.TryGetValue(key, out var v) ? v : null;

        public Section? Child(string name) => Children.FirstOrDefault(c => c.Name == name);

        public static Section ParseTree(string text)
        {
            var stack = new Stack<Section>();
            stack.Push(new Section(""));
            foreach (var line in Lines(text))
            {
                var open = Regex.Match(line, @"^([^=\s{]+)\s*\{\s*(.*)$");
                if (open.Success)
                {
                    var section = new Section(open.Groups[1].Value);
                    stack.Peek().Children.Add(section);
                    stack.Push(section);
                    continue;
                }

                if (line.StartsWith("}", StringComparison.Ordinal))
                {
                    if (stack.Count > 1)
                    {
                        stack.Pop();
                    }

                    continue;
                }

                var at = line.IndexOf('=');
                if (at > 0)
                {
                    stack.Peek().Values[line.Substring(0, at).Trim()] = line.Substring(at + 1).Trim();
                }
            }

            return stack.Last();
        }
    }
}
