using Newtonsoft.Json;

namespace OpenStackVpn;

/// <summary>An IKE (phase 1) policy (Neutron <c>ikepolicy</c>).</summary>
public sealed class IkePolicy : NeutronResource
{
    /// <summary>sha1, sha256, sha384, sha512, aes-xcbc, aes-cmac (what a cloud accepts
    /// depends on its release).</summary>
    [JsonProperty("auth_algorithm")]
    public string? AuthAlgorithm { get; set; }

    /// <summary>aes-128, aes-192, aes-256, 3des, and on newer clouds CTR/CCM/GCM variants.</summary>
    [JsonProperty("encryption_algorithm")]
    public string? EncryptionAlgorithm { get; set; }

    /// <summary>main or aggressive.</summary>
    [JsonProperty("phase1_negotiation_mode")]
    public string? Phase1NegotiationMode { get; set; }

    /// <summary>v1 or v2.</summary>
    [JsonProperty("ike_version")]
    public string? IkeVersion { get; set; }

    /// <summary>The Diffie-Hellman group for perfect forward secrecy, e.g. group14.</summary>
    [JsonProperty("pfs")]
    public string? Pfs { get; set; }

    /// <summary>The security association lifetime.</summary>
    [JsonProperty("lifetime")]
    public Lifetime? Lifetime { get; set; }
}
