using System;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using OpenStackVpn.Core.Config;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Resources;
using OpenStackVpn.Embedded;
using Xunit;

namespace OpenStackVpn.Embedded.Tests.Windows;

[CollectionDefinition(nameof(GlobalJsonDefaults), DisableParallelization = true)]
public sealed class GlobalJsonDefaults;

/// <summary>
/// Another module in the same process (one AppDomain in Windows PowerShell) may set JsonConvert.DefaultSettings;
/// the module's reading and writing of objects must not pick them up. Run alone: the setting is process-wide.
/// </summary>
[Collection(nameof(GlobalJsonDefaults))]
public sealed class SerializerSettingsTests
{
    [Fact]
    public async Task Objects_are_read_and_updates_checked_without_JsonConvert_DefaultSettings()
    {
        var cloud = new EmbeddedCloud();
        var settings = ConnectionSettings.Resolve(
            new System.Collections.Generic.Dictionary<string, string?> { ["auth_url"] = cloud.AuthUrl.ToString(), ["username"] = "admin", ["password"] = "adminpass", ["project_name"] = "admin", ["user_domain_name"] = "Default" },
            null, _ => null, ".");
        using var session = await OpenStackSession.ConnectAsync(settings, cloud.CreateHandler(), NullLogSink.Instance, CancellationToken.None);
        var reads = 0;
        var previous = JsonConvert.DefaultSettings;
        JsonConvert.DefaultSettings = () =>
        {
            Interlocked.Increment(ref reads);
            throw new InvalidOperationException("JsonConvert.DefaultSettings was read");
        };
        try
        {
            var connection = await ResourceClient.GetAsync(session, VpnResources.IpsecSiteConnection, cloud.Seed.ConnectionId, null, NullLogSink.Instance, CancellationToken.None);
            Assert.Equal(cloud.Seed.ConnectionId, connection.Id);
            var update = await ResourceClient.PrepareUpdateAsync(session, VpnResources.IpsecSiteConnection, connection.Id,
                new FieldValues().Set("description", "read with our own settings").Set("mtu", 1400), NullLogSink.Instance, CancellationToken.None);
            var updated = await ResourceClient.UpdateAsync(session, update, NullLogSink.Instance, CancellationToken.None);
            Assert.Equal("read with our own settings", updated.Description);
            Assert.Equal(1400, updated.Mtu);
        }
        finally
        {
            JsonConvert.DefaultSettings = previous;
        }

        Assert.Equal(0, reads);
    }
}
