using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Completion;

/// <summary>The objects of the resource a cmdlet is about, found from its noun (Get-VpnService: VPN services).</summary>
internal static class OwnObjects
{
    private static readonly Dictionary<string, Func<OpenStackSession, IReadOnlyList<NamedObject>>> ByNoun = new(StringComparer.OrdinalIgnoreCase)
    {
        ["IpsecSiteConnection"] = s => NameLookup.Find(s, VpnResources.IpsecSiteConnection, LiveCompleter.Limit),
        ["VpnService"] = s => NameLookup.Find(s, VpnResources.VpnService, LiveCompleter.Limit),
        ["IkePolicy"] = s => NameLookup.Find(s, VpnResources.IkePolicy, LiveCompleter.Limit),
        ["IpsecPolicy"] = s => NameLookup.Find(s, VpnResources.IpsecPolicy, LiveCompleter.Limit),
        ["VpnEndpointGroup"] = s => NameLookup.Find(s, VpnResources.VpnEndpointGroup, LiveCompleter.Limit),
        ["IpsecPeerConfig"] = s => NameLookup.Find(s, VpnResources.IpsecSiteConnection, LiveCompleter.Limit),
    };

    /// <summary>
    /// The objects the cmdlet acts on; Set-EmbeddedOpenStackStatus's are those of its -Kind (connections and services
    /// while -Kind is not given yet).
    /// </summary>
    public static IReadOnlyList<NamedObject> Of(
        OpenStackSession session, string commandName, IDictionary fakeBoundParameters)
    {
        var noun = commandName.Substring(commandName.IndexOf('-') + 1);
        if (noun.EndsWith("EmbeddedOpenStackStatus", StringComparison.OrdinalIgnoreCase))
        {
            var given = fakeBoundParameters["Kind"];
            var kind = (given as System.Management.Automation.PSObject)?.BaseObject ?? given;
            return new[] { "IpsecSiteConnection", "VpnService" }
                .Where(k => kind == null || string.Equals(k, kind.ToString(), StringComparison.OrdinalIgnoreCase))
                .SelectMany(k => ByNoun[k](session))
                .ToList();
        }

        return ByNoun.TryGetValue(noun, out var find) ? find(session) : Array.Empty<NamedObject>();
    }
}
