using System;
using System.Collections.Generic;

namespace OpenStackVpn.Embedded;

/// <summary>How an <see cref="EmbeddedCloud"/> behaves.</summary>
public sealed class EmbeddedCloudOptions
{
    /// <summary>The VPNaaS dialect; <see cref="EmbeddedProfile.Upstream"/> by default.</summary>
    public EmbeddedProfile Profile { get; set; } = EmbeddedProfile.Upstream;

    /// <summary>
    /// How long a new IPsec site connection (and its VPN service) stays <c>PENDING_CREATE</c> before it turns
    /// <c>ACTIVE</c> (or <c>DOWN</c> when it or its service is administratively down). Zero by default;
    /// null means never, like a cloud whose VPN agent never reports (the lab).
    /// </summary>
    public TimeSpan? ActivationDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How many generated IPsec site connections (fleet-conn-000001 …) to seed besides the lab's objects, with a VPN
    /// service per 100 and an IKE and an IPsec policy per 1,000, so that runbooks can be tried
    /// at fleet scale. Zero by default.
    /// </summary>
    public int SeedConnections { get; set; }

    /// <summary>
    /// Networks, subnets and routers to make besides the lab's, as JSON (see <c>about_OpenStackVpn_Embedded</c>):
    /// <c>{"networks": [...], "subnets": [...], "routers": [...]}</c>. Null by default.
    /// </summary>
    public string? Topology { get; set; }

    /// <summary>How long an issued Keystone token lives.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The names a <c>peer_address</c> may be given as, and the address each resolves to. The embedded cloud never
    /// asks DNS: any other name is refused with <c>VPNPeerAddressNotResolved</c>, as Neutron
    /// refuses a name it cannot resolve.
    /// </summary>
    public IDictionary<string, string> PeerHosts { get; } = new Dictionary<string,
        string>(StringComparer.OrdinalIgnoreCase)
    {
        ["peer.oslab.test"] = "172.24.4.230",
        ["localhost"] = "127.0.0.1",
    };
}
