namespace OpenStackVpn.Core.Peer;

/// <summary>The configuration languages the peer side can be written in.</summary>
public enum PeerConfigFormat
{
    /// <summary>strongSwan's swanctl.conf (charon + swanctl --load-all).</summary>
    Swanctl,

    /// <summary>strongSwan's legacy ipsec.conf and ipsec.secrets (starter/stroke).</summary>
    IpsecConf,

    /// <summary>Libreswan's ipsec.d/*.conf and *.secrets.</summary>
    Libreswan,
}
