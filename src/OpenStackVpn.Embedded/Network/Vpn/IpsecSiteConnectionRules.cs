using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Embedded.Network.Topology;

namespace OpenStackVpn.Embedded.Network.Vpn;

/// <summary>
/// neutron-vpnaas's validator for IPsec site connections, in its order: legacy versus endpoint-group mode, IP versions,
/// DPD, MTU, then the peer address (resolved from the cloud's table of names, never by DNS).
/// </summary>
internal static class IpsecSiteConnectionRules
{
    /// <summary>
    /// A service with a subnet needs peer CIDRs and no endpoint groups; without one, both groups and no CIDRs.
    /// </summary>
    public static void Mode(StoredObject service, JArray peerCidrs, string? localGroup, string? peerGroup)
    {
        if (service.Text("subnet_id") != null)
        {
            if (peerCidrs.Count == 0)
            {
                throw NeutronError.Typed(400, "MissingPeerCidrs",
                    "Missing peer CIDRs for IPsec site-to-site connection");
            }

            var given = Which(localGroup != null, peerGroup != null);
            if (given.Count > 0)
            {
                throw NeutronError.Typed(400, "InvalidEndpointGroup",
                    $"Endpoint group{Plural(given)} {string.Join(" and ", given)} cannot be specified, "
                        + $"when VPN Service has subnet specified");
            }
        }
        else
        {
            if (peerCidrs.Count > 0)
            {
                throw NeutronError.Typed(400, "PeerCidrsInvalid",
                    "Peer CIDRs cannot be specified, when using endpoint groups");
            }

            var missing = Which(localGroup == null, peerGroup == null);
            if (missing.Count > 0)
            {
                throw NeutronError.Typed(400, "MissingRequiredEndpointGroup",
                    $"Missing endpoint group{Plural(missing)} {string.Join(" and ", missing)} "
                        + $"for IPSec site-to-site connection");
            }
        }
    }

    /// <summary>Checks that local and peer sides each have one IP version, the same; returns it.</summary>
    public static int Versions(
        StoredObject service,
        JArray peerCidrs,
        string? localGroup,
        string? peerGroup,
        NetworkState state,
        NeutronContext context)
    {
        int local, peer;
        if (service.Text("subnet_id") is { } subnetId)
        {
            var versions = peerCidrs.Select(c => IpText.CidrVersion((string)c!)).Distinct().ToList();
            if (versions.Count > 1)
            {
                throw NeutronError.Typed(400, "MixedIPVersionsForPeerCidrs",
                    "Peer CIDRs do not have the same IP version, as required for IPSec site-to-site connection");
            }

            local = SubnetVersion(state, subnetId);
            peer = versions[0];
        }
        else
        {
            var localRow = state.Visible(Collections.EndpointGroups, localGroup, context, GroupNotFound);
            var peerRow = state.Visible(Collections.EndpointGroups, peerGroup, context, GroupNotFound);
            var router = state.Store.Find(Collections.Routers, service.Text("router_id"))!;
            var subnets = Endpoints(localRow, "subnet");
            foreach (var subnet in subnets.Where(s => !RouterKind.IsAttached(state, router, s)))
            {
                throw VpnServiceKind.NotConnected(subnet, router.Id);
            }

            local = OneVersion(localRow, subnets.Select(s => SubnetVersion(state, s)));
            peer = OneVersion(peerRow, Endpoints(peerRow, "cidr").Select(IpText.CidrVersion));
        }

        return local == peer
            ? local
            : throw NeutronError.Typed(400, "MixedIPVersionsForIPSecConnection",
                "IP versions are not compatible between peer and local endpoints");
    }

    /// <summary>
    /// The values are compared as Python compares them: numbers as numbers, texts as texts, a text with a number not at
    /// all (500).
    /// </summary>
    public static void Dpd(JObject dpd)
    {
        if (PythonOrder.Compare(dpd["timeout"]!, dpd["interval"]!) <= 0)
        {
            throw NeutronError.Typed(400, "IPsecSiteConnectionDpdIntervalValueError",
                "ipsec_site_connection dpd_timeout is equal to or less than dpd_interval");
        }
    }

    /// <summary>The minimum is checked only when the MTU is truthy, so 0 passes.</summary>
    public static void Mtu(long mtu, int version)
    {
        if (mtu != 0 && mtu < (version == 6 ? 1280 : 68))
        {
            throw NeutronError.Typed(400, "IPsecSiteConnectionMtuError",
                $"ipsec_site_connection MTU {mtu} is too small for ipv{version}");
        }
    }

    /// <summary>
    /// An IP stays as given; a name becomes its address from the cloud's table. Its version must be one of the router's
    /// gateway.
    /// </summary>
    public static string ResolvePeer(string address, StoredObject service, NetworkState state)
    {
        var resolved = IpText.AddressVersion(address) != 0
            ? address
            : state.PeerHosts.TryGetValue(address, out var known) ? known
                : throw NeutronError.Typed(400, "VPNPeerAddressNotResolved",
                    $"Peer address {address} cannot be resolved");
        var version = IpText.AddressVersion(resolved);
        var router = state.Store.Find(Collections.Routers, service.Text("router_id"))!;
        if (!RouterKind.GatewayAddresses(router).Any(ip => IpText.AddressVersion(ip) == version))
        {
            throw NeutronError.Typed(400, "ExternalNetworkHasNoSubnet",
                $"Router's {router.Id} external network has no IPv{version} subnet");
        }

        return resolved;
    }

    public static NeutronError GroupNotFound(string id) =>
        NeutronError.Typed(404, "VPNEndpointGroupNotFound", $"Endpoint group {id} could not be found");

    private static List<string> Endpoints(StoredObject group, string expected)
    {
        var type = group.Text("type");
        if (type != expected)
        {
            throw NeutronError.Typed(400, "WrongEndpointGroupType",
                $"Endpoint group {group.Id} type is '{type}' and should be '{expected}'");
        }

        return ((JArray)group.Data["endpoints"]!).Select(PythonText.Str).ToList();
    }

    private static int OneVersion(StoredObject group, IEnumerable<int> versions)
    {
        var distinct = versions.Distinct().ToList();
        return distinct.Count == 1
            ? distinct[0]
            : throw NeutronError.Typed(400, "MixedIPVersionsForIPSecEndpoints",
                $"Endpoints in group {group.Id} do not have the same IP version, as required for "
                    + $"IPSec site-to-site connection");
    }

    private static int SubnetVersion(NetworkState state, string subnetId) =>
        state.Store.Find(Collections.Subnets, subnetId)?.Data.Value<int>("ip_version") ?? 4;

    private static List<string> Which(bool local, bool peer)
    {
        var which = new List<string>();
        if (local)
        {
            which.Add("local");
        }

        if (peer)
        {
            which.Add("peer");
        }

        return which;
    }

    private static string Plural(List<string> which) => which.Count > 1 ? "s" : "";
}
