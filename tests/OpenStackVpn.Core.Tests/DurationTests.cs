using System;
using System.Linq;
using System.Reflection;
using Xunit;

namespace OpenStackVpn.Core.Tests;

public sealed class DurationTests
{
    [Fact]
    public void Converts_to_and_from_a_TimeSpan_without_losing_anything()
    {
        Duration duration = TimeSpan.FromMilliseconds(1500);
        TimeSpan back = duration;
        Assert.Equal(TimeSpan.FromMilliseconds(1500), back);
        Assert.Equal(1.5, duration.TotalSeconds);
        Assert.Equal(TimeSpan.FromMinutes(2), (TimeSpan)Duration.Parse("00:02:00"));
    }

    [Fact]
    public void Shows_itself_as_seconds_in_any_culture() =>
        Assert.Equal(("60 s", "0.5 s"), (((Duration)TimeSpan.FromMinutes(1)).ToString(),
            ((Duration)TimeSpan.FromMilliseconds(500)).ToString()));

    [Fact]
    public void Has_TotalSeconds_as_its_only_property_so_ConvertTo_Json_writes_nothing_else() =>
        Assert.Equal(new[] { "TotalSeconds" },
            typeof(Duration).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name)
                .Concat(typeof(Duration).GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => f.Name)));
}
