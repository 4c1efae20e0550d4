using System;
using System.Management.Automation;
using OpenStackVpn.Core;
using OpenStackVpn.Embedded;

namespace OpenStackVpn;

/// <summary>An embedded OpenStack served on a loopback port: where it is and how to sign in.</summary>
public sealed class EmbeddedCloudServer : IDisposable
{
    private readonly EmbeddedServer _server;

    internal EmbeddedCloudServer(EmbeddedCloud cloud, EmbeddedServer server)
    {
        Cloud = cloud;
        _server = server;
    }

    /// <summary>Keystone v3, e.g. http://127.0.0.1:PORT/identity/v3.</summary>
    public Uri AuthUrl => _server.AuthUrl;

    /// <summary>The region of its catalog.</summary>
    public string Region => Cloud.Seed.Region;

    /// <summary>The admin user (admin in project admin).</summary>
    public PSCredential Credential => new(Cloud.Seed.AdminUserName, Secrets.ToSecure(Cloud.Seed.AdminPassword));

    /// <summary>The member user (member in project member).</summary>
    public PSCredential MemberCredential => new(Cloud.Seed.MemberUserName, Secrets.ToSecure(Cloud.Seed.MemberPassword));

    /// <summary>The admin project's name.</summary>
    public string ProjectName => Cloud.Seed.AdminProjectName;

    /// <summary>The ids of what it was seeded with: router, subnets, the example connection.</summary>
    public EmbeddedSeed Seed => Cloud.Seed;

    /// <summary>A clouds.yaml for it, with the clouds embedded-admin and embedded-member.</summary>
    public string CloudsYaml => Cloud.Seed.ToCloudsYaml();

    /// <summary>False once stopped.</summary>
    public bool IsRunning { get; private set; } = true;

    internal EmbeddedCloud Cloud { get; }

    /// <summary>Stops serving.</summary>
    public void Dispose()
    {
        IsRunning = false;
        _server.Dispose();
    }
}
