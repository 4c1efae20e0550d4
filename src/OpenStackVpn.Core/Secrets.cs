using System;
using System.Runtime.InteropServices;
using System.Security;

namespace OpenStackVpn.Core;

/// <summary>Moves secrets between SecureString and the plain text a request body needs, for as
/// short a time as possible.</summary>
public static class Secrets
{
    /// <summary>A read-only SecureString holding <paramref name="value"/>, or null.</summary>
    public static SecureString? ToSecure(string? value)
    {
        if (value == null)
        {
            return null;
        }

        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>The plain text of a SecureString, for building a request body.</summary>
    public static string? ToPlain(SecureString? value)
    {
        if (value == null)
        {
            return null;
        }

        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
            return Marshal.PtrToStringUni(pointer);
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
