using Newtonsoft.Json;

namespace OpenStackVpn;

/// <summary>An IPsec (phase 2) policy (Neutron <c>ipsecpolicy</c>).</summary>
public sealed class IpsecPolicy : NeutronResource
{
    /// <summary>esp, ah or ah-esp.</summary>
    [JsonProperty("transform_protocol")]
    public string? TransformProtocol { get; set; }

    /// <summary>The integrity algorithm.</summary>
    [JsonProperty("auth_algorithm")]
    public string? AuthAlgorithm { get; set; }

    /// <summary>The encryption algorithm.</summary>
    [JsonProperty("encryption_algorithm")]
    public string? EncryptionAlgorithm { get; set; }

    /// <summary>tunnel or transport.</summary>
    [JsonProperty("encapsulation_mode")]
    public string? EncapsulationMode { get; set; }

    /// <summary>The Diffie-Hellman group for perfect forward secrecy.</summary>
    [JsonProperty("pfs")]
    public string? Pfs { get; set; }

    /// <summary>The security association lifetime.</summary>
    [JsonProperty("lifetime")]
    public Lifetime? Lifetime { get; set; }
}
