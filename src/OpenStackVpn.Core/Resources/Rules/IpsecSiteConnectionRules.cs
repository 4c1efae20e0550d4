using System.Collections.Generic;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Http;

namespace OpenStackVpn.Core.Resources.Rules;

/// <summary>IPsec site connections: peer, PSK, DPD, MTU and CIDR rules, and legacy versus endpoint-group mode.</summary>
public sealed class IpsecSiteConnectionRules : ResourceRules
{
    /// <summary>The initiator values.</summary>
    public static readonly IReadOnlyList<string> Initiators = new[] { "bi-directional", "response-only" };

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> CreateOnly =>
        new[] { "project_id", "tenant_id", "vpnservice_id", "ikepolicy_id", "ipsecpolicy_id", "availability_zone" };

    /// <inheritdoc/>
    public override void ValidateCreate(JObject body)
    {
        base.ValidateCreate(body);
        foreach (var required in new[] { "vpnservice_id", "ikepolicy_id", "ipsecpolicy_id", "peer_address", "psk" })
        {
            if (body[required] == null)
            {
                throw FieldRules.Invalid(required, "it is required to create a connection.");
            }
        }

        body["peer_id"] ??= body["peer_address"]!.DeepClone();
        CheckFields(body, null);
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JObject changes, JObject? current)
    {
        base.ValidateUpdate(changes, current);
        CheckFields(changes, current?.ToObject<IpsecSiteConnection>(Json.Serializer));
        if (changes["peer_cidrs"] is JArray { Count: 0 })
        {
            throw FieldRules.Invalid("peer_cidrs", "a legacy-mode connection needs at least one peer CIDR.");
        }

        if (current == null)
        {
            return;
        }

        var legacy = current["peer_cidrs"] is JArray { Count: > 0 };
        if (legacy && (changes["local_ep_group_id"] != null || changes["peer_ep_group_id"] != null))
        {
            throw FieldRules.Invalid(changes["local_ep_group_id"] != null ? "local_ep_group_id" : "peer_ep_group_id",
                "this connection uses peer CIDRs (legacy mode); a connection cannot switch to endpoint groups. Create a new one.");
        }

        if (!legacy && changes["peer_cidrs"] != null)
        {
            throw FieldRules.Invalid("peer_cidrs", "this connection uses endpoint groups; a connection cannot switch to peer CIDRs. Create a new one.");
        }
    }

    /// <summary>
    /// Legacy mode (the service has a subnet: peer CIDRs, no endpoint groups) versus endpoint-group mode
    /// (no subnet: both groups, no peer CIDRs), checked against the connection's VPN service.
    /// </summary>
    public static void CheckMode(JObject body, VpnService service)
    {
        var hasCidrs = body["peer_cidrs"] is JArray { Count: > 0 };
        var local = body["local_ep_group_id"] != null;
        var peer = body["peer_ep_group_id"] != null;
        if (service.SubnetId != null)
        {
            if (local || peer)
            {
                throw FieldRules.Invalid(local ? "local_ep_group_id" : "peer_ep_group_id",
                    $"VPN service '{service.Name}' has a subnet (legacy mode): give peer CIDRs, not endpoint groups.");
            }

            if (!hasCidrs)
            {
                throw FieldRules.Invalid("peer_cidrs", $"VPN service '{service.Name}' has a subnet (legacy mode): peer CIDRs are required.");
            }
        }
        else
        {
            if (hasCidrs)
            {
                throw FieldRules.Invalid("peer_cidrs", $"VPN service '{service.Name}' has no subnet (endpoint-group mode): give a local and a peer endpoint group, not peer CIDRs.");
            }

            if (!local || !peer)
            {
                throw FieldRules.Invalid(local ? "peer_ep_group_id" : "local_ep_group_id",
                    $"VPN service '{service.Name}' has no subnet (endpoint-group mode): both a local (subnet) and a peer (cidr) endpoint group are required.");
            }
        }
    }

    /// <summary>Endpoint groups of the right types for the local and peer sides.</summary>
    public static void CheckEndpointGroups(VpnEndpointGroup? local, VpnEndpointGroup? peer)
    {
        if (local != null && local.Type != "subnet")
        {
            throw FieldRules.Invalid("local_ep_group_id", $"endpoint group '{local.Name}' is of type {local.Type}; the local group must be of type subnet.");
        }

        if (peer != null && peer.Type != "cidr")
        {
            throw FieldRules.Invalid("peer_ep_group_id", $"endpoint group '{peer.Name}' is of type {peer.Type}; the peer group must be of type cidr.");
        }
    }

    private static void CheckFields(JObject body, IpsecSiteConnection? current)
    {
        FieldRules.PeerAddress(body);
        foreach (var field in new[] { "peer_id", "local_id", "psk", "peer_address" })
        {
            FieldRules.MaxLengthOf(body, field);
        }

        var version = FieldRules.CidrList(body, "peer_cidrs");
        var address = (string?)body["peer_address"] ?? current?.PeerAddress;
        FieldRules.Mtu(body, (address == null ? null : FieldRules.IpVersionOf(address)) ?? version);
        FieldRules.Dpd(body, current?.Dpd);
        if (body["initiator"] is JValue initiator && !((IList<string>)Initiators).Contains((string)initiator!))
        {
            throw FieldRules.Invalid("initiator", $"'{initiator}' is not an initiator; use bi-directional or response-only.");
        }
    }
}
