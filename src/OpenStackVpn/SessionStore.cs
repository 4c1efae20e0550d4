namespace OpenStackVpn;

/// <summary>The default session that cmdlets use when -Session is not given; one per process,
/// shared by runspaces.</summary>
internal static class SessionStore
{
    private static volatile OpenStackSession? _default;

    public static OpenStackSession? Default
    {
        get => _default;
        set => _default = value;
    }
}
