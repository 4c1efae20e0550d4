using System;
using System.Collections.Generic;
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
        ["OpenStackRouter"] = s => NameLookup.Find(s, VpnResources.Router, LiveCompleter.Limit),
        ["OpenStackSubnet"] = s => NameLookup.Find(s, VpnResources.Subnet, LiveCompleter.Limit),
        ["OpenStackNetwork"] = s => NameLookup.Find(s, VpnResources.Network, LiveCompleter.Limit),
    };

    public static IReadOnlyList<NamedObject> Of(OpenStackSession session, string commandName)
    {
        var noun = commandName.Substring(commandName.IndexOf('-') + 1);
        return ByNoun.TryGetValue(noun, out var find) ? find(session) : Array.Empty<NamedObject>();
    }
}
