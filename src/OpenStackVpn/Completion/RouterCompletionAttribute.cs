using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Completion;

/// <summary>Completes a reference to a router with live names (ids where a name is shared or empty).</summary>
public sealed class RouterCompletionAttribute : ArgumentCompleterAttribute
{
    /// <summary>Completes a router.</summary>
    public RouterCompletionAttribute() : base(typeof(Completer)) { }

    /// <summary>The completer.</summary>
    public sealed class Completer : LiveCompleter
    {
        internal override IEnumerable<NamedObject> Objects(OpenStackSession session, string commandName, IDictionary fakeBoundParameters) =>
            NameLookup.Find(session, VpnResources.Router, Limit);
    }
}
