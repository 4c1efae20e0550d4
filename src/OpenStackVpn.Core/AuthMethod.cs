namespace OpenStackVpn;

/// <summary>How the session proves who it is to Keystone.</summary>
public enum AuthMethod
{
    /// <summary>User name (or id) and password.</summary>
    Password,
    /// <summary>Application credential id (or name and user) and secret.</summary>
    ApplicationCredential,
    /// <summary>An existing Keystone token.</summary>
    Token,
}
