using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// One platform's words for Neutron's values: a value missing from a map is one the platform cannot express, and a
/// connection using it is refused for that format. Each map names the documentation it was taken from.
/// </summary>
internal sealed class VendorTable
{
    /// <summary>Neutron's values, as the API description suggests them (the cloud's release decides).</summary>
    public static readonly IReadOnlyList<string> NeutronEncryption = new[] { "3des", "aes-128", "aes-192", "aes-256" }
        .Concat(new[] { "128", "192", "256" }.Select(b => $"aes-{b}-ctr"))
        .Concat(from m in new[] { "ccm", "gcm" } from b in new[] { "128", "192", "256" } from i in new[] { "8", "12",
            "16" }
                select $"aes-{b}-{m}-{i}")
        .ToList();

    public static readonly IReadOnlyList<string> NeutronIntegrity =
        new[] { "sha1", "sha256", "sha384", "sha512", "aes-xcbc", "aes-cmac" };

    public static readonly IReadOnlyList<string> NeutronGroups =
        new[] { 2, 5 }.Concat(Enumerable.Range(14, 18)).Select(g => "group" + g).ToList();

    public static readonly IReadOnlyList<string> NeutronDpdActions =
        new[] { "clear", "disabled", "hold", "restart", "restart-by-peer" };

    /// <summary>Every other Neutron choice a format must express or refuse, by the name the refusal uses.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> NeutronChoices = new Dictionary<string, string[]>
    {
        ["initiator"] = new[] { "bi-directional", "response-only" },
        ["id type"] = new[] { "ip", "fqdn" },
        ["IKE version"] = new[] { "v1", "v2" },
        ["phase-1 mode"] = new[] { "main", "aggressive" },
        ["transform protocol"] = new[] { "esp", "ah", "ah-esp" },
        ["encapsulation mode"] = new[] { "tunnel", "transport" },
    };

    public Dictionary<string, string> IkeEncryption { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> IkeIntegrity { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> IkeGroup { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> EspEncryption { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> EspIntegrity { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> PfsGroup { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Neutron's DPD action in the platform's words; a missing action is refused.</summary>
    public Dictionary<string, string> DpdAction { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The other choices the platform cannot express, with the reason (key: "IKE version=v1" and so on).
    /// </summary>
    public Dictionary<string, string> Refused { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The documentation pages the maps were taken from.</summary>
    public IReadOnlyList<string> Sources { get; init; } = Array.Empty<string>();

    /// <summary>Neutron's value for a platform word of <paramref name="map"/>, or null.</summary>
    public static string? Neutron(Dictionary<string, string> map, string? word) =>
        word == null ? null : map.FirstOrDefault(p => string.Equals(p.Value, word.Trim(),
            StringComparison.OrdinalIgnoreCase)).Key;

    /// <summary>How many of Neutron's values the platform expresses and how many it refuses.</summary>
    public (int Expressed, int Refused) Coverage()
    {
        var expressed = 0;
        var total = 0;
        void Count(IEnumerable<string> values, Func<string, bool> known)
        {
            foreach (var value in values)
            {
                total++;
                expressed += known(value) ? 1 : 0;
            }
        }

        Count(NeutronEncryption, v => IkeEncryption.ContainsKey(v) && Algorithms.EncryptionName(v) != null);
        Count(NeutronIntegrity, v => IkeIntegrity.ContainsKey(v));
        Count(NeutronGroups, v => IkeGroup.ContainsKey(v) && Algorithms.GroupName(v) != null);
        Count(NeutronEncryption, v => EspEncryption.ContainsKey(v) && Algorithms.EncryptionName(v) != null);
        Count(NeutronIntegrity, v => EspIntegrity.ContainsKey(v));
        Count(NeutronGroups, v => PfsGroup.ContainsKey(v) && Algorithms.GroupName(v) != null);
        Count(NeutronDpdActions, v => DpdAction.ContainsKey(v));
        foreach (var choice in NeutronChoices)
        {
            Count(choice.Value, v => !Refused.ContainsKey(choice.Key + "=" + v));
        }

        return (expressed, total - expressed);
    }
}
