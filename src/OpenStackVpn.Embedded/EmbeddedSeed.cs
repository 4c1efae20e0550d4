using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Embedded;

/// <summary>
/// What an <see cref="EmbeddedCloud"/> starts with, as the project's lab seeds it (tests/lab/start.sh): credentials,
/// the admin project's topology and VPN objects, and the member project's own router and
/// subnet. Ids differ per instance.
/// </summary>
public sealed class EmbeddedSeed
{
    private readonly Func<Uri> _authUrl;
    private readonly Func<Uri> _networkUrl;

    internal EmbeddedSeed(Func<Uri> authUrl, Func<Uri> networkUrl)
    {
        _authUrl = authUrl;
        _networkUrl = networkUrl;
    }

    /// <summary>The region of every endpoint: RegionOne.</summary>
    public string Region { get; } = "RegionOne";

    /// <summary>The domain's id: default.</summary>
    public string DomainId { get; } = "default";

    /// <summary>The domain's name: Default.</summary>
    public string DomainName { get; } = "Default";

    /// <summary>The admin user's name: admin.</summary>
    public string AdminUserName { get; } = "admin";

    /// <summary>The admin user's password: adminpass.</summary>
    public string AdminPassword { get; } = "adminpass";

    /// <summary>The admin user's id.</summary>
    public string AdminUserId { get; internal set; } = "";

    /// <summary>The admin project's name: admin.</summary>
    public string AdminProjectName { get; } = "admin";

    /// <summary>The admin project's id.</summary>
    public string AdminProjectId { get; internal set; } = "";

    /// <summary>The member user's name: member.</summary>
    public string MemberUserName { get; } = "member";

    /// <summary>The member user's password: memberpass.</summary>
    public string MemberPassword { get; } = "memberpass";

    /// <summary>The member user's id.</summary>
    public string MemberUserId { get; internal set; } = "";

    /// <summary>The member project's name: member.</summary>
    public string MemberProjectName { get; } = "member";

    /// <summary>The member project's id.</summary>
    public string MemberProjectId { get; internal set; } = "";

    /// <summary>The id of the admin user's application credential (scoped to the admin project).</summary>
    public string ApplicationCredentialId { get; internal set; } = "";

    /// <summary>The name of the admin user's application credential.</summary>
    public string ApplicationCredentialName { get; internal set; } = "";

    /// <summary>The secret of the admin user's application credential.</summary>
    public string ApplicationCredentialSecret { get; internal set; } = "";

    /// <summary>The external network <c>public</c>.</summary>
    public string ExternalNetworkId { get; internal set; } = "";

    /// <summary>The external subnet <c>public-subnet</c> (172.24.4.0/24).</summary>
    public string ExternalSubnetId { get; internal set; } = "";

    /// <summary>The admin project's router <c>router1</c>, gateway on <c>public</c>.</summary>
    public string RouterId { get; internal set; } = "";

    /// <summary>The admin project's network <c>private</c>.</summary>
    public string PrivateNetworkId { get; internal set; } = "";

    /// <summary>The admin project's subnet <c>private-subnet</c> (10.0.0.0/24), attached to router1.</summary>
    public string PrivateSubnetId { get; internal set; } = "";

    /// <summary>The member project's network <c>member-net</c>.</summary>
    public string MemberNetworkId { get; internal set; } = "";

    /// <summary>The member project's subnet <c>member-subnet</c> (10.10.0.0/24), attached to member-router.</summary>
    public string MemberSubnetId { get; internal set; } = "";

    /// <summary>The member project's router <c>member-router</c>, gateway on <c>public</c>.</summary>
    public string MemberRouterId { get; internal set; } = "";

    /// <summary>The admin project's IKE policy <c>ikepolicy1</c>.</summary>
    public string IkePolicyId { get; internal set; } = "";

    /// <summary>The admin project's IPsec policy <c>ipsecpolicy1</c>.</summary>
    public string IpsecPolicyId { get; internal set; } = "";

    /// <summary>The admin project's VPN service <c>vpnservice1</c> (router1, private-subnet).</summary>
    public string VpnServiceId { get; internal set; } = "";

    /// <summary>The connection <c>vpnconnection1</c> (peer 172.24.4.226, 10.1.0.0/24).</summary>
    public string ConnectionId { get; internal set; } = "";

    /// <summary>The name of <see cref="ConnectionId"/>.</summary>
    public string ConnectionName { get; } = "vpnconnection1";

    /// <summary>The four connections <c>paging-conn-1</c>…<c>4</c> of the same service.</summary>
    public IReadOnlyList<string> PagingConnectionIds { get; internal set; } = Array.Empty<string>();

    /// <summary>The names of <see cref="PagingConnectionIds"/>.</summary>
    public IReadOnlyList<string> PagingConnectionNames { get; } = new[] { "paging-conn-1", "paging-conn-2",
        "paging-conn-3", "paging-conn-4" };

    /// <summary><see cref="ConnectionId"/> then <see cref="PagingConnectionIds"/>.</summary>
    public IReadOnlyList<string> AllConnectionIds => new[] { ConnectionId }.Concat(PagingConnectionIds).ToArray();

    /// <summary>The seed in the lab's <c>seed.json</c> shape, with the cloud's current URLs, so lab tests can run
    /// against the embedded cloud.</summary>
    public string ToJson() => new JObject
    {
        ["auth_url"] = _authUrl().ToString().TrimEnd('/'),
        ["network_url"] = _networkUrl().ToString().TrimEnd('/'),
        ["region"] = Region,
        ["admin_project_id"] = AdminProjectId,
        ["member_project_id"] = MemberProjectId,
        ["member_user_id"] = MemberUserId,
        ["external_network_id"] = ExternalNetworkId,
        ["external_network_name"] = "public",
        ["external_subnet_id"] = ExternalSubnetId,
        ["external_subnet_name"] = "public-subnet",
        ["router_id"] = RouterId,
        ["router_name"] = "router1",
        ["private_network_id"] = PrivateNetworkId,
        ["private_network_name"] = "private",
        ["private_subnet_id"] = PrivateSubnetId,
        ["private_subnet_name"] = "private-subnet",
        ["ikepolicy_id"] = IkePolicyId,
        ["ikepolicy_name"] = "ikepolicy1",
        ["ipsecpolicy_id"] = IpsecPolicyId,
        ["ipsecpolicy_name"] = "ipsecpolicy1",
        ["vpnservice_id"] = VpnServiceId,
        ["vpnservice_name"] = "vpnservice1",
        ["connection_id"] = ConnectionId,
        ["connection_name"] = ConnectionName,
        ["paging_connection_ids"] = new JArray(PagingConnectionIds),
        ["paging_connection_names"] = new JArray(PagingConnectionNames),
        ["all_connection_ids"] = new JArray(AllConnectionIds),
    }.ToString(Formatting.Indented);

    /// <summary>A clouds.yaml with <c>embedded-admin</c> and <c>embedded-member</c> entries for the
    /// cloud's current auth URL.</summary>
    public string ToCloudsYaml()
    {
        var lines = new List<string> { "clouds:" };
        foreach (
            var (cloud, user, password) in new[] { ("embedded-admin", AdminUserName, AdminPassword),
            ("embedded-member", MemberUserName, MemberPassword) })
        {
            lines.AddRange(new[]
            {
                $"  {cloud}:",
                "    auth:",
                $"      auth_url: {_authUrl().ToString().TrimEnd('/')}",
                $"      username: {user}",
                $"      password: \"{password}\"",
                $"      project_name: {user}",
                $"      user_domain_name: {DomainName}",
                $"      project_domain_name: {DomainName}",
                $"    region_name: {Region}",
                "    interface: public",
                "    identity_api_version: 3",
            });
        }

        return string.Join("\n", lines) + "\n";
    }
}
