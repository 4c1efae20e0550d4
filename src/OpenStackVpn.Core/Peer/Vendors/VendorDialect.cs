using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// A vendor's configuration language for the peer of a policy-based site-to-site tunnel with a pre-shared key: its
/// value table, what it refuses, how it writes the objects the export gathered (<see cref="PeerSite"/>), and how a
/// reader finds our tunnel again in a running configuration. Written from the vendor's documentation; not run on
/// the device.
/// </summary>
internal abstract class VendorDialect
{
    /// <summary>The format this dialect writes.</summary>
    public abstract PeerConfigFormat Format { get; }

    /// <summary>The platform's name in messages ("Cisco IOS-XE").</summary>
    public abstract string Platform { get; }

    /// <summary>The platform's words for Neutron's values.</summary>
    public abstract VendorTable Table { get; }

    /// <summary>The file name's ending (".ios", ".ps1"...).</summary>
    protected abstract string Extension { get; }

    /// <summary>What starts a comment line.</summary>
    protected virtual string Comment => "#";

    /// <summary>True when the platform's syntax writes networks as address and mask (IPv4 only here).</summary>
    protected virtual bool UsesMasks => false;

    /// <summary>
    /// The names our objects get on the device: short, as some platforms limit names to 15 characters.
    /// </summary>
    public static string ShortName(string connectionId) =>
        "os-" + new string(connectionId.Where(char.IsLetterOrDigit).Take(8).ToArray());

    /// <summary>Why this platform cannot express the connection, or null.</summary>
    public string? Refusal(PeerSite site, bool includeSecret)
    {
        string Refuse(string why) => $"{Platform} {why}";
        var refused = TableRefusals(site);
        if (refused.Count > 0)
        {
            return refused[0].Message;
        }

        if (UsesMasks && site.LocalCidrs.Concat(site.PeerCidrs).Append(site.Connection.PeerAddress ?? "").Any(c =>
            c.Contains(':')))
        {
            return Refuse("is written here with IPv4 address masks only; IPv6 networks or peers are not written for"
                + " it.");
        }

        if (includeSecret && Secrets.ToPlain(site.Connection.Psk) is { } key && KeyRefusal(key) is { } keyWhy)
        {
            return Refuse($"cannot hold this pre-shared key: {keyWhy}");
        }

        // Neutron passes an id starting with '@' (user FQDN) or '#' (key id), or an e-mail form, to strongSwan as is.
        foreach (var id in new[] { site.Connection.PeerId, site.Connection.LocalId })
        {
            if (!string.IsNullOrEmpty(id) && (id!.StartsWith("@", StringComparison.Ordinal)
                || id.StartsWith("#", StringComparison.Ordinal) || id.IndexOf('@') > 0))
            {
                return Refuse($"is written with IP-address and FQDN ids only; the id '{id}' is another id type.");
            }
        }

        return ExtraRefusal(site);
    }

    /// <summary>
    /// Every value of the connection that <see cref="Table"/> cannot express, in the order <see cref="Refusal"/> names
    /// the first: the choices, then the algorithms, groups and DPD action, then an AEAD cipher for IKEv1.
    /// </summary>
    public IReadOnlyList<VendorRefusal> TableRefusals(PeerSite site)
    {
        var refusals = new List<VendorRefusal>();
        var ike = site.IkePolicy;
        var esp = site.IpsecPolicy;
        var t = Table;
        var choices = new (string What, string Setting, string Value)[]
        {
            ("transform protocol", "transform_protocol", esp.TransformProtocol ?? "esp"),
            ("IKE version", "ike_version", ike.IkeVersion ?? "v1"),
            ("phase-1 mode", "phase1_mode", ike.Phase1NegotiationMode ?? "main"),
            ("encapsulation mode", "encapsulation_mode", esp.EncapsulationMode ?? "tunnel"),
            ("initiator", "initiator", site.Connection.Initiator ?? "bi-directional"),
            ("id type", "id_type", site.FqdnIdentities ? "fqdn" : "ip"),
        };
        foreach (var (what, setting, value) in choices)
        {
            if (what == "transform protocol" && value == "ah-esp")
            {
                const string driver = "the cloud's strongSwan driver builds it as plain ESP, so no peer can match it";
                refusals.Add(new VendorRefusal(setting, value, "AH and ESP on one SA: " + driver,
                    $"transform protocol ah-esp (AH and ESP on one SA): {driver}; use esp or ah."));
            }
            else if (t.Refused.TryGetValue(what + "=" + value, out var why))
            {
                refusals.Add(new VendorRefusal(setting, value, why,
                    $"{Platform} cannot express {what} {value}: {why}"));
            }
        }

        var checks = new List<(string What, string Setting, string? Value, Dictionary<string, string> Map)>
        {
            ("IKE encryption algorithm", "ike_encryption", ike.EncryptionAlgorithm, t.IkeEncryption),
            ("IKE auth algorithm", "ike_integrity", ike.AuthAlgorithm, t.IkeIntegrity),
            ("IKE DH group", "ike_group", ike.Pfs, t.IkeGroup),
            ("IPsec PFS group", "esp_group", esp.Pfs, t.PfsGroup),
            ("DPD action", "dpd_action", site.Connection.Dpd?.Action ?? "hold", t.DpdAction),
        };
        if (esp.TransformProtocol != "ah")
        {
            checks.Add(("IPsec encryption algorithm", "esp_encryption", esp.EncryptionAlgorithm, t.EspEncryption));
        }

        if (esp.TransformProtocol == "ah" || !IsAead(esp.EncryptionAlgorithm))
        {
            checks.Add(("IPsec auth algorithm", "esp_integrity", esp.AuthAlgorithm, t.EspIntegrity));
        }

        foreach (var (what, setting, value, map) in checks.Where(c => c.Value == null || !c.Map.ContainsKey(c.Value)))
        {
            refusals.Add(new VendorRefusal(setting, value ?? "(none)", $"its documentation lists no {what} '{value}'",
                $"{Platform} has no {what} '{value}' (its documentation lists none:"
                    + $" {string.Join(", ", t.Sources.Take(1))})."));
        }

        if (IsAead(ike.EncryptionAlgorithm) && ike.IkeVersion == "v1")
        {
            const string why = "RFC 5282's combined-mode ciphers are IKEv2 only";
            refusals.Add(new VendorRefusal("ike_encryption", ike.EncryptionAlgorithm!, why + " (with IKE version v1)",
                $"{Platform} cannot use the combined-mode cipher {ike.EncryptionAlgorithm} for IKEv1 (RFC 5282 is"
                    + " IKEv2 only)."));
        }

        return refusals;
    }

    /// <summary>Writes the peer's file; <see cref="Refusal"/> has passed.</summary>
    public PeerConfigFile Write(PeerSite site, bool includeSecret)
    {
        var secret = includeSecret ? Secrets.ToPlain(site.Connection.Psk) : null;
        var words = new VendorWords(site, Table, ShortName(site.Connection.Id), Key(secret
            ?? PeerConfigFile.PskPlaceholder), secret == null);
        var text = new StringBuilder();
        Line(text,
            $"Peer side of IPsec site connection '{site.Connection.Name}' ({site.Connection.Id}) for {Platform},");
        Line(text, $"written by Export-IpsecPeerConfig from the cloud's API objects: VPN service {site.Service.Id},");
        Line(text, $"IKE policy {site.IkePolicy.Id}, IPsec policy {site.IpsecPolicy.Id}.");
        Line(text, "Written from the vendor's documentation; not run on the device. Each block names its source.");
        if (words.Placeholder)
        {
            Line(text,
                $"The key is the placeholder {PeerConfigFile.PskPlaceholder}: export with -IncludeSecret for the key.");
        }

        Body(words, text);
        return new PeerConfigFile(site.Connection.Id, Format, words.Name + Extension, text.ToString(), secret != null);
    }

    /// <summary>The configuration itself.</summary>
    protected abstract void Body(VendorWords w, StringBuilder text);

    /// <summary>The key as the platform's syntax writes it (quoted where it can be).</summary>
    protected abstract string Key(string key);

    /// <summary>Why the platform's syntax cannot hold <paramref name="key"/>, or null.</summary>
    protected virtual string? KeyRefusal(string key) => null;

    /// <summary>A refusal of the platform's own beyond the table, or null.</summary>
    protected virtual string? ExtraRefusal(PeerSite site) => null;

    /// <summary>A comment line.</summary>
    protected void Line(StringBuilder text, string comment) => text.Append(Comment).Append(' ').Append(comment)
        .Append('\n');

    /// <summary>A comment naming the documentation a block comes from.</summary>
    protected void Source(StringBuilder text, string url) => Line(text, "source: " + url);

    internal static bool IsAead(string? neutron) =>
        neutron != null && (neutron.Contains("-gcm-") || neutron.Contains("-ccm-"));

    internal static string Seconds(int? value) => (value ?? 0).ToString(CultureInfo.InvariantCulture);

    /// <summary>"10.1.0.0/24" as address and netmask.</summary>
    internal static (string Address, string Mask) Mask(string cidr)
    {
        var parts = cidr.Split('/');
        var bits = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 32;
        var mask = bits == 0 ? 0u : uint.MaxValue << (32 - bits);
        return (parts[0], new IPAddress(new[] { (byte)(mask >> 24), (byte)(mask >> 16), (byte)(mask >> 8),
            (byte)mask }).ToString());
    }

    /// <summary>A netmask's inverse ("wildcard"), as Cisco IOS access lists write it.</summary>
    internal static string Wildcard(string mask) =>
        string.Join(".", mask.Split('.').Select(o => (255 - int.Parse(o, CultureInfo.InvariantCulture))
            .ToString(CultureInfo.InvariantCulture)));

    /// <summary>Address and netmask (or wildcard) back to a CIDR.</summary>
    internal static string Cidr(string address, string mask, bool wildcard = false)
    {
        var bytes = IPAddress.Parse(mask).GetAddressBytes();
        var bits = bytes.Sum(b => Convert.ToString(wildcard ? 255 - b : b, 2).Count(c => c == '1'));
        return address + "/" + bits.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>One value of a connection a platform's table cannot express.</summary>
/// <param name="Setting">The setting in Neutron's spelling (ike_encryption, dpd_action...).</param>
/// <param name="Value">The connection's value.</param>
/// <param name="Why">Why the platform cannot express it.</param>
/// <param name="Message">The whole refusal as Export-IpsecPeerConfig words it.</param>
internal sealed record VendorRefusal(string Setting, string Value, string Why, string Message);
