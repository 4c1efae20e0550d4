using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>The vendor formats: each format's writer, and its reader where there is one.</summary>
internal static class VendorDialects
{
    private static readonly Dictionary<PeerConfigFormat, VendorDialect> Writers = new VendorDialect[]
    {
        new CiscoIosXe(), new CiscoAsa(), new JuniperSrx(), new FortiGate(), new PaloAlto(), new MikroTik(), new VyOS(),
        new WindowsRras(),
    }.ToDictionary(d => d.Format);

    private static readonly Dictionary<PeerConfigFormat, VendorReader> Readers = new VendorReader[]
    {
        new CiscoIosXeReader(), new CiscoAsaReader(), new JuniperSrxReader(), new FortiGateReader(),
            new PaloAltoReader(),
        new MikroTikReader(), new VyOSReader(), new WindowsRrasReader(),
    }.ToDictionary(r => r.Format);

    /// <summary>Every vendor format's dialect.</summary>
    public static IEnumerable<VendorDialect> All => Writers.Values;

    /// <summary>The dialect of a vendor format, or null for strongSwan's and Libreswan's own formats.</summary>
    public static VendorDialect? Writer(PeerConfigFormat format) => Writers.TryGetValue(format, out var d) ? d : null;

    /// <summary>The reader of a vendor format, or null.</summary>
    public static VendorReader? Reader(PeerConfigFormat format) => Readers.TryGetValue(format, out var r) ? r : null;

    /// <summary>The vendor format a running configuration is written in, or null.</summary>
    public static PeerConfigFormat? Recognise(string text) => Readers.Values.FirstOrDefault(r =>
        r.Recognise(text))?.Format;

    /// <summary>
    /// Writes a connection for a vendor, or refuses it with the reason (an argument error of -Format).
    /// </summary>
    public static IReadOnlyList<PeerConfigFile> Write(VendorDialect dialect, PeerSite site, bool includeSecret)
    {
        var reason = dialect.Refusal(site, includeSecret) ?? site.Refusal(dialect.Format);
        if (reason != null)
        {
            throw OpenStackException.Argument("Format",
                $"connection {site.Connection.Id} cannot be written as {dialect.Format}: {reason}");
        }

        // As for the strongSwan formats: asked for the key, an answer without one is an error, never a placeholder.
        if (includeSecret && site.Connection.Psk == null)
        {
            throw OpenStackException.Argument("IncludeSecret", $"the cloud's answer for connection "
                + $"{site.Connection.Id} holds no pre-shared key, so nothing was written. Export without "
                + "-IncludeSecret "
                + "for a placeholder.");
        }

        return new[] { dialect.Write(site, includeSecret) };
    }
}
