using System;
using OpenStackVpn.Core.Embedded;

namespace OpenStackVpn;

/// <summary>Embedded cloud options from cmdlet parameters.</summary>
internal static class EmbeddedOptions
{
    /// <summary>A negative delay means never: connections stay PENDING_CREATE, as on a cloud with no VPN agent.</summary>
    public static EmbeddedCloudOptions Of(double activationDelaySec, EmbeddedProfile profile, int seedConnections = 0) => new()
    {
        SeedConnections = seedConnections,
        Profile = profile,
        ActivationDelay = activationDelaySec < 0 ? null : TimeSpan.FromSeconds(activationDelaySec),
    };
}
