using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace OpenStackVpn.Core.Peer;

/// <summary>Writes a file that only its owner can read: the mode is set to 0600 before the
/// first byte is written.</summary>
public static class OwnerOnlyFile
{
    /// <summary>Writes <paramref name="file"/> into <paramref name="directory"/> and
    /// records where on the file.</summary>
    public static string Write(PeerConfigFile file, string directory)
    {
        if (file == null)
        {
            throw new ArgumentNullException(nameof(file));
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, file.FileName);
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RestrictToOwner(path);
            var bytes = new UTF8Encoding(false).GetBytes(file.Content);
            stream.Write(bytes, 0, bytes.Length);
        }

        file.Path = path;
        return path;
    }

    private static void RestrictToOwner(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            // NTFS: the file inherits its folder's ACL (a user profile folder is the user's own).
            return;
        }

        if (chmod(path, Convert.ToUInt32("600", 8)) != 0)
        {
            throw new IOException(
                $"could not make '{path}' readable by its owner only (chmod failed, errno " +
                $"{Marshal.GetLastWin32Error()}).");
        }
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false,
        ThrowOnUnmappableChar = true)]
#pragma warning disable CA5392 // libc is found by the runtime's own search; there is no other path to give.
    private static extern int chmod([MarshalAs(UnmanagedType.LPStr)] string path, uint mode);
#pragma warning restore CA5392
}
