using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded.Network.Topology;

/// <summary>
/// The ports Neutron makes for routers (an interface on a subnet, a gateway on the external network) and the addresses
/// they take: the network's picture of which router is on which subnet is its ports, as in Neutron's database.
/// </summary>
internal static class Ports
{
    public const string RouterInterface = "network:router_interface";
    public const string RouterGateway = "network:router_gateway";

    public static IEnumerable<StoredObject> All(NetworkState state) => state.Store.All(Collections.Ports);

    public static IEnumerable<StoredObject> OfDevice(NetworkState state, string deviceId, string owner) =>
        All(state).Where(p => p.Text("device_id") == deviceId && p.Text("device_owner") == owner);

    public static IEnumerable<StoredObject> OnNetwork(NetworkState state, string networkId) =>
        All(state).Where(p => p.Text("network_id") == networkId);

    public static IEnumerable<StoredObject> OnSubnet(NetworkState state, string subnetId) =>
        All(state).Where(p => SubnetIds(p).Contains(subnetId));

    public static IEnumerable<string> SubnetIds(StoredObject port) =>
        port.Data["fixed_ips"] is JArray ips ? ips.Select(ip => ip.Value<string>("subnet_id")).OfType<string>()
            : Enumerable.Empty<string>();

    /// <summary>A new port, stored (a router's interface or gateway).</summary>
    public static StoredObject Add(
        NetworkState state, string project, string networkId, string deviceId, string owner, JArray fixedIps)
    {
        var id = Guid.NewGuid().ToString();
        var row =
            new StoredObject(id, project, Data(state, id, project, networkId, deviceId, owner, fixedIps, "", true),
                state.Now);
        state.Store.Add(Collections.Ports, row);
        return row;
    }

    /// <summary>A port's fields in the order a GET shows them.</summary>
    public static JObject Data(
        NetworkState state,
        string id,
        string project,
        string networkId,
        string deviceId,
        string owner,
        JArray fixedIps,
        string name,
        bool admin)
    {
        var data = new JObject
        {
            ["id"] = id,
            ["name"] = name,
            ["network_id"] = networkId,
            ["tenant_id"] = project,
            ["mac_address"] = Mac(state),
            ["admin_state_up"] = admin,
            ["status"] = "DOWN",
            ["device_id"] = deviceId,
            ["device_owner"] = owner,
            ["fixed_ips"] = fixedIps,
            ["allowed_address_pairs"] = new JArray(),
            ["extra_dhcp_opts"] = new JArray(),
            ["security_groups"] = new JArray(),
            ["description"] = "",
            ["binding:vnic_type"] = "normal",
            ["binding:profile"] = new JObject(),
            ["binding:host_id"] = "",
            ["binding:vif_type"] = "unbound",
            ["binding:vif_details"] = new JObject(),
            ["port_security_enabled"] = owner.Length == 0,
            ["tags"] = new JArray(),
        };
        Times.Stamp(data, state, 1);
        data["project_id"] = project;
        return data;
    }

    /// <summary>
    /// The first free address of the subnet's allocation pools, as a fixed IP; IpAddressGenerationFailure when none is
    /// left.
    /// </summary>
    public static JObject Allocate(NetworkState state, StoredObject subnet)
    {
        var cidr = Cidr.Parse(subnet.Text("cidr")!)!;
        var used = new HashSet<BigInteger>(OnSubnet(state, subnet.Id)
            .SelectMany(p => (JArray)p.Data["fixed_ips"]!)
            .Where(ip => ip.Value<string>("subnet_id") == subnet.Id)
            .Select(ip => Cidr.Address(ip.Value<string>("ip_address"))!.Value));
        foreach (var pool in ((JArray)subnet.Data["allocation_pools"]!).OfType<JObject>())
        {
            var last = Cidr.Address(pool.Value<string>("end"))!.Value;
            for (var address = Cidr.Address(pool.Value<string>("start"))!.Value; address <= last; address++)
            {
                if (!used.Contains(address))
                {
                    return FixedIp(subnet.Id, cidr.Text(address));
                }
            }
        }

        throw NeutronError.Typed(409, "IpAddressGenerationFailure",
            $"No more IP addresses available on network {subnet.Text("network_id")}.");
    }

    public static JObject FixedIp(string subnetId, string address) =>
        new() { ["subnet_id"] = subnetId, ["ip_address"] = address };

    private static string Mac(NetworkState state)
    {
        var n = state.Store.All(Collections.Ports).Count + 1;
        return string.Format(CultureInfo.InvariantCulture, "fa:16:3e:{0:x2}:{1:x2}:{2:x2}", (n >> 16) & 0xff,
            (n >> 8) & 0xff, n & 0xff);
    }
}
