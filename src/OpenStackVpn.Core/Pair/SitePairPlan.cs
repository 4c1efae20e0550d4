using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using OpenStackVpn.Core.Http;
using OpenStackVpn.Core.Peer;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Core.Pair;

/// <summary>
/// A site pair checked and resolved on both ends before anything is made (so -WhatIf is honest), then made in order,
/// or not at all: when a step fails, everything already made, on either end, is removed again.
/// </summary>
public sealed class SitePairPlan
{
    /// <summary>The IKE policy of a pair unless one is given: IKEv2, AES-256, SHA-256, DH group 14.</summary>
    public static readonly IReadOnlyDictionary<string, object?> DefaultIke = new Dictionary<string, object?>
    {
        ["ike_version"] = "v2", ["encryption_algorithm"] = "aes-256", ["auth_algorithm"] = "sha256",
        ["pfs"] = "group14", ["lifetime.units"] = "seconds", ["lifetime.value"] = 3600,
    };

    /// <summary>The IPsec policy of a pair unless one is given: ESP tunnel, AES-256, SHA-256, PFS group 14.</summary>
    public static readonly IReadOnlyDictionary<string, object?> DefaultIpsec = new Dictionary<string, object?>
    {
        ["transform_protocol"] = "esp", ["encapsulation_mode"] = "tunnel", ["encryption_algorithm"] = "aes-256",
        ["auth_algorithm"] = "sha256", ["pfs"] = "group14", ["lifetime.units"] = "seconds", ["lifetime.value"] = 3600,
    };

    private readonly SecureString _psk;
    private readonly IReadOnlyDictionary<string, object?> _ike;
    private readonly IReadOnlyDictionary<string, object?> _ipsec;

    private SitePairPlan(string name, SitePairEnd local, SitePairEnd peer, IReadOnlyDictionary<string, object?> ike,
        IReadOnlyDictionary<string, object?> ipsec, SecureString psk)
    {
        Name = name;
        Local = local;
        Peer = peer;
        _ike = ike;
        _ipsec = ipsec;
        _psk = psk;
    }

    /// <summary>The pair's name.</summary>
    public string Name { get; }

    /// <summary>The end of -Session.</summary>
    public SitePairEnd Local { get; }

    /// <summary>The end of -PeerSession.</summary>
    public SitePairEnd Peer { get; }

    /// <summary>True in endpoint-group mode.</summary>
    public bool EndpointGroups => Local.LocalGroup != null;

    /// <summary>Every object the pair makes, in the order it makes them.</summary>
    public IReadOnlyList<SitePairStep> Steps { get; private set; } = Array.Empty<SitePairStep>();

    /// <summary>How messages name a session: its project and Keystone (and region).</summary>
    public static string Describe(OpenStackSession session) =>
        $"project {session.ProjectName} at {session.AuthUrl}" + (session.Region == null ? "" : $" ({session.Region})");

    /// <summary>
    /// Resolves and checks both ends and every object the pair will make, reading only; the key is generated here
    /// (<paramref name="psk"/> null) or given. The policies' settings default to <see cref="DefaultIke"/> and
    /// <see cref="DefaultIpsec"/>; given ones replace single fields.
    /// </summary>
    public static async Task<SitePairPlan> PrepareAsync(string name, SitePairEnd local, SitePairEnd peer,
        IReadOnlyDictionary<string, object?>? ike, IReadOnlyDictionary<string, object?>? ipsec, SecureString? psk,
        ILogSink log, CancellationToken cancel)
    {
        if ((local.SubnetReference == null) != (peer.SubnetReference == null))
        {
            throw OpenStackException.Argument(local.SubnetReference == null ? "Subnet" : "PeerSubnet",
                "both ends use subnets (legacy mode) or both use local endpoint groups; they cannot be mixed.");
        }

        var plan = new SitePairPlan(name, local, peer, Merge(DefaultIke, ike), Merge(DefaultIpsec, ipsec),
            psk ?? PairKey.New());
        await local.ResolveAsync(log, cancel).ConfigureAwait(false);
        await peer.ResolveAsync(log, cancel).ConfigureAwait(false);
        plan.CheckEnds();
        var steps = new List<SitePairStep>();
        foreach (var (end, other) in plan.Ends())
        {
            steps.AddRange(await plan.CheckObjectsAsync(end, other, log, cancel).ConfigureAwait(false));
        }

        plan.Steps = steps.OrderBy(s => Order(s.Kind)).ToList();
        return plan;
    }

    /// <summary>
    /// Makes the pair: both ends' policies and services, the peer endpoint groups, then the two connections, each
    /// pointing at the other end's service address. When a step fails (or Ctrl+C stops it), everything made so far is
    /// removed, newest first, and the error names the step, the end, and what was removed or left.
    /// </summary>
    public async Task<IpsecSitePair> CreateAsync(ILogSink log, Action<SitePairStep>? progress, CancellationToken cancel)
    {
        var pair = new IpsecSitePair(Name, new SitePairSide(Local.Role, Local.Session),
            new SitePairSide(Peer.Role, Peer.Session));
        var made = new List<(string What, Func<Task> Delete)>();
        SitePairStep? current = null;
        try
        {
            foreach (var step in Steps)
            {
                current = step;
                progress?.Invoke(step);
                var side = step.End == Local ? pair.Local : pair.Peer;
                var other = step.End == Local ? pair.Peer : pair.Local;
                await MakeAsync(step, side, other, made, log, cancel).ConfigureAwait(false);
            }

            return pair;
        }
        catch (Exception e) when (e is OpenStackException or OperationCanceledException)
        {
            var undo = await PairLedger.RollBackAsync(made).ConfigureAwait(false);
            var inner = e as OpenStackException;
            var what = current == null ? "the site pair" : $"creating {current.Target}";
            var message = $"{what} failed: {e.Message} {undo}";
            if (inner == null)
            {
                throw new OperationCanceledException(message, e, cancel);
            }

            throw new OpenStackException(inner.Kind, message, inner)
            {
                StatusCode = inner.StatusCode, ServerErrorType = inner.ServerErrorType,
                ServerMessage = inner.ServerMessage, RequestId = inner.RequestId, Request = inner.Request,
                Target = current?.Name,
            };
        }
    }

    private (SitePairEnd End, SitePairEnd Other)[] Ends() => new[] { (Local, Peer), (Peer, Local) };

    // A pair needs two public addresses and two sets of networks that do not overlap.
    private void CheckEnds()
    {
        if (string.Equals(Local.Address, Peer.Address, StringComparison.Ordinal))
        {
            throw OpenStackException.Argument(Peer.RouterParameter, $"both routers have the address {Local.Address}; " +
                "the two ends of a pair need different public addresses.");
        }

        var common = Local.Cidrs.Where(l => Peer.Cidrs.Any(p => ConnectionDiagnosis.Overlaps(l, p))).ToList();
        if (common.Count > 0)
        {
            var parameter = EndpointGroups ? Peer.GroupParameter : Peer.SubnetParameter;
            throw OpenStackException.Argument(parameter, $"the peer end's networks {string.Join(", ", Peer.Cidrs)} " +
                $"overlap the local end's {string.Join(", ", common)}; traffic between them could not be routed.");
        }
    }

    // Every create of one end checked against the descriptions and rules; the connection's references are the
    // objects-to-be, so its mode and fields are checked too, with no request.
    private async Task<IEnumerable<SitePairStep>> CheckObjectsAsync(SitePairEnd end, SitePairEnd other, ILogSink log,
        CancellationToken cancel)
    {
        var steps = new List<SitePairStep>();
        await PairLedger.PrepareAsync(end, VpnResources.IkePolicy, IkeValues(), log, cancel,
            "IkePolicy").ConfigureAwait(false);
        steps.Add(Step(end, VpnResources.IkePolicy, Name + "-ike", Settings(_ike)));
        await PairLedger.PrepareAsync(end, VpnResources.IpsecPolicy, IpsecValues(), log, cancel, "IpsecPolicy")
            .ConfigureAwait(false);
        steps.Add(Step(end, VpnResources.IpsecPolicy, Name + "-ipsec", Settings(_ipsec)));
        await PairLedger.PrepareAsync(end, VpnResources.VpnService, ServiceValues(end), log,
            cancel).ConfigureAwait(false);
        steps.Add(Step(end, VpnResources.VpnService, Name + "-vpn",
            $"router '{end.Router.Name}', address {end.Address}, networks {string.Join(", ", end.Cidrs)}"));
        VpnEndpointGroup? peerGroup = null;
        if (EndpointGroups)
        {
            await PairLedger.PrepareAsync(end, VpnResources.VpnEndpointGroup, PeerGroupValues(other), log, cancel)
                .ConfigureAwait(false);
            peerGroup = new VpnEndpointGroup { Id = "(new)", Name = Name + "-peer", Type = "cidr" };
            var cidrs = "cidr: " + string.Join(", ", other.Cidrs);
            steps.Add(Step(end, VpnResources.VpnEndpointGroup, peerGroup.Name, cidrs));
        }

        var service = new VpnService
        {
            Id = "(new)", Name = Name + "-vpn", RouterId = end.Router.Id, SubnetId = end.Subnet?.Id,
        };
        var values = ConnectionValues(end, other, other.Address, service, new IkePolicy { Id = "(new)" },
            new IpsecPolicy { Id = "(new)" }, peerGroup);
        await PairLedger.PrepareAsync(end, VpnResources.IpsecSiteConnection, values, log, cancel).ConfigureAwait(false);
        steps.Add(Step(end, VpnResources.IpsecSiteConnection, Name,
            $"peer {other.Address} (id {other.Address}), peer networks {string.Join(", ", other.Cidrs)}, " +
            "generated key"));
        return steps;
    }

    private async Task MakeAsync(SitePairStep step, SitePairSide side, SitePairSide other,
        List<(string What, Func<Task> Delete)> made, ILogSink log, CancellationToken cancel)
    {
        var end = step.End;
        var otherEnd = end == Local ? Peer : Local;
        if (step.Kind == VpnResources.IkePolicy.DisplayName)
        {
            side.IkePolicy = await PairLedger.CreateAsync(end, VpnResources.IkePolicy, IkeValues(), made, log, cancel)
                .ConfigureAwait(false);
        }
        else if (step.Kind == VpnResources.IpsecPolicy.DisplayName)
        {
            side.IpsecPolicy = await PairLedger.CreateAsync(end, VpnResources.IpsecPolicy, IpsecValues(), made, log,
                cancel)
                .ConfigureAwait(false);
        }
        else if (step.Kind == VpnResources.VpnService.DisplayName)
        {
            side.VpnService = await PairLedger.CreateAsync(end, VpnResources.VpnService, ServiceValues(end), made, log,
                cancel)
                .ConfigureAwait(false);
        }
        else if (step.Kind == VpnResources.VpnEndpointGroup.DisplayName)
        {
            side.PeerEndpointGroup = await PairLedger.CreateAsync(end, VpnResources.VpnEndpointGroup,
                PeerGroupValues(otherEnd),
                made,
                log, cancel).ConfigureAwait(false);
        }
        else
        {
            // The other end's service exists by now: its own answer says its address.
            var address = other.Address ?? otherEnd.Address;
            var values = ConnectionValues(end, otherEnd, address, side.VpnService!, side.IkePolicy!, side.IpsecPolicy!,
                side.PeerEndpointGroup);
            side.Connection = await PairLedger.CreateAsync(end, VpnResources.IpsecSiteConnection, values, made, log,
                cancel)
                .ConfigureAwait(false);
            side.Connection.ForgetSecrets();
        }
    }

    private FieldValues IkeValues() => Values(_ike).Set("name", Name + "-ike").Set("description", Described);

    private FieldValues IpsecValues() => Values(_ipsec).Set("name", Name + "-ipsec").Set("description", Described);

    private FieldValues ServiceValues(SitePairEnd end)
    {
        var values = new FieldValues().Set("name", Name + "-vpn").Set("description", Described)
            .Set("router_id", end.Router);
        return end.Subnet == null ? values : values.Set("subnet_id", end.Subnet);
    }

    private FieldValues PeerGroupValues(SitePairEnd other) => new FieldValues().Set("name", Name + "-peer")
        .Set("description", Described).Set("type", "cidr").Set("endpoints", other.Cidrs.ToArray());

    private FieldValues ConnectionValues(SitePairEnd end, SitePairEnd other, string address, VpnService service,
        IkePolicy ike, IpsecPolicy ipsec, VpnEndpointGroup? peerGroup)
    {
        var values = new FieldValues().Set("name", Name).Set("description", Described)
            .Set("vpnservice_id", service).Set("ikepolicy_id", ike).Set("ipsecpolicy_id", ipsec)
            .Set("peer_address", address).Set("peer_id", address).Set("psk", _psk).Set("initiator", "bi-directional");
        return peerGroup == null
            ? values.Set("peer_cidrs", other.Cidrs.ToArray())
            : values.Set("local_ep_group_id", end.LocalGroup).Set("peer_ep_group_id", peerGroup);
    }

    private string Described => $"site pair {Name}";

    private static SitePairStep Step(SitePairEnd end, ResourceKind kind, string name, string detail) =>
        new(end, kind.DisplayName, name, detail);

    // Policies on both ends first, then services (their addresses), groups, and the connections last.
    private static int Order(string kind) =>
        kind == VpnResources.IpsecSiteConnection.DisplayName ? 3
        : kind == VpnResources.VpnEndpointGroup.DisplayName ? 2
        : kind == VpnResources.VpnService.DisplayName ? 1 : 0;

    private static string Settings(IReadOnlyDictionary<string, object?> values) =>
        string.Join(" ", values.Where(v => v.Key != "lifetime.units").Select(v => $"{v.Key}={v.Value}"));

    private static FieldValues Values(IReadOnlyDictionary<string, object?> settings)
    {
        var values = new FieldValues();
        foreach (var setting in settings)
        {
            values.Set(setting.Key, setting.Value);
        }

        return values;
    }

    private static Dictionary<string, object?> Merge(IReadOnlyDictionary<string, object?> defaults,
        IReadOnlyDictionary<string, object?>? given)
    {
        var merged = defaults.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var pair in given ?? new Dictionary<string, object?>())
        {
            if (pair.Key is "name" or "description")
            {
                continue; // the pair names its objects itself
            }

            merged[pair.Key] = pair.Value;
        }

        return merged;
    }
}
