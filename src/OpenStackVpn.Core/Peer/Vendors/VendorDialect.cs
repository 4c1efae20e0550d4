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
        var ike = site.IkePolicy;
        var esp = site.IpsecPolicy;
        var t = Table;
        var choices = new (string What, string? Value)[]
        {
            ("transform protocol", esp.TransformProtocol ?? "esp"),
            ("IKE version", ike.IkeVersion ?? "v1"),
            ("phase-1 mode", ike.Phase1NegotiationMode ?? "main"),
            ("encapsulation mode", esp.EncapsulationMode ?? "tunnel"),
            ("initiator", site.Connection.Initiator ?? "bi-directional"),
            ("id type", site.FqdnIdentities ? "fqdn" : "ip"),
        };
        foreach (var (what, value) in choices)
        {
            if (what == "transform protocol" && value == "ah-esp")
            {
                return "transform protocol ah-esp (AH and ESP on one SA): the cloud's strongSwan driver builds it as "
                    + "plain ESP, so no peer can match it; use esp or ah.";
            }

            if (t.Refused.TryGetValue(what + "=" + value, out var why))
            {
                return Refuse($"cannot express {what} {value}: {why}");
            }
        }

        var aeadIke = IsAead(ike.EncryptionAlgorithm);
        var checks = new List<(string What, string? Value, Dictionary<string, string> Map)>
        {
            ("IKE encryption algorithm", ike.EncryptionAlgorithm, t.IkeEncryption),
            ("IKE auth algorithm", ike.AuthAlgorithm, t.IkeIntegrity),
            ("IKE DH group", ike.Pfs, t.IkeGroup),
            ("IPsec PFS group", esp.Pfs, t.PfsGroup),
            ("DPD action", site.Connection.Dpd?.Action ?? "hold", t.DpdAction),
        };
        if (esp.TransformProtocol != "ah")
        {
            checks.Add(("IPsec encryption algorithm", esp.EncryptionAlgorithm, t.EspEncryption));
        }

        if (esp.TransformProtocol == "ah" || !IsAead(esp.EncryptionAlgorithm))
        {
            checks.Add(("IPsec auth algorithm", esp.AuthAlgorithm, t.EspIntegrity));
        }

        foreach (var (what, value, map) in checks)
        {
            if (value == null || !map.ContainsKey(value))
            {
                return Refuse($"has no {what} '{value}' (its documentation lists none:"
                    + $" {string.Join(", ", t.Sources.Take(1))}).");
            }
        }

        if (aeadIke && ike.IkeVersion == "v1")
        {
            return Refuse($"cannot use the combined-mode cipher {ike.EncryptionAlgorithm} for IKEv1 (RFC 5282 is"
                + $" IKEv2 only).");
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
