using System;
using System.Net;
using System.Runtime.InteropServices;

namespace OpenStackVpn.Core.Http;

/// <summary>
/// Makes sure .NET Framework offers TLS 1.2 (and TLS 1.3 where its enum has it). There, HttpClientHandler follows
/// <see cref="ServicePointManager.SecurityProtocol"/>, whose default on older hosts is SSL 3 and TLS 1.0 only.
/// The process-wide value is widened, never replaced, so other modules' choices stay; SystemDefault is left alone,
/// as it already lets Windows offer every version it supports. On .NET (Core) the setting is not used: nothing is done.
/// </summary>
internal static class TlsProtocols
{
    private const SecurityProtocolType SystemDefault = 0;
    private const SecurityProtocolType Tls12 = (SecurityProtocolType)3072;
    private const SecurityProtocolType Tls13 = (SecurityProtocolType)12288;

    /// <summary>True on .NET Framework (Windows PowerShell 5.1), false on .NET (PowerShell 7).</summary>
    public static bool IsNetFramework { get; } =
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    /// <summary>Applies <see cref="Widen"/> to the process's setting, on .NET Framework only; safe to call
    /// any number of times.</summary>
    public static void EnableModern() =>
        Enable(IsNetFramework, () => ServicePointManager.SecurityProtocol,
            value => ServicePointManager.SecurityProtocol = value);

    /// <summary>The decision, with the runtime and the setting passed in so that it can be
    /// tested on any runtime.</summary>
    public static void Enable(bool isNetFramework, Func<SecurityProtocolType> read, Action<SecurityProtocolType> write)
    {
        if (!isNetFramework)
        {
            return;
        }

        var current = read();
        var wanted = Widen(current, Enum.IsDefined(typeof(SecurityProtocolType), Tls13));
        if (wanted != current)
        {
            write(wanted);
        }
    }

    /// <summary><paramref name="current"/> with TLS 1.2 (and 1.3 when the enum defines it) added;
    /// SystemDefault unchanged.</summary>
    public static SecurityProtocolType Widen(SecurityProtocolType current, bool tls13Defined) =>
        current == SystemDefault ? current : current | Tls12 | (tls13Defined ? Tls13 : SystemDefault);
}
