using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Completion;

/// <summary>Completes the endpoints of a subnet endpoint group (-Type subnet) with subnet names; other types complete nothing.</summary>
public sealed class EndpointCompletionAttribute : ArgumentCompleterAttribute
{
    /// <summary>Completes subnets for subnet groups.</summary>
    public EndpointCompletionAttribute() : base(typeof(Completer)) { }

    /// <summary>The completer.</summary>
    public sealed class Completer : LiveCompleter
    {
        internal override IEnumerable<NamedObject> Objects(OpenStackSession session, string commandName, IDictionary fakeBoundParameters) =>
            string.Equals(fakeBoundParameters["Type"]?.ToString(), "subnet", StringComparison.OrdinalIgnoreCase)
                ? NameLookup.Find(session, VpnResources.Subnet, Limit)
                : Enumerable.Empty<NamedObject>();
    }
}
