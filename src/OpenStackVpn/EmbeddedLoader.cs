using System;
using System.Net.Http;
using System.Runtime.CompilerServices;
using OpenStackVpn.Embedded;

namespace OpenStackVpn;

/// <summary>
/// The only door into the embedded assembly from code that every user runs (Connect-OpenStack): nothing else there
/// names an embedded type, and these methods are never inlined, so the assembly loads only when an embedded cloud is
/// asked for.
/// </summary>
internal static class EmbeddedLoader
{
    /// <summary>
    /// A negative delay means never: connections stay PENDING_CREATE, as on a cloud with no VPN agent.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static EmbeddedCloudOptions Of(
        double activationDelaySec, EmbeddedProfile profile, int seedConnections = 0, string? topology = null) => new()
    {
        SeedConnections = seedConnections,
        Topology = topology,
        Profile = (Embedded.EmbeddedProfile)Enum.Parse(typeof(Embedded.EmbeddedProfile), profile.ToString()),
        ActivationDelay = activationDelaySec < 0 ? null : TimeSpan.FromSeconds(activationDelaySec),
    };

    /// <summary>
    /// A new in-process cloud: how to sign in to it, and the handler that reaches it without a socket.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static EmbeddedLogin NewInProcessCloud(
        double activationDelaySec, EmbeddedProfile profile, int seedConnections = 0, string? topology = null)
    {
        var cloud = new EmbeddedCloud(Of(activationDelaySec, profile, seedConnections, topology));
        return new EmbeddedLogin(
            cloud.AuthUrl, cloud.Seed.AdminUserName, cloud.Seed.AdminPassword, cloud.CreateHandler());
    }
}

/// <summary>
/// Where an in-process embedded cloud's Keystone is, its admin user, and the handler that reaches it.
/// </summary>
internal sealed class EmbeddedLogin
{
    public EmbeddedLogin(Uri authUrl, string userName, string password, HttpMessageHandler handler)
    {
        AuthUrl = authUrl;
        UserName = userName;
        Password = password;
        Handler = handler;
    }

    public Uri AuthUrl { get; }

    public string UserName { get; }

    public string Password { get; }

    public HttpMessageHandler Handler { get; }
}
