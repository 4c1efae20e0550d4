using System.Management.Automation;
using System.Reflection;

namespace OpenStackVpn;

/// <summary>
/// Diagnostics that never stop to ask. A compiled cmdlet given -Debug runs its Verbose stream (and, in Windows
/// PowerShell,
/// its Debug and Warning streams) with the preference Inquire: every line then asks "Continue with this operation?",
/// which fails under -NonInteractive ("Read and Prompt functionality is not available") and with stdin redirected.
/// Write-Debug itself overrides Inquire, and the engine already turns Inquire into Continue for a host that cannot
/// prompt; our lines are diagnostics of that kind, so Inquire is treated as Continue for them, as -Debug means
/// "show me" to a user. The per-command preferences are not public: they are looked up once, and left alone
/// (the engine's own behaviour) where a PowerShell does not have them.
/// </summary>
internal static class UnpromptedStreams
{
    private static readonly System.Type? Runtime =
        typeof(Cmdlet).Assembly.GetType("System.Management.Automation.MshCommandRuntime");

    private static readonly PropertyInfo? Verbose = Find("Verbose");
    private static readonly PropertyInfo? VerbosePreference = Find("VerbosePreference");
    private static readonly PropertyInfo?[] Settable = { Find("DebugPreference"), Find("WarningPreference") };

    /// <summary>Turns each Inquire preference of <paramref name="cmdlet"/>'s streams into Continue.</summary>
    public static void Apply(Cmdlet cmdlet)
    {
        var runtime = cmdlet.CommandRuntime;
        if (Runtime == null || runtime == null || !Runtime.IsInstanceOfType(runtime))
        {
            return;
        }

        try
        {
            foreach (var preference in Settable)
            {
                if (preference?.CanWrite == true && preference.GetValue(runtime) is ActionPreference.Inquire)
                {
                    preference.SetValue(runtime, ActionPreference.Continue);
                }
            }

            // The Verbose preference has no setter: -Debug makes it Inquire, the verbose flag (as -Verbose) Continue.
            if (VerbosePreference?.GetValue(runtime) is ActionPreference.Inquire && Verbose?.CanWrite == true)
            {
                Verbose.SetValue(runtime, true);
            }
        }
        catch (TargetInvocationException)
        {
            // A PowerShell whose runtime refuses the change: its own behaviour stands.
        }
    }

    private static PropertyInfo? Find(string name) =>
        Runtime?.GetProperty(name, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
}
