using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Completion;

/// <summary>
/// Completes -Name with the names of the cmdlet's own resource (Get-VpnService -Name: VPN service names).
/// </summary>
public sealed class NameCompletionAttribute : ArgumentCompleterAttribute
{
    /// <summary>Completes names of live objects.</summary>
    public NameCompletionAttribute() : base(typeof(Completer)) { }

    /// <summary>The completer.</summary>
    public sealed class Completer : LiveCompleter
    {
        // -Name lists every object of that name (Get) or refuses a shared one with the candidates (Remove): offer each
        // name once.
        internal override bool NamesMustBeUnique => false;

        internal override IEnumerable<NamedObject> Objects(
            OpenStackSession session, string commandName, string parameterName, IDictionary fakeBoundParameters) =>
            OwnObjects.Of(session, commandName, fakeBoundParameters);
    }
}
