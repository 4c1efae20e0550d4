using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Completion;

/// <summary>Completes a reference to a VPN service with live names (ids where a name is shared or empty).</summary>
public sealed class VpnServiceCompletionAttribute : ArgumentCompleterAttribute
{
    /// <summary>Completes a VPN service.</summary>
    public VpnServiceCompletionAttribute() : base(typeof(Completer)) { }

    /// <summary>The completer.</summary>
    public sealed class Completer : LiveCompleter
    {
        internal override IEnumerable<NamedObject> Objects(OpenStackSession session, string commandName, IDictionary fakeBoundParameters) =>
            NameLookup.Find(session, VpnResources.VpnService, Limit);
    }
}
