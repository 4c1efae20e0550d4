using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Completion;

/// <summary>Completes a reference to a local endpoint group (type subnet) with live names (ids where a name is shared or empty).</summary>
public sealed class LocalEndpointGroupCompletionAttribute : ArgumentCompleterAttribute
{
    /// <summary>Completes a local endpoint group (type subnet).</summary>
    public LocalEndpointGroupCompletionAttribute() : base(typeof(Completer)) { }

    /// <summary>The completer.</summary>
    public sealed class Completer : LiveCompleter
    {
        internal override IEnumerable<NamedObject> Objects(OpenStackSession session, string commandName, IDictionary fakeBoundParameters) =>
            NameLookup.Find(session, VpnResources.VpnEndpointGroup, Limit).Where(g => g.Type == "subnet");
    }
}
