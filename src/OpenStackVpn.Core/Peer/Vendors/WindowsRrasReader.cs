using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// Reads an RRAS set-up script: our Add-VpnS2SInterface call (among others), the networks and Connect-VpnS2SInterface.
/// </summary>
internal sealed class WindowsRrasReader : VendorReader
{
    public override PeerConfigFormat Format => PeerConfigFormat.WindowsRras;

    protected override VendorTable Table => WindowsRras.Words;

    public override bool Recognise(string text) => text.Contains("Add-VpnS2SInterface");

    public override PeerSettings Read(string text, PeerSite? site)
    {
        var joined = Regex.Replace(text.Replace("\r", ""), "`\n\\s*", " ");
        var lines = joined.Split('\n').Select(l => l.Trim()).ToList();
        var calls = lines.Where(l => l.StartsWith("Add-VpnS2SInterface ", StringComparison.OrdinalIgnoreCase))
            .Select(Parameters).ToList();
        var callLines = lines.Select((l, i) => (l, i)).Where(p => p.l.StartsWith("Add-VpnS2SInterface ",
            StringComparison.OrdinalIgnoreCase))
            .Select(p => p.i).ToList();
        string? Get(Dictionary<string, string> call, string name) => call.TryGetValue(name, out var v) ? v : null;
        var ours = Pick(calls, c => Get(c, "Name"), c => Get(c, "Destination"), site);
        var name = Get(ours, "Name");
        var f = new Found
        {
            Name = name,
            IkeVersion = string.Equals(Get(ours, "Protocol"), "IKEv2", StringComparison.OrdinalIgnoreCase) ? 2 : 1,
            LocalAddress = Get(ours, "SourceIpAddress"),
            RemoteAddress = Get(ours, "Destination"),
            IkeEncryption = Get(ours, "EncryptionMethod"),
            IkeIntegrity = Get(ours, "IntegrityCheckMethod"),
            IkeGroup = Get(ours, "DHGroup"),
            EspEncryption = Get(ours, "CipherTransformConstants"),
            EspIntegrity = Get(ours, "AuthenticationTransformConstants") is { } a && !a.StartsWith("GCM",
                StringComparison.Ordinal) ? a : null,
            PfsGroup = Get(ours, "PfsGroup"),
            IkeLifetime = Int(Get(ours, "MMSALifeTimeSeconds")),
            ChildLifetime = Int(Get(ours, "SALifeTimeSeconds")),
            DpdOn = Get(ours, "NetworkOutageTimeSeconds") != null,
            PeerStarts = lines.Any(l => Regex.IsMatch(l,
                $@"^Connect-VpnS2SInterface\s+-Name\s+'{Regex.Escape(name ?? "")}'", RegexOptions.IgnoreCase)),
            Key = Get(ours, "SharedSecret"),
        };
        f.RemoteSubnets.AddRange(List(Get(ours, "IPv4Subnet")).Select(s => s.Split(':')[0]));
        // The $PeerNetworks line the script writes just before our Add-VpnS2SInterface.
        var networks = lines.Take(callLines[calls.IndexOf(ours)])
            .LastOrDefault(l => l.StartsWith("$PeerNetworks", StringComparison.OrdinalIgnoreCase));
        f.LocalSubnets.AddRange(List(networks?.Substring(networks.IndexOf('=') + 1)));
        return Settings(f);
    }

    /// <summary>-Name value pairs of one command line; a switch has the value "True".</summary>
    private static Dictionary<string, string> Parameters(string line)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in Regex.Matches(line, @"\s-(\w+)(?:\s+(?!-)('(?:[^']|'')*'|@\([^)]*\)|[^\s]+))?"))
        {
            var value = m.Groups[2].Success ? m.Groups[2].Value : "True";
            result[m.Groups[1].Value] = value.Length > 1
                && value[0] == '\'' ? value.Substring(1, value.Length - 2).Replace("''", "'") : value;
        }

        return result;
    }

    private static IEnumerable<string> List(string? text) =>
        Regex.Matches(text ?? "", "'([^']*)'").Cast<Match>().Select(m => m.Groups[1].Value);
}
