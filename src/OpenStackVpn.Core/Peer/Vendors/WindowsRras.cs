using System.Linq;
using System.Text;
using static OpenStackVpn.Core.Peer.Vendors.CiscoIosXe;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// A Windows PowerShell script for Windows Server RRAS: Add-VpnS2SInterface with its custom IPsec policy, and the
/// route.
/// </summary>
internal sealed class WindowsRras : VendorDialect
{
    internal const string AddDoc = "https://learn.microsoft.com/powershell/module/remoteaccess/add-vpns2sinterface";

    internal const string ConnectDoc =
        "https://learn.microsoft.com/powershell/module/remoteaccess/connect-vpns2sinterface";

    internal const string InstallDoc =
        "https://learn.microsoft.com/powershell/module/remoteaccess/install-remoteaccess";

    // Add-VpnS2SInterface -NetworkOutageTimeSeconds takes only these values.
    private static readonly int[] OutageTimes = { 3, 6, 9, 12, 15, 30, 60, 120, 240, 360, 720, 900 };

    internal static readonly VendorTable Words = new()
    {
        IkeEncryption = Map(("3des", "DES3"), ("aes-128", "AES128"), ("aes-192", "AES192"), ("aes-256", "AES256")),
        IkeIntegrity = Map(("sha1", "SHA1"), ("sha256", "SHA256"), ("sha384", "SHA384")),
        IkeGroup = Map(("group2", "Group2"), ("group14", "Group14"), ("group19", "ECP256"), ("group20", "ECP384")),
        EspEncryption = Map(("3des", "DES3"), ("aes-128", "AES128"), ("aes-192", "AES192"), ("aes-256", "AES256"),
            ("aes-128-gcm-16", "GCMAES128"), ("aes-192-gcm-16", "GCMAES192"), ("aes-256-gcm-16", "GCMAES256")),
        EspIntegrity = Map(("sha1", "SHA196"), ("sha256", "SHA256128")),
        PfsGroup = Map(("group2", "PFS2"), ("group14", "PFS2048"), ("group19", "ECP256"), ("group20", "ECP384")),
        // RRAS has no DPD action: an interface whose peer is silent for NetworkOutageTimeSeconds is disconnected.
        DpdAction = Map(("hold", "outage"), ("clear", "outage"), ("restart", "outage"), ("restart-by-peer", "outage")),
        Refused =
        {
            ["IKE version=v1"] = "Add-VpnS2SInterface's pre-shared-key interfaces negotiate IKEv2 (its IKEv1 is L2TP)",
            ["phase-1 mode=aggressive"] = "aggressive mode exists only in IKEv1, which RRAS site-to-site does not"
                + " offer",
            ["transform protocol=ah"] = "its custom policy sets an ESP cipher and integrity; it writes no AH-only"
                + " policy",
            ["encapsulation mode=transport"] = "a site-to-site interface is a tunnel",
            ["id type=fqdn"] = "a pre-shared-key interface is matched by its destination address and sends its own"
                + " address",
        },
        Sources = new[] { AddDoc, ConnectDoc, InstallDoc },
    };

    public override PeerConfigFormat Format => PeerConfigFormat.WindowsRras;

    public override string Platform => "Windows Server RRAS";

    public override VendorTable Table => Words;

    protected override string Extension => ".ps1";

    protected override string Key(string key) => "'" + key.Replace("'", "''") + "'";

    protected override string? ExtraRefusal(PeerSite site) =>
        site.Connection.Dpd?.Action == "disabled"
            ? $"{Platform} cannot express DPD action disabled: an interface always ends after its network outage time."
            : null;

    protected override void Body(VendorWords w, StringBuilder text)
    {
        var s = w.Settings;
        var n = w.Name;
        var outage = OutageTimes.FirstOrDefault(t => t >= (s.DpdTimeout ?? 0));
        text.Append("#Requires -Modules RemoteAccess\n");
        text.Append("$ErrorActionPreference = 'Stop'\n");
        Line(text, "Run on the RRAS server, once: Install-RemoteAccess -VpnType VpnS2S");
        Source(text, InstallDoc);
        Line(text, "The networks behind this server, which the cloud expects as the tunnel's local side:");
        text.Append($"$PeerNetworks = @({string.Join(", ", s.LocalSubnets.Select(c => $"'{c}'"))})\n");
        Source(text, AddDoc);
        text.Append($"Add-VpnS2SInterface -Name '{n}' -Destination '{s.RemoteAddress}' -SourceIpAddress"
            + $" '{s.LocalAddress}' `\n");
        text.Append($"    -Protocol IKEv2 -AuthenticationMethod PSKOnly -SharedSecret {w.Key} -Persistent `\n");
        text.Append($"    -IPv4Subnet @({string.Join(", ", s.RemoteSubnets.Select(c => $"'{c}:100'"))}) `\n");
        text.Append($"    -CustomPolicy -EncryptionMethod {w.IkeEncryption} -IntegrityCheckMethod {w.IkeIntegrity}"
            + $" -DHGroup {w.IkeGroup} `\n");
        text.Append($"    -CipherTransformConstants {w.EspEncryption} -AuthenticationTransformConstants"
            + $" {w.EspIntegrity ?? w.EspEncryption} `\n");
        text.Append($"    -PfsGroup {w.PfsGroup} -MMSALifeTimeSeconds {Seconds(s.IkeLifetime)} -SALifeTimeSeconds"
            + $" {Seconds(s.ChildLifetime)} `\n");
        text.Append($"    -NetworkOutageTimeSeconds {(outage == 0 ? 900 : outage)}\n");
        Source(text, ConnectDoc);
        if (w.PeerStarts)
        {
            text.Append($"Connect-VpnS2SInterface -Name '{n}'\n");
        }
        else
        {
            Line(text,
                $"initiator bi-directional: the cloud may start; to start from here: Connect-VpnS2SInterface -Name"
                    + $" '{n}'");
        }
    }
}
