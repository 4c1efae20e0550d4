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

    /// <summary>Cisco IOS-XE CLI; written from the vendor's documentation, not run on the device.</summary>
    CiscoIosXe,

    /// <summary>Cisco ASA CLI; written from the vendor's documentation, not run on the device.</summary>
    CiscoAsa,

    /// <summary>Junos (SRX) set commands; written from the vendor's documentation, not run on a device.</summary>
    JuniperSrx,

    /// <summary>Fortinet FortiOS CLI; written from the vendor's documentation, not run on the device.</summary>
    FortiGate,

    /// <summary>Palo Alto PAN-OS set commands; written from the vendor's documentation, not run on a device.</summary>
    PaloAlto,

    /// <summary>MikroTik RouterOS 7 commands; written from the vendor's documentation, not run on the device.</summary>
    MikroTik,

    /// <summary>VyOS 1.4 set commands; written from the vendor's documentation, not run on the device.</summary>
    VyOS,

    /// <summary>A PowerShell script for Windows Server RRAS (RemoteAccess module); not run on Windows here.</summary>
    WindowsRras,
}
