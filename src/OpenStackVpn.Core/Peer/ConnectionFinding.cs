namespace OpenStackVpn.Core.Peer;

/// <summary>How much a finding matters.</summary>
public enum FindingSeverity
{
    /// <summary>The check passed.</summary>
    Ok,

    /// <summary>Worth knowing; nothing is wrong.</summary>
    Info,

    /// <summary>Works, but will behave badly or could not be checked.</summary>
    Warning,

    /// <summary>Keeps the tunnel down, or will.</summary>
    Error,
}

/// <summary>One check of Test-IpsecSiteConnection: what was checked, how it came out, what was
/// found and what to do.</summary>
public sealed class ConnectionFinding
{
    internal ConnectionFinding(string connectionId, string check, FindingSeverity severity, string found,
        string? expected = null, string? action = null,
        string? source = null)
    {
        Source = source;
        ConnectionId = connectionId;
        Check = check;
        Severity = severity;
        Found = found;
        Expected = expected;
        Action = action;
    }

    /// <summary>The connection checked.</summary>
    public string ConnectionId { get; }

    /// <summary>The check's name, e.g. ConnectionStatus, PeerConfig.Psk.</summary>
    public string Check { get; }

    /// <summary>How it came out.</summary>
    public FindingSeverity Severity { get; }

    /// <summary>What was found (never a secret).</summary>
    public string Found { get; }

    /// <summary>What the cloud side expects, where that is a value (never a secret).</summary>
    public string? Expected { get; }

    /// <summary>What to do about it; empty when nothing needs doing.</summary>
    public string? Action { get; }

    /// <summary>
    /// Where the found value comes from: the peer file's path and line (file:line), or the API object by kind, name and
    /// id.
    /// </summary>
    public string? Source { get; internal set; }

    /// <summary>The connection's name, when it has one.</summary>
    public string? ConnectionName { get; internal set; }

    /// <summary>An API object as findings name it: its name and its id.</summary>
    internal static string Label(string kind, NeutronResource? resource, string? id = null) =>
        resource == null
            ? $"{kind} {id}"
            : string.IsNullOrEmpty(resource.Name) ? $"{kind} {resource.Id}"
                : $"{kind} '{resource.Name}' ({resource.Id})";

    /// <inheritdoc/>
    public override string ToString() => $"{Severity} {Check}: {Found}";
}
