using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>One connection in a platform's words: what a vendor's writer needs, its table already applied.</summary>
internal sealed class VendorWords
{
    public VendorWords(PeerSite site, VendorTable table, string name, string key, bool placeholder)
    {
        Site = site;
        Settings = site.Expected();
        Name = name;
        Key = key;
        Placeholder = placeholder;
        var ike = site.IkePolicy;
        var esp = site.IpsecPolicy;
        IkeEncryption = table.IkeEncryption[ike.EncryptionAlgorithm!];
        IkeIntegrity = table.IkeIntegrity[ike.AuthAlgorithm!];
        IkeGroup = table.IkeGroup[ike.Pfs!];
        Ah = esp.TransformProtocol == "ah";
        EspEncryption = Ah ? null : table.EspEncryption[esp.EncryptionAlgorithm!];
        EspIntegrity = !Ah && VendorDialect.IsAead(esp.EncryptionAlgorithm) ? null
            : table.EspIntegrity[esp.AuthAlgorithm!];
        PfsGroup = table.PfsGroup[esp.Pfs!];
        DpdAction = table.DpdAction[site.Connection.Dpd?.Action ?? "hold"];
        IkeAead = VendorDialect.IsAead(ike.EncryptionAlgorithm);
    }

    public PeerSite Site { get; }

    /// <summary>What the cloud expects of the peer ("Local" is the peer, "Remote" the cloud).</summary>
    public PeerSettings Settings { get; }

    /// <summary>The name our objects get on the device.</summary>
    public string Name { get; }

    /// <summary>The key, in the platform's quoting, or the placeholder.</summary>
    public string Key { get; }

    public bool Placeholder { get; }

    public string IkeEncryption { get; }

    /// <summary>The IKE integrity word (the PRF when <see cref="IkeAead"/>).</summary>
    public string IkeIntegrity { get; }

    public bool IkeAead { get; }

    public string IkeGroup { get; }

    /// <summary>True for an AH transform (no encryption).</summary>
    public bool Ah { get; }

    /// <summary>The ESP cipher, or null for AH.</summary>
    public string? EspEncryption { get; }

    /// <summary>The ESP or AH integrity, or null with a combined-mode cipher.</summary>
    public string? EspIntegrity { get; }

    public string PfsGroup { get; }

    public string DpdAction { get; }

    public bool IkeV1 => Settings.IkeVersion == 1;

    public bool Aggressive => Settings.Aggressive == true;

    public bool Transport => Settings.Mode == "transport";

    /// <summary>True when the cloud only answers, so the peer must start the tunnel.</summary>
    public bool PeerStarts => Settings.StartAction == "start";

    public bool DpdOn => (Settings.DpdDelay ?? 0) > 0;

    /// <summary>Every pair of the peer's and the cloud's networks: one selector, ACL line or policy each.</summary>
    public IEnumerable<(string Local, string Remote, int Index)> Pairs =>
        Settings.LocalSubnets.SelectMany(l => Settings.RemoteSubnets.Select(r => (l, r)))
            .Select((p, i) => (p.l, p.r, i + 1));

    /// <summary>An id without Neutron's "@" (platforms write the FQDN type as a keyword instead).</summary>
    public static string? Bare(string? id) => id?.TrimStart('@');
}
