using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using OpenStackVpn.Core.Pair;
using OpenStackVpn.Core.Resources;

namespace OpenStackVpn.Commands;

/// <summary>
/// <para type="synopsis">Joins two sites with one IPsec VPN: creates both ends, mirrored, in two clouds, regions or
/// projects.</para>
/// <para type="description">On each end (-Session and -PeerSession) it creates an IKE policy, an IPsec policy, a VPN
/// service on the router, and a connection to the other end: each connection's peer address and peer id are the other
/// end's service address, its peer networks the other end's subnet (or, with endpoint groups, a peer endpoint group
/// made of the other end's CIDRs). Both connections share one pre-shared key, generated from a cryptographic generator
/// in letters and digits (which every peer format accepts) and never shown. The policies default to IKEv2, AES-256,
/// SHA-256, DH group 14 (ESP tunnel, PFS group 14), lifetime 3600 s; -IkePolicy and -IpsecPolicy take an existing
/// policy to copy, or a hashtable of fields that replace single defaults.</para>
/// <para type="description">Everything is checked and resolved on both ends before anything is created: -WhatIf shows
/// every object of both ends. Objects are named after -Name. If any step fails, on either end, everything already
/// created is removed again, and the error names the step, the end, and what was removed. -Wait waits until both
/// connections are ACTIVE. The result is a pair object that Test-IpsecSitePair and Remove-IpsecSitePair take from the
/// pipeline.</para>
/// </summary>
/// <example>
/// <code>$a = Connect-OpenStack -Embedded -ActivationDelaySec 1; $b = Connect-OpenStack -Embedded -ActivationDelaySec 1
/// $pair = New-IpsecSitePair -Name dr -Session $a -Router router1 -Subnet private-subnet `
///     -PeerSession $b -PeerRouter member-router -PeerSubnet member-subnet -Wait -PollIntervalSec 1
/// $pair.Local, $pair.Peer | Format-Table Role, Address, Status</code>
/// <para>Joins router1's private subnet in one cloud with member-router's subnet in another, and waits until both ends
/// are ACTIVE.</para>
/// </example>
/// <example>
/// <code>$a = Connect-OpenStack -Embedded; $b = Connect-OpenStack -Embedded
/// New-IpsecSitePair -Name dr -Session $a -Router router1 -Subnet private-subnet `
///     -PeerSession $b -PeerRouter member-router -PeerSubnet member-subnet `
///     -IkePolicy @{ encryption_algorithm = 'aes-128' } -WhatIf</code>
/// <para>Shows the ten objects the pair would create on both ends, with AES-128 for IKE, and creates nothing.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "IpsecSitePair", SupportsShouldProcess = true, DefaultParameterSetName = "Subnet")]
[OutputType(typeof(IpsecSitePair))]
public sealed class NewIpsecSitePairCommand : OpenStackCmdlet
{
    /// <summary><para type="description">The pair's name: the connections' name, and the start of every other object's
    /// name.</para></summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 200)]
    public string Name { get; set; } = "";

    /// <summary><para type="description">The session of the other end; by default the same as -Session (two routers of
    /// one project).</para></summary>
    [Parameter]
    [ValidateNotNull]
    public OpenStackSession? PeerSession { get; set; }

    /// <summary><para type="description">This end's router (object, id or unique name); it needs an external
    /// gateway.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public object Router { get; set; } = null!;

    /// <summary><para type="description">The other end's router, in -PeerSession.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public object PeerRouter { get; set; } = null!;

    /// <summary><para type="description">This end's subnet, attached to -Router (legacy mode).</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = "Subnet")]
    [ValidateNotNull]
    public object Subnet { get; set; } = null!;

    /// <summary><para type="description">The other end's subnet, attached to -PeerRouter (legacy
    /// mode).</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = "Subnet")]
    [ValidateNotNull]
    public object PeerSubnet { get; set; } = null!;

    /// <summary><para type="description">This end's local endpoint group, of type subnet (endpoint-group
    /// mode).</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = "EndpointGroup")]
    [ValidateNotNull]
    public object LocalEndpointGroup { get; set; } = null!;

    /// <summary><para type="description">The other end's own local endpoint group, of type subnet, in
    /// -PeerSession.</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = "EndpointGroup")]
    [ValidateNotNull]
    public object PeerLocalEndpointGroup { get; set; } = null!;

    /// <summary><para type="description">The IKE settings of both ends: an IKE policy to copy, or a hashtable of fields
    /// by their API names (ike_version, encryption_algorithm, auth_algorithm, pfs, phase1_negotiation_mode,
    /// lifetime.value) that replace the defaults.</para></summary>
    [Parameter]
    [ValidateNotNull]
    public object? IkePolicy { get; set; }

    /// <summary><para type="description">The IPsec settings of both ends: an IPsec policy to copy, or a hashtable of
    /// fields (transform_protocol, encapsulation_mode, encryption_algorithm, auth_algorithm, pfs,
    /// lifetime.value).</para></summary>
    [Parameter]
    [ValidateNotNull]
    public object? IpsecPolicy { get; set; }

    /// <summary><para type="description">The pre-shared key of both ends; by default one is generated (40 letters and
    /// digits) and never shown.</para></summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? Psk { get; set; }

    /// <summary><para type="description">Wait until both connections are ACTIVE before writing the
    /// pair.</para></summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary><para type="description">With -Wait: how long to wait for each end, in seconds (default
    /// 600).</para></summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int WaitTimeoutSec { get; set; } = 600;

    /// <summary><para type="description">With -Wait: seconds between polls (default 5).</para></summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int PollIntervalSec { get; set; } = 5;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var session = RequireSession();
        var peerSession = PeerSession ?? session;
        var legacy = ParameterSetName == "Subnet";
        var local = new SitePairEnd("Local", "", session, Unwrap(Router)!, legacy ? Unwrap(Subnet) : null,
            legacy ? null : Unwrap(LocalEndpointGroup));
        var peer = new SitePairEnd("Peer", "Peer", peerSession, Unwrap(PeerRouter)!, legacy ? Unwrap(PeerSubnet) : null,
            legacy ? null : Unwrap(PeerLocalEndpointGroup));
        SitePairPlan plan;
        try
        {
            var ike = Settings(IkePolicy, VpnResources.IkePolicy, nameof(IkePolicy));
            var ipsec = Settings(IpsecPolicy, VpnResources.IpsecPolicy, nameof(IpsecPolicy));
            plan = Await(cancel => SitePairPlan.PrepareAsync(Name, local, peer, ike, ipsec, Psk, Log, cancel));
        }
        catch (OpenStackException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
            return;
        }

        if (IsWhatIf())
        {
            foreach (var step in plan.Steps)
            {
                ShouldProcess(step.Target, $"Create ({step.Detail})");
            }

            return;
        }

        var whole = $"site pair '{Name}': {plan.Steps.Count} objects on {local.Label} and {peer.Label}";
        if (!ShouldProcess(whole, "Create"))
        {
            return;
        }

        IpsecSitePair pair;
        try
        {
            // Core runs on another thread: its steps are told through the log sink, written on this one.
            pair = Await(cancel => plan.CreateAsync(Log, step => Log.Verbose($"Creating {step.Target}"), cancel));
        }
        catch (OpenStackException e)
        {
            WriteError(ToErrorRecord(e));
            return;
        }

        if (Wait)
        {
            foreach (var side in pair.Sides)
            {
                try
                {
                    side.Connection = WaitResourceCommand<IpsecSiteConnection>.WaitFor(this, side.Session,
                        VpnResources.IpsecSiteConnection, side.Connection!.Id, "ACTIVE",
                        TimeSpan.FromSeconds(WaitTimeoutSec), TimeSpan.FromSeconds(PollIntervalSec));
                    side.Connection.ForgetSecrets();
                }
                catch (OpenStackException e)
                {
                    WriteError(ToErrorRecord(e));
                }
            }
        }

        WriteObject(pair);
    }

    private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

    // A policy to copy (its settable fields), or a hashtable of fields by their API names.
    private static Dictionary<string, object?>? Settings(object? given, ResourceKind kind, string parameter)
    {
        switch (Unwrap(given))
        {
            case null:
                return null;
            case IDictionary table:
                return table.Keys.Cast<object>().ToDictionary(k => k.ToString() ?? "", k => Unwrap(table[k]));
            case NeutronResource policy when kind.ModelType.IsInstanceOfType(policy):
                return kind.Fields
                    .Where(f => f.Access != FieldAccess.ReadOnly
                        && f.Path is not ("name" or "description" or "project_id" or "tenant_id"))
                    .Select(f => (f.Path, Value: kind.ValueOf(policy, f)))
                    .Where(f => f.Value != null)
                    .ToDictionary(f => f.Path, f => f.Value);
            default:
                throw OpenStackException.Argument(parameter,
                    $"give a {kind.DisplayName} to copy, or a hashtable of its fields.");
        }
    }
}
