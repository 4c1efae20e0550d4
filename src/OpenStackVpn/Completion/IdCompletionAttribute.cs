using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Completion;

/// <summary>
/// Completes -Id with the ids of the cmdlet's own resource, matching what was typed against ids and names.
/// </summary>
public sealed class IdCompletionAttribute : ArgumentCompleterAttribute
{
    /// <summary>Completes ids of live objects.</summary>
    public IdCompletionAttribute() : base(typeof(Completer)) { }

    /// <summary>The completer.</summary>
    public sealed class Completer : LiveCompleter
    {
        internal override bool CompletesIds => true;

        internal override IEnumerable<NamedObject> Objects(
            OpenStackSession session, string commandName, string parameterName, IDictionary fakeBoundParameters) =>
            OwnObjects.Of(session, commandName, fakeBoundParameters);
    }
}
