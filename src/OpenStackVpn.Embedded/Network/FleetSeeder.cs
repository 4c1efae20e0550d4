using System;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network;

/// <summary>
/// A fleet for runbooks to be tested at scale: <see cref="EmbeddedCloudOptions.SeedConnections"/> IPsec site
/// connections in the admin project, on router1 and private-subnet, with a VPN service per
/// <see cref="ConnectionsPerService"/> connections and an IKE and an IPsec policy per <see cref="ServicesPerPolicy"/>
/// services. The first of each kind is created through the same rules a POST goes through; the others are copies of it
/// with their own id, name, peer and references, which is what makes 10,000 take well under a second.
/// </summary>
internal static class FleetSeeder
{
    public const int ConnectionsPerService = 100;
    public const int ServicesPerPolicy = 10;

    public static void Seed(
        NetworkState state, ResourceApi api, EmbeddedSeed seed, Func<string, ResourceKind> kinds, int connections)
    {
        if (connections <= 0)
        {
            return;
        }

        var context = new NeutronContext(seed.AdminProjectId, isAdmin: true);
        StoredObject Create(string collection, JObject body) =>
            api.Insert(kinds(collection), new JObject { [kinds(collection).Singular] = body }.ToString(), context);

        var services = (connections + ConnectionsPerService - 1) / ConnectionsPerService;
        var policies = (services + ServicesPerPolicy - 1) / ServicesPerPolicy;
        var ike =
            Copies(state, Collections.IkePolicies,
                Create(Collections.IkePolicies, new JObject { ["name"] = Name("fleet-ike", 1) }), policies, (data, i) =>
                    data["name"] = Name("fleet-ike", i));
        var ipsec =
            Copies(state, Collections.IpsecPolicies,
                Create(Collections.IpsecPolicies, new JObject { ["name"] = Name("fleet-ipsec", 1) }), policies,
                    (data, i) => data["name"] = Name("fleet-ipsec", i));
        var firstService =
            Create(Collections.VpnServices,
                new JObject { ["name"] = Name("fleet-vpn", 1), ["router_id"] = seed.RouterId,
                    ["subnet_id"] = seed.PrivateSubnetId });
        var vpn =
            Copies(state, Collections.VpnServices, firstService, services, (data, i) =>
                data["name"] = Name("fleet-vpn", i));

        var first = Create(Collections.Connections, new JObject
        {
            ["name"] = Name("fleet-conn", 1),
            ["vpnservice_id"] = vpn[0],
            ["ikepolicy_id"] = ike[0],
            ["ipsecpolicy_id"] = ipsec[0],
            ["peer_address"] = PeerAddress(1),
            ["peer_id"] = PeerAddress(1),
            ["peer_cidrs"] = new JArray(PeerCidr(1)),
            ["psk"] = "fleet-secret",
        });
        Copies(state, Collections.Connections, first, connections, (data, i) =>
        {
            var service = (i - 1) / ConnectionsPerService;
            data["name"] = Name("fleet-conn", i);
            data["vpnservice_id"] = vpn[service];
            data["ikepolicy_id"] = ike[service / ServicesPerPolicy];
            data["ipsecpolicy_id"] = ipsec[service / ServicesPerPolicy];
            data["peer_address"] = PeerAddress(i);
            data["peer_id"] = PeerAddress(i);
            data["peer_cidrs"] = new JArray(PeerCidr(i));
        });
    }

    // The first row and count - 1 copies of it, numbered from 2; returns all their ids in order.
    private static string[] Copies(
        NetworkState state, string collection, StoredObject first, int count, Action<JObject, int> vary)
    {
        var ids = new string[count];
        ids[0] = first.Id;
        for (var i = 2; i <= count; i++)
        {
            var id = Guid.NewGuid().ToString();
            var data = (JObject)first.Data.DeepClone();
            data["id"] = id;
            vary(data, i);
            state.Store.Add(collection, new StoredObject(id, first.ProjectId, data, state.Now));
            ids[i - 1] = id;
        }

        return ids;
    }

    private static string Name(string prefix, int i) => prefix + "-" + i.ToString("D6", CultureInfo.InvariantCulture);

    // Documentation and benchmark ranges: data only, never sent to.
    private static string PeerAddress(int i) => $"198.{18 + (i / 62500) % 2}.{(i / 250) % 250}.{i % 250 + 1}";

    private static string PeerCidr(int i) => $"10.{100 + (i / 256) % 150}.{i % 256}.0/24";
}
