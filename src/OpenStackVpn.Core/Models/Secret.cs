using System.Security;

namespace OpenStackVpn;

/// <summary>
/// A secret the user asked to see (a connection's PSK with -IncludeSecret) that shows nothing of itself: no property
/// (so ConvertTo-Json writes {} and not the key's length), and eight stars as text (views, Export-Csv). PowerShell
/// converts it to a SecureString wherever one is wanted: <c>$c.Psk | ConvertFrom-SecureString -AsPlainText</c>,
/// <c>[pscredential]::new('psk', $c.Psk)</c>.
/// </summary>
public sealed class Secret
{
    private readonly SecureString _value;

    internal Secret(SecureString value)
    {
        _value = value;
    }

    /// <summary>The secret as a SecureString; null stays null.</summary>
    public static implicit operator SecureString?(Secret? secret) => secret?._value;

    /// <summary>The secret as a SecureString.</summary>
    public SecureString ToSecureString() => _value;

    /// <summary>Eight stars, whatever the secret's length.</summary>
    public override string ToString() => "********";
}
