using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Peer;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Core.Pair;

/// <summary>
/// What one end of a site pair is given: its session, its router, and its networks (a subnet, legacy mode; or a local
/// endpoint group of subnets, endpoint-group mode); and the names of the parameters that gave them, for errors.
/// </summary>
public sealed class SitePairEnd
{
    /// <summary>Gathers one end; <paramref name="parameterPrefix"/> is "" for the local end and "Peer" for the
    /// other.</summary>
    public SitePairEnd(string role, string parameterPrefix, OpenStackSession session, object router, object? subnet,
        object? localEndpointGroup)
    {
        Role = role;
        Prefix = parameterPrefix;
        Session = session;
        RouterReference = router;
        SubnetReference = subnet;
        GroupReference = localEndpointGroup;
    }

    /// <summary>"Local" or "Peer".</summary>
    public string Role { get; }

    /// <summary>The end's session.</summary>
    public OpenStackSession Session { get; }

    internal string Prefix { get; }

    internal object RouterReference { get; }

    internal object? SubnetReference { get; }

    internal object? GroupReference { get; }

    internal string RouterParameter => Prefix + "Router";

    internal string SubnetParameter => Prefix + "Subnet";

    internal string GroupParameter => Prefix + "LocalEndpointGroup";

    /// <summary>The router, once resolved.</summary>
    internal Router Router { get; private set; } = null!;

    /// <summary>The subnet, in legacy mode.</summary>
    internal Subnet? Subnet { get; private set; }

    /// <summary>The local endpoint group, in endpoint-group mode.</summary>
    internal VpnEndpointGroup? LocalGroup { get; private set; }

    /// <summary>The networks behind this end.</summary>
    internal IReadOnlyList<string> Cidrs { get; private set; } = System.Array.Empty<string>();

    /// <summary>The address the other end will connect to, as the router's gateway shows it.</summary>
    internal string Address { get; private set; } = "";

    /// <summary>"the local end (project admin at http://...)".</summary>
    internal string Label => $"the {Role.ToLowerInvariant()} end ({SitePairPlan.Describe(Session)})";

    /// <summary>Resolves the router and the networks (reads only), and checks the router has a public
    /// address.</summary>
    internal async Task ResolveAsync(ILogSink log, CancellationToken cancel)
    {
        Router = (Router)await ResourceClient.ResolveReferenceAsync(Session, VpnResources.Router, RouterReference,
            RouterParameter, log, cancel).ConfigureAwait(false);
        var addresses = Router.ExternalFixedIps;
        Address = addresses.FirstOrDefault(IsV4) ?? (addresses.Count > 0 ? addresses[0] : "");
        if (Address.Length == 0)
        {
            throw OpenStackException.Argument(RouterParameter,
                $"router '{Router.Name}' ({Router.Id}) shows no external " +
                "gateway address; a VPN service needs one for the other end to connect to. Set the router's gateway.");
        }

        if (SubnetReference != null)
        {
            Subnet = (Subnet)await ResourceClient.ResolveReferenceAsync(Session, VpnResources.Subnet, SubnetReference,
                SubnetParameter, log, cancel).ConfigureAwait(false);
            Cidrs = new[] { Subnet.Cidr ?? "" };
            return;
        }

        LocalGroup = (VpnEndpointGroup)await ResourceClient.ResolveReferenceAsync(Session,
            VpnResources.VpnEndpointGroup,
            GroupReference, GroupParameter, log, cancel).ConfigureAwait(false);
        if (LocalGroup.Type != "subnet")
        {
            throw OpenStackException.Argument(GroupParameter,
                $"endpoint group '{LocalGroup.Name}' is of type {LocalGroup.Type}; " +
                "a local endpoint group lists subnets.");
        }

        Cidrs = await PeerSiteReader.GroupCidrsAsync(Session, LocalGroup.Id, log, cancel).ConfigureAwait(false);
    }

    private static bool IsV4(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
}
