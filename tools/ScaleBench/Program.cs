using System;
using System.Globalization;

namespace OpenStackVpn.ScaleBench;

/// <summary>dotnet ScaleBench.dll serve [count]: serves the stand-in cloud until its standard input closes.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] != "serve")
        {
            Console.Error.WriteLine("usage: ScaleBench serve [count]");
            return 2;
        }

        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        using var server = new StandInServer(count);
        server.Start();
        Console.WriteLine(server.AuthUrl);
        Console.Out.Flush();
        while (Console.In.ReadLine() != null)
        {
            // Serves until the benchmark closes our standard input.
        }

        return 0;
    }
}
