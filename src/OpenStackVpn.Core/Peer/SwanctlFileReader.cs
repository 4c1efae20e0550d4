using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace OpenStackVpn.Core.Peer;

/// <summary>
/// Reads strongSwan's swanctl.conf (swanctl.conf(5), https://docs.strongswan.org/docs/5.9/swanctl/swanctlConf.html):
/// every
/// connection under "connections", each child under "children" (the one whose traffic selectors fit is compared), the
/// "local*"/"remote*" rounds, and the IKE secrets of "secrets" in the file, its includes (conf.d/*.conf), or a
/// swanctl.conf one
/// folder up. Defaults are swanctl's: version 0 (either), proposals "default", start_action none, dpd_delay 0.
/// </summary>
internal sealed class SwanctlFileReader : IPeerFileReader
{
    public string Format => nameof(PeerConfigFormat.Swanctl);

    public int Recognise(PeerFileText text) =>
        text.Lines.Any(l => Regex.IsMatch(l.Text.Trim(), @"^(connections|secrets)\s*\{")) ? 100 : 0;

    public IReadOnlyList<PeerFileConnection> Read(PeerFileText text, string path)
    {
        var root = Node.Parse(text.Lines);
        // Sections of the same name (swanctl.conf and its conf.d/*.conf each with "connections { }") add up.
        var secrets = root.All("secrets").Where(s => s.Name.StartsWith("ike", StringComparison.Ordinal)).ToList();
        if (secrets.Count == 0 && File.Exists(path))
        {
            // conf.d/x.conf given alone: its secrets are often in the main swanctl.conf one folder up.
            var parent = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".")
                ?? ".", "swanctl.conf");
            if (File.Exists(parent) && !text.Files.Contains(Path.GetFullPath(parent)))
            {
                secrets = Node.Parse(PeerFileText.Load(parent).Lines).All("secrets")
                    .Where(s => s.Name.StartsWith("ike", StringComparison.Ordinal)).ToList();
            }
        }

        var result = new List<PeerFileConnection>();
        foreach (var conn in root.All("connections"))
        {
            var children = conn.Child("children")?.Children ?? new List<Node>();
            foreach (var child in children.DefaultIfEmpty(null))
            {
                var c = Connection(conn, child);
                Psk(c, secrets);
                result.Add(c);
            }
        }

        return result;
    }

    private static PeerFileConnection Connection(Node conn, Node? child)
    {
        var name = child == null || child.Name == conn.Name ? conn.Name : $"{conn.Name}/{child.Name}";
        var c = new PeerFileConnection(name, conn.Line.Where);
        var s = c.Settings;
        string? Get(Node? node, string property, string key)
        {
            if (node != null && node.Values.TryGetValue(key, out var v))
            {
                c.SetSource(property, v.Line.Where);
                return v.Value;
            }

            return null;
        }

        var local = conn.Children.FirstOrDefault(n => n.Name.StartsWith("local", StringComparison.Ordinal)
            && n.Name != "local_addrs");
        var remote = conn.Children.FirstOrDefault(n => n.Name.StartsWith("remote", StringComparison.Ordinal));
        var version = PeerConfigReader.Int(Get(conn, nameof(s.IkeVersion), "version")) ?? 0;
        s.IkeVersion = version == 1 ? 1 : 2;
        c.EitherIkeVersion = version == 0;
        s.LocalAddress = Get(conn, nameof(s.LocalAddress), "local_addrs") ?? "%any";
        s.RemoteAddress = Get(conn, nameof(s.RemoteAddress), "remote_addrs") ?? "%any";
        // A quoted id ("@#hex": '#' starts a comment in swanctl.conf) is the text inside the quotes.
        s.LocalId = Get(local, nameof(s.LocalId), "id")?.Trim('"')
            ?? (PeerFileConnection.IsWildcard(s.LocalAddress) ? null : s.LocalAddress);
        s.RemoteId = Get(remote, nameof(s.RemoteId), "id")?.Trim('"') ?? s.RemoteAddress;
        s.LocalSubnets = PeerConfigWriter.SplitList(Get(child, nameof(s.LocalSubnets), "local_ts")).ToList();
        s.RemoteSubnets = PeerConfigWriter.SplitList(Get(child, nameof(s.RemoteSubnets), "remote_ts")).ToList();
        s.IkeProposal = Get(conn, nameof(s.IkeProposal), "proposals") ?? "default";
        var ah = Get(child, nameof(s.ChildProposal), "ah_proposals");
        s.ChildProtocol = ah != null ? "ah" : "esp";
        s.ChildProposal = ah ?? Get(child, nameof(s.ChildProposal), "esp_proposals") ?? "default";
        c.SetSource(nameof(s.ChildProtocol), c.SourceOf(nameof(s.ChildProposal)));
        c.IkeProposals = ProposalMeaning.ParseList(s.IkeProposal, ike: true, libreswan: false);
        c.ChildProposals = ProposalMeaning.ParseList(s.ChildProposal, ike: false, libreswan: false);
        s.IkeLifetime = PeerConfigReader.Seconds(Get(conn, nameof(s.IkeLifetime), "rekey_time"));
        s.ChildLifetime = PeerConfigReader.Seconds(Get(child, nameof(s.ChildLifetime), "rekey_time"))
            ?? PeerConfigReader.Seconds(Get(child, nameof(s.ChildLifetime), "life_time"));
        s.Aggressive = Get(conn, nameof(s.Aggressive), "aggressive") == "yes";
        s.DpdDelay = PeerConfigReader.Seconds(Get(conn, nameof(s.DpdDelay), "dpd_delay")) ?? 0;
        s.DpdTimeout = PeerConfigReader.Seconds(Get(conn, nameof(s.DpdTimeout), "dpd_timeout"));
        s.DpdAction = s.DpdDelay == 0 ? "disabled" : Get(child, nameof(s.DpdAction), "dpd_action") switch
        {
            "trap" => "hold",
            "restart" or "start" => "restart",
            _ => "clear",
        };
        s.Mode = Get(child, nameof(s.Mode), "mode") ?? "tunnel";
        var start = Get(child, nameof(s.StartAction), "start_action") ?? "none";
        s.StartAction = start.Contains("start") ? "start" : start.Contains("trap") ? "route" : "add";
        var auth = Get(local, "Auth", "auth");
        if (auth != null && auth != "psk")
        {
            c.Notes.Add($"auth = {auth}: the peer does not authenticate with a pre-shared key");
        }

        return c;
    }

    private static void Psk(PeerFileConnection c, IReadOnlyList<Node> secrets)
    {
        var best = secrets
            .Select(n => (Node: n, Score: IpsecSecrets.Score(n.Values.Where(v => v.Key.StartsWith("id",
                StringComparison.Ordinal))
                .Select(v => v.Value.Value).ToList(), c.Settings)))
            .Where(n => n.Score > 0 && n.Node.Values.ContainsKey("secret")).OrderByDescending(n =>
                n.Score).FirstOrDefault();
        if (best.Node != null)
        {
            var secret = best.Node.Values["secret"];
            PeerConfigReader.SetPsk(c.Settings, PeerConfigFile.UnquoteSecret(secret.Value));
            c.PskSource = secret.Line.Where;
        }
    }

    /// <summary>A section of strongSwan's settings syntax: name { key = value  sub { ... } }.</summary>
    private sealed class Node
    {
        private Node(string name, PeerFileLine? line)
        {
            Name = name;
            Line = line!;
        }

        public string Name { get; }

        public PeerFileLine Line { get; }

        public List<Node> Children { get; } = new();

        public Dictionary<string, (string Value, PeerFileLine Line)> Values { get; } = new(StringComparer.Ordinal);

        public Node? Child(string name) => Children.FirstOrDefault(c => c.Name == name);

        public IEnumerable<Node> All(string name) => Children.Where(c => c.Name == name).SelectMany(c => c.Children);

        public static Node Parse(IEnumerable<PeerFileLine> lines)
        {
            var stack = new Stack<Node>();
            stack.Push(new Node("", null));
            foreach (var line in lines)
            {
                var rest = line.Text.Trim();
                while (rest.Length > 0)
                {
                    if (rest[0] == '}')
                    {
                        if (stack.Count > 1)
                        {
                            stack.Pop();
                        }

                        rest = rest.Substring(1).Trim();
                        continue;
                    }

                    var open = Regex.Match(rest, @"^([^=\s{}]+)\s*\{");
                    if (open.Success)
                    {
                        var node = new Node(open.Groups[1].Value, line);
                        stack.Peek().Children.Add(node);
                        stack.Push(node);
                        rest = rest.Substring(open.Length).Trim();
                        continue;
                    }

                    var pair = Regex.Match(rest, @"^([^=\s{}]+)\s*=\s*(""[^""]*""|[^}]*)");
                    if (pair.Success)
                    {
                        stack.Peek().Values[pair.Groups[1].Value] = (pair.Groups[2].Value.Trim(), line);
                        rest = rest.Substring(pair.Length).Trim();
                        continue;
                    }

                    break;   // a line this reader does not understand is skipped
                }
            }

            return stack.Last();
        }
    }
}
