using Newtonsoft.Json.Linq;

namespace OpenStackVpn.Core.Resources.Rules;

/// <summary>IPsec site connections: peer, DPD, MTU and CIDR rules, and legacy versus endpoint-group mode.</summary>
internal sealed class IpsecSiteConnectionRules : ResourceRules
{
    /// <summary>Below this many characters a PSK is warned about (at create) and reported by
    /// Test-IpsecSiteConnection.</summary>
    public const int ShortPskLength = 20;

    /// <summary>
    /// The PSK: an empty one is refused (Neutron stores it, but neither strongSwan nor Libreswan loads an empty secret,
    /// and the
    /// export would write secret = ""); a short one is warned about at create, as it falls to an offline dictionary
    /// attack.
    /// </summary>
    public override void CheckSecret(string field, System.Security.SecureString secret, bool create,
        OpenStackVpn.Core.Http.ILogSink log)
    {
        if (field != "psk")
        {
            return;
        }

        if (secret.Length == 0)
        {
            throw FieldRules.Invalid("psk",
                "the pre-shared key must not be empty: no IPsec peer can use an empty key.");
        }

        if (create && secret.Length < ShortPskLength)
        {
            log.Warning($"psk: the pre-shared key has {secret.Length} characters; use at least {ShortPskLength} "
                + $"random characters, "
                + "as a short key falls to an offline dictionary attack.");
        }
    }

    /// <inheritdoc/>
    public override void ValidateCreate(JObject body)
    {
        base.ValidateCreate(body);
        body["peer_id"] ??= body["peer_address"]!.DeepClone();
        FieldRules.PeerAddress(body);
        CheckMtuAndDpd(body, null, FieldRules.CidrList(body, "peer_cidrs"));
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JObject changes)
    {
        base.ValidateUpdate(changes);
        FieldRules.PeerAddress(changes);
        var version = FieldRules.CidrList(changes, "peer_cidrs");
        CheckMtuAndDpd(changes, null, version);
        if (changes["peer_cidrs"] is JArray { Count: 0 })
        {
            throw FieldRules.Invalid("peer_cidrs", "a legacy-mode connection needs at least one peer CIDR.");
        }
    }

    /// <inheritdoc/>
    public override void ValidateAgainst(JObject changes, NeutronResource current)
    {
        var connection = (IpsecSiteConnection)current;
        CheckMtuAndDpd(changes, connection, FieldRules.CidrList(changes, "peer_cidrs"));
        var legacy = connection.PeerCidrs is { Length: > 0 };
        if (legacy && (changes["local_ep_group_id"] != null || changes["peer_ep_group_id"] != null))
        {
            throw FieldRules.Invalid(changes["local_ep_group_id"] != null ? "local_ep_group_id" : "peer_ep_group_id",
                "this connection uses peer CIDRs (legacy mode); a connection cannot switch to endpoint groups. " +
                    "Create a new one.");
        }

        if (!legacy && changes["peer_cidrs"] != null)
        {
            throw FieldRules.Invalid("peer_cidrs",
                "this connection uses endpoint groups; a connection cannot switch to peer CIDRs. Create a new one.");
        }
    }

    /// <inheritdoc/>
    public override void CheckReference(JObject body, string field, NeutronResource found, bool create)
    {
        switch (field, found)
        {
            case ("vpnservice_id", VpnService service) when create:
                CheckMode(body, service);
                break;
            case ("local_ep_group_id", VpnEndpointGroup group):
                CheckEndpointGroup(group, field, "subnet", "local");
                break;
            case ("peer_ep_group_id", VpnEndpointGroup group):
                CheckEndpointGroup(group, field, "cidr", "peer");
                break;
        }
    }

    // Legacy mode (the service has a subnet: peer CIDRs, no endpoint groups) versus endpoint-group mode
    // (no subnet: both groups, no peer CIDRs), checked against the connection's VPN service.
    private static void CheckMode(JObject body, VpnService service)
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
                throw FieldRules.Invalid("peer_cidrs",
                    $"VPN service '{service.Name}' has a subnet (legacy mode): peer CIDRs are required.");
            }
        }
        else
        {
            if (hasCidrs)
            {
                throw FieldRules.Invalid("peer_cidrs",
                    $"VPN service '{service.Name}' has no subnet (endpoint-group mode): give a local and a peer " +
                    $"endpoint group, not peer CIDRs.");
            }

            if (!local || !peer)
            {
                throw FieldRules.Invalid(local ? "peer_ep_group_id" : "local_ep_group_id",
                    $"VPN service '{service.Name}' has no subnet (endpoint-group mode): both a local (subnet) and a " +
                        $"peer (cidr) endpoint group are required.");
            }
        }
    }

    // The local group lists subnets, the peer group CIDRs.
    private static void CheckEndpointGroup(VpnEndpointGroup group, string field, string type, string side)
    {
        if (group.Type != type)
        {
            throw FieldRules.Invalid(field,
                $"endpoint group '{group.Name}' is of type {group.Type}; the {side} group must be of type {type}.");
        }
    }

    // The MTU's minimum depends on the peer's IP version, and the DPD timeout on the interval: from the body, else the
    // object as it is (in an update), else the CIDRs' version and Neutron's DPD defaults.
    private static void CheckMtuAndDpd(JObject body, IpsecSiteConnection? current, int? cidrVersion)
    {
        var address = (string?)body["peer_address"] ?? current?.PeerAddress;
        FieldRules.Mtu(body, (address == null ? null : FieldRules.IpVersionOf(address)) ?? cidrVersion);
        FieldRules.Dpd(body, current?.Dpd);
    }
}
