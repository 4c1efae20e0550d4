namespace OpenStackVpn.Core.Http;

/// <summary>Where Core writes its diagnostics; the cmdlets forward them to the Verbose and Debug streams.</summary>
public interface ILogSink
{
    /// <summary>One line per HTTP call: method, URL, status, time, request id.</summary>
    void Verbose(string message);

    /// <summary>Redacted request and response bodies.</summary>
    void Debug(string message);

    /// <summary>False when nobody reads <see cref="Debug"/>: bodies are then neither redacted nor kept whole for
    /// it, and lists stream.</summary>
    bool IsDebugEnabled { get; }

    /// <summary>Something the user should know although nothing failed.</summary>
    void Warning(string message);
}

/// <summary>A sink that drops everything.</summary>
public sealed class NullLogSink : ILogSink
{
    /// <summary>The shared instance.</summary>
    public static readonly NullLogSink Instance = new();

    /// <inheritdoc/>
    public void Verbose(string message) { }

    /// <inheritdoc/>
    public void Debug(string message) { }

    /// <inheritdoc/>
    public void Warning(string message) { }

    /// <inheritdoc/>
    public bool IsDebugEnabled => false;
}
