using System;
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
    public static IReadOnlyList<NamedObject> Of(OpenStackSession session, string commandName)
    {
        var cmdlet = FieldValueCompleter.CmdletOf(commandName);
        var noun = commandName.Substring(commandName.IndexOf('-') + 1);
        var kind = (cmdlet == null ? null : FieldValueCompleter.KindOf(cmdlet))
            ?? VpnResources.All.FirstOrDefault(
                k => noun.EndsWith(k.ModelType.Name, StringComparison.OrdinalIgnoreCase));
        return kind == null ? Array.Empty<NamedObject>() : NameLookup.Find(session, kind, LiveCompleter.Limit);
    }
}
