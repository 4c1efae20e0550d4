using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace OpenStackVpn.Core.Diagram;

/// <summary>Graphviz's <c>dot</c>, where it is installed: renders Dot text to SVG or PNG.</summary>
public static class Graphviz
{
    /// <summary>What to say when dot is missing.</summary>
    public const string Missing = "Graphviz's dot was not found on PATH, so SVG and PNG cannot be drawn here. " +
        "Install Graphviz (Debian and Ubuntu: apt-get install graphviz; Windows: winget install graphviz), " +
        "or use -Format Dot or Mermaid.";

    /// <summary>The full path of dot on PATH, or null.</summary>
    public static string? Find()
    {
        var names = Path.DirectorySeparatorChar == '\\' ? new[] { "dot.exe" } : new[] { "dot" };
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator).Where(d => d.Length > 0)
            .SelectMany(d => names.Select(n => Path.Combine(d, n)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Renders <paramref name="dot"/> to <paramref name="path"/> in <paramref name="format"/> (svg or
    /// png).</summary>
    public static void Render(string dotPath, string dot, string format, string path, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(dotPath, $"-T{format} -o \"{path}\"")
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{dotPath} did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(dot);
        process.StandardInput.Close();
        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            process.Kill();
            throw new TimeoutException(
                $"dot did not finish within {timeout.TotalSeconds:0} s; draw fewer objects, or -GroupBy Status.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dot failed (exit {process.ExitCode}): {errors.Result.Trim()}");
        }
    }
}
