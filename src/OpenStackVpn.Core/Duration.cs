using System;
using System.Globalization;

namespace OpenStackVpn;

/// <summary>
/// A length of time the session shows (its Timeout, its Retry's pauses): a TimeSpan in all but its one property,
/// TotalSeconds, so that ConvertTo-Json writes <c>{"TotalSeconds": 60.0}</c> and not a TimeSpan's fifteen fields
/// (ConvertTo-Json ignores ToString and writes an unknown type's public properties). It converts to and from a
/// TimeSpan both ways, in C# and in PowerShell (<c>$session.Timeout = [timespan]'00:02:00'</c>), reads the text a
/// TimeSpan does (<c>'00:02:00'</c>), and shows itself as seconds ("60 s", "0.5 s").
/// </summary>
public readonly struct Duration : IEquatable<Duration>
{
    private readonly TimeSpan _value;

    /// <summary>A duration as long as <paramref name="value"/>.</summary>
    public Duration(TimeSpan value)
    {
        _value = value;
    }

    /// <summary>The length in seconds, as TimeSpan's property of that name.</summary>
    public double TotalSeconds => _value.TotalSeconds;

    /// <summary>The duration as a TimeSpan.</summary>
    public static implicit operator TimeSpan(Duration duration) => duration._value;

    /// <summary>A TimeSpan as a duration.</summary>
    public static implicit operator Duration(TimeSpan value) => new(value);

    /// <summary>Reads a TimeSpan's text ("00:02:00"), so that a string is assigned as one was.</summary>
    public static Duration Parse(string text) => TimeSpan.Parse(text, CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public bool Equals(Duration other) => _value == other._value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) =>
        obj is Duration other ? Equals(other) : obj is TimeSpan span && _value == span;

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <summary>True when both are as long.</summary>
    public static bool operator ==(Duration left, Duration right) => left.Equals(right);

    /// <summary>True when one is longer.</summary>
    public static bool operator !=(Duration left, Duration right) => !left.Equals(right);

    /// <summary>The seconds, e.g. "60 s" or "0.5 s".</summary>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0:0.###} s", TotalSeconds);
}
