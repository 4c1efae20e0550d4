using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using OpenStackVpn.Core.Peer;
using Xunit;

namespace OpenStackVpn.Core.Tests;

/// <summary>Test-IpsecSiteConnection's checks from the API alone, on API-shaped objects.</summary>
public sealed class ConnectionDiagnosisTests
{
    private static readonly Router GatewayRouter = JObject.Parse("""{"id": "0e0e0e0e-1111-4222-8333-444444444444", "external_gateway_info": {"network_id": "n1"}}""").ToObject<Router>()!;

    private static ConnectionFinding Check(PeerSite site, string check, Router? router = null, IReadOnlyList<string>? routerSubnets = null, IReadOnlyList<(IpsecSiteConnection, IReadOnlyList<string>)>? others = null) =>
        ConnectionDiagnosis.ApiChecks(new ConnectionPicture(site, router ?? GatewayRouter, routerSubnets ?? new[] { "51515151-aaaa-4bbb-8ccc-dddddddddddd" },
            others ?? Array.Empty<(IpsecSiteConnection, IReadOnlyList<string>)>())).Single(f => f.Check == check);

    [Fact]
    public void Every_check_is_its_own_finding_and_a_healthy_connection_has_no_error()
    {
        var findings = ConnectionDiagnosis.ApiChecks(new ConnectionPicture(PeerConfigTests.Site(), GatewayRouter, new[] { "51515151-aaaa-4bbb-8ccc-dddddddddddd" }, Array.Empty<(IpsecSiteConnection, IReadOnlyList<string>)>()));
        Assert.Equal(findings.Count, findings.Select(f => f.Check).Distinct().Count());
        Assert.Equal(16, findings.Count);
        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
    }

    [Theory]
    [InlineData("ACTIVE", FindingSeverity.Ok)]
    [InlineData("DOWN", FindingSeverity.Error)]
    [InlineData("ERROR", FindingSeverity.Error)]
    [InlineData("PENDING_CREATE", FindingSeverity.Warning)]
    public void The_connection_status_is_graded(string status, FindingSeverity severity) =>
        Assert.Equal(severity, Check(PeerConfigTests.Site(c => c["status"] = status), "ConnectionStatus").Severity);

    [Fact]
    public void Admin_down_is_an_error_whatever_the_status() =>
        Assert.Equal(FindingSeverity.Error, Check(PeerConfigTests.Site(c => c["admin_state_up"] = false), "ConnectionStatus").Severity);

    [Fact]
    public void A_router_without_gateway_and_a_service_without_address_are_errors()
    {
        var noGateway = JObject.Parse("""{"id": "r", "external_gateway_info": null}""").ToObject<Router>()!;
        Assert.Equal(FindingSeverity.Error, Check(PeerConfigTests.Site(), "RouterGateway", noGateway).Severity);
        Assert.Equal(FindingSeverity.Error, Check(PeerConfigTests.Site(c => c["peer_address"] = "2001:db8::1"), "ServiceAddress").Severity);
    }

    [Fact]
    public void The_service_subnet_must_be_on_the_router()
    {
        Assert.Equal(FindingSeverity.Error, Check(PeerConfigTests.Site(), "ServiceSubnetOnRouter", routerSubnets: new[] { "other" }).Severity);
        Assert.Equal(FindingSeverity.Ok, Check(PeerConfigTests.Site(), "ServiceSubnetOnRouter").Severity);
    }

    [Fact]
    public void Peer_cidrs_in_endpoint_group_mode_on_a_legacy_service_are_inconsistent() =>
        Assert.Equal(FindingSeverity.Error, Check(PeerConfigTests.Site(c => c["local_ep_group_id"] = "g"), "Mode").Severity);

    [Fact]
    public void Overlaps_with_the_local_side_and_with_another_connection_on_the_router_are_errors()
    {
        Assert.Equal(FindingSeverity.Error, Check(PeerConfigTests.Site(peer: new[] { "10.1.0.128/25" }), "PeerCidrsOverlapLocal").Severity);
        var other = JObject.Parse("""{"id": "other", "vpnservice_id": "another", "peer_address": "203.0.113.5"}""").ToObject<IpsecSiteConnection>()!;
        var finding = Check(PeerConfigTests.Site(), "PeerCidrsOverlapOtherConnection", others: new[] { (other, (IReadOnlyList<string>)new[] { "10.2.0.0/16" }) });
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("other", finding.Found);
        Assert.Equal(FindingSeverity.Ok, Check(PeerConfigTests.Site(), "PeerCidrsOverlapOtherConnection", others: new[] { (other, (IReadOnlyList<string>)new[] { "10.3.0.0/16" }) }).Severity);
    }

    [Fact]
    public void The_same_peer_twice_on_one_service_is_an_error()
    {
        var twin = JObject.Parse("""{"id": "twin", "vpnservice_id": "5a6b7c8d-0000-4000-8000-00000000a001", "peer_address": "198.51.100.20"}""").ToObject<IpsecSiteConnection>()!;
        Assert.Equal(FindingSeverity.Error, Check(PeerConfigTests.Site(), "DuplicatePeer", others: new[] { (twin, (IReadOnlyList<string>)new[] { "10.9.0.0/24" }) }).Severity);
    }

    [Fact]
    public void An_IP_peer_id_other_than_the_address_is_a_warning()
    {
        Assert.Equal(FindingSeverity.Warning, Check(PeerConfigTests.Site(c => c["peer_id"] = "198.51.100.21"), "PeerIdMatchesAddress").Severity);
        Assert.Equal(FindingSeverity.Ok, Check(PeerConfigTests.Site(c => c["peer_id"] = "peer.example.test"), "PeerIdMatchesAddress").Severity);
    }

    [Fact]
    public void Dpd_timeout_near_the_interval_and_a_lifetime_inside_the_rekey_margin_are_warnings()
    {
        Assert.Equal(FindingSeverity.Warning, Check(PeerConfigTests.Site(c => c["dpd"] = JObject.Parse("""{"action": "hold", "interval": 30, "timeout": 40}""")), "Dpd").Severity);
        Assert.Equal(FindingSeverity.Ok, Check(PeerConfigTests.Site(), "Dpd").Severity);
        var seconds = JObject.Parse("""{"units": "seconds", "value": 120}""");
        Assert.Equal(FindingSeverity.Warning, Check(PeerConfigTests.Site(esp: e => e["lifetime"] = seconds),
            "Lifetimes").Severity);
        Assert.Equal(FindingSeverity.Ok, Check(PeerConfigTests.Site(), "Lifetimes").Severity);
    }

    [Fact]
    public void A_policy_the_strongSwan_driver_cannot_build_is_named()
    {
        Assert.Equal(FindingSeverity.Error, Check(PeerConfigTests.Site(esp: e => e["transform_protocol"] = "ah-esp"), "DriverSupport").Severity);
        Assert.Equal(FindingSeverity.Info, Check(PeerConfigTests.Site(ike: i =>
            i["phase1_negotiation_mode"] = "aggressive"), "DriverSupport").Severity);
        var v1Aggressive = PeerConfigTests.Site(ike: i =>
            { i["phase1_negotiation_mode"] = "aggressive"; i["ike_version"] = "v1"; });
        Assert.Equal(FindingSeverity.Ok, Check(v1Aggressive, "DriverSupport").Severity);
        Assert.Equal(FindingSeverity.Warning, Check(PeerConfigTests.Site(c => c["mtu"] = 300), "Mtu").Severity);
        Assert.Equal(FindingSeverity.Warning, Check(PeerConfigTests.Site(ike: i => i["ike_version"] = "v1", peer: new[] { "10.2.0.0/24", "10.3.0.0/24" }), "DriverSupport").Severity);
        Assert.Equal(FindingSeverity.Ok, Check(PeerConfigTests.Site(peer: new[] { "10.2.0.0/24", "10.3.0.0/24" }), "DriverSupport").Severity);
    }
}
