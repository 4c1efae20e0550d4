using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Completion;

/// <summary>
/// The objects of the resource a cmdlet is about: the model of its generic base, else the model its noun names
/// (Get-VpnService: VPN services; Test-IpsecSiteConnection: connections).
/// </summary>
internal static class OwnObjects
{
    /// <summary>
    /// The objects the cmdlet acts on; Set-EmbeddedOpenStackStatus's are those of its -Kind (connections and services
    /// while -Kind is not given yet).
    /// </summary>
    public static IReadOnlyList<NamedObject> Of(
        OpenStackSession session, string commandName, IDictionary fakeBoundParameters)
    {
        var cmdlet = FieldValueCompleter.CmdletOf(commandName);
        var noun = commandName.Substring(commandName.IndexOf('-') + 1);
        if (noun.EndsWith("EmbeddedOpenStackStatus", StringComparison.OrdinalIgnoreCase))
        {
            var given = fakeBoundParameters["Kind"];
            var named = ((given as System.Management.Automation.PSObject)?.BaseObject ?? given)?.ToString();
            return new ResourceKind[] { VpnResources.IpsecSiteConnection, VpnResources.VpnService }
                .Where(k => named == null || string.Equals(k.ModelType.Name, named, StringComparison.OrdinalIgnoreCase))
                .SelectMany(k => NameLookup.Find(session, k, LiveCompleter.Limit))
                .ToList();
        }

        var kind = (cmdlet == null ? null : FieldValueCompleter.KindOf(cmdlet))
            ?? VpnResources.All.FirstOrDefault(
                k => noun.EndsWith(k.ModelType.Name, StringComparison.OrdinalIgnoreCase));
        return kind == null ? Array.Empty<NamedObject>() : NameLookup.Find(session, kind, LiveCompleter.Limit);
    }
}
