using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Completion;

/// <summary>Completes a reference to a network with live names (ids where a name is shared or empty).</summary>
public sealed class NetworkCompletionAttribute : ArgumentCompleterAttribute
{
    /// <summary>Completes a network.</summary>
    public NetworkCompletionAttribute() : base(typeof(Completer)) { }

    /// <summary>The completer.</summary>
    public sealed class Completer : LiveCompleter
    {
        internal override IEnumerable<NamedObject> Objects(OpenStackSession session, string commandName, IDictionary fakeBoundParameters) =>
            NameLookup.Find(session, VpnResources.Network, Limit);
    }
}
