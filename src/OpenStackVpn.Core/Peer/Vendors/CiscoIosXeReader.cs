using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenStackVpn.Core.Peer.Vendors;

/// <summary>
/// Reads an IOS-XE running configuration: our crypto map entry, and the profile, keyring, ACL and transform set it
/// names.
/// </summary>
internal sealed class CiscoIosXeReader : VendorReader
{
    public override PeerConfigFormat Format => PeerConfigFormat.CiscoIosXe;

    protected override VendorTable Table => CiscoIosXe.Words;

    public override bool Recognise(string text) =>
        text.Contains("crypto map ") && text.Contains("ipsec-isakmp") && !text.Contains("tunnel-group ");

    public override PeerSettings Read(string text, PeerSite? site)
    {
        var config = new CiscoBlocks(text);
        var maps = config.Starting("crypto map ").Where(b => b.Head.EndsWith("ipsec-isakmp", StringComparison.Ordinal))
            .Select(b => (Name: b.Head.Split(' ')[2], b.Body)).ToList();
        var map = Pick(maps, m => m.Name, m => CiscoBlocks.Value(m.Body, "set peer"), site);
        var f = new Found { Name = map.Name, RemoteAddress = CiscoBlocks.Value(map.Body, "set peer") };
        var transformName = CiscoBlocks.Value(map.Body, "set transform-set");
        var transform = config.Starting($"crypto ipsec transform-set {transformName} ").FirstOrDefault();
        if (transform.Head != null)
        {
            var words = transform.Head.Split(' ').Skip(4).ToList();
            f.Ah = words.Count > 0 && words[0].StartsWith("ah-", StringComparison.Ordinal);
            if (f.Ah)
            {
                f.EspIntegrity = words[0].Substring(3);
            }
            else
            {
                var cipherWords = words.TakeWhile(x => !x.EndsWith("-hmac", StringComparison.Ordinal)).ToList();
                f.EspEncryption = string.Join(" ", cipherWords);
                f.EspIntegrity = words.Skip(cipherWords.Count).FirstOrDefault()?.Substring(4);
            }

            f.Mode = CiscoBlocks.Value(transform.Body, "mode") ?? "tunnel";
        }

        f.PfsGroup = CiscoBlocks.Value(map.Body, "set pfs");
        f.ChildLifetime = Int(CiscoBlocks.Value(map.Body, "set security-association lifetime seconds"));
        var acl = config.Body($"ip access-list extended {CiscoBlocks.Value(map.Body, "match address")}");
        foreach (var rule in acl.Select(l => l.Split(' ')).Where(p => p.Length >= 6 && p[0] == "permit"))
        {
            f.LocalSubnets.Add(VendorDialect.Cidr(rule[2], rule[3], wildcard: true));
            f.RemoteSubnets.Add(VendorDialect.Cidr(rule[4], rule[5], wildcard: true));
        }

        if (CiscoBlocks.Value(map.Body, "set ikev2-profile") is { } profileName)
        {
            ReadIkev2(config, profileName, f);
        }
        else
        {
            ReadIkev1(config, CiscoBlocks.Value(map.Body, "set isakmp-profile"), f);
        }

        return Settings(f);
    }

    private static void ReadIkev2(CiscoBlocks config, string profileName, Found f)
    {
        f.IkeVersion = 2;
        var profile = config.Body($"crypto ikev2 profile {profileName}");
        f.IkeLifetime = Int(CiscoBlocks.Value(profile, "lifetime"));
        f.DpdOn = CiscoBlocks.Value(profile, "dpd") != null;
        f.LocalId = Last(CiscoBlocks.Value(profile, "identity local"));
        f.RemoteId = Second(CiscoBlocks.Value(profile, "match identity remote"));
        var keyringName = CiscoBlocks.Value(profile, "keyring local");
        foreach (var policy in config.Starting("crypto ikev2 policy "))
        {
            var proposalName = CiscoBlocks.Value(policy.Body, "proposal");
            var proposal = config.Body($"crypto ikev2 proposal {proposalName}");
            if (proposal.Count == 0)
            {
                continue;
            }

            f.LocalAddress ??= CiscoBlocks.Value(policy.Body, "match address local");
            f.IkeEncryption = CiscoBlocks.Value(proposal, "encryption");
            f.IkeIntegrity = CiscoBlocks.Value(proposal, "integrity") ?? CiscoBlocks.Value(proposal, "prf");
            f.IkeGroup = CiscoBlocks.Value(proposal, "group");
            if (policy.Head.EndsWith(" " + f.Name, StringComparison.Ordinal))
            {
                f.LocalAddress = CiscoBlocks.Value(policy.Body, "match address local");
                break;
            }
        }

        // The keyring's peer entries: the one whose address is the cloud's holds our key.
        var keyring = config.Body($"crypto ikev2 keyring {keyringName}");
        for (var i = 0; i < keyring.Count; i++)
        {
            if (keyring[i] == $"address {f.RemoteAddress}")
            {
                f.Key = keyring.Skip(i + 1).TakeWhile(l => !l.StartsWith("peer ", StringComparison.Ordinal))
                    .Select(l => CiscoBlocks.Value(new[] { l }, "pre-shared-key")).FirstOrDefault(k => k != null);
            }
        }
    }

    private static void ReadIkev1(CiscoBlocks config, string? profileName, Found f)
    {
        f.IkeVersion = 1;
        var profile = config.Body($"crypto isakmp profile {profileName}");
        f.DpdOn = CiscoBlocks.Value(profile, "keepalive") != null;
        f.Aggressive = profile.Contains("initiate mode aggressive");
        f.RemoteId = Second(CiscoBlocks.Value(profile, "match identity"));
        var policy = config.Starting("crypto isakmp policy ").FirstOrDefault().Body ?? new List<string>();
        var encryption = CiscoBlocks.Value(policy, "encryption");
        f.IkeEncryption = encryption?.StartsWith("aes ", StringComparison.Ordinal) == true ? "aes-cbc-"
            + encryption.Substring(4) : encryption;
        f.IkeIntegrity = CiscoBlocks.Value(policy, "hash");
        f.IkeGroup = CiscoBlocks.Value(policy, "group");
        f.IkeLifetime = Int(CiscoBlocks.Value(policy, "lifetime"));
        var keyring = config.Body($"crypto keyring {CiscoBlocks.Value(profile, "keyring")}");
        var prefix = $"pre-shared-key address {f.RemoteAddress} key ";
        f.Key = keyring.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Substring(prefix.Length);
        f.LocalAddress = CiscoBlocks.Value(keyring, "local-address");
    }

    private static string? Last(string? words) => words?.Split(' ').Last();

    private static string? Second(string? words) => words?.Split(' ').Skip(1).FirstOrDefault();
}
