using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;
using System.Threading;

namespace OpenStackVpn.ScaleBench;

/// <summary>The floor: what a raw HttpClient GET + System.Text.Json parse costs on the same server, with no module in between.</summary>
public static class Floor
{
    private static readonly HttpClient Client = new();

    /// <summary>Lists every connection, page by page (all at once without a page size); returns how many it counted.</summary>
    public static int List(Uri networkUrl, string token, int? pageSize)
    {
        var url = new Uri(networkUrl, "v2.0/vpn/ipsec-site-connections" + (pageSize is { } size ? "?limit=" + size : ""));
        var count = 0;
        while (url != null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("X-Auth-Token", token);
            using var response = Client.Send(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            using var body = response.Content.ReadAsStream();
            using var page = JsonDocument.Parse(body);
            var items = page.RootElement.GetProperty("ipsec_site_connections");
            count += items.GetArrayLength();
            url = null;
            if (page.RootElement.TryGetProperty("ipsec_site_connections_links", out var links))
            {
                foreach (var link in links.EnumerateArray())
                {
                    if (link.GetProperty("rel").GetString() == "next")
                    {
                        url = new Uri(link.GetProperty("href").GetString()!);
                    }
                }
            }
        }

        return count;
    }

    /// <summary>Shows one connection <paramref name="iterations"/> times; returns each call's milliseconds.</summary>
    public static double[] Show(Uri networkUrl, string token, string id, int iterations)
    {
        var url = new Uri(networkUrl, "v2.0/vpn/ipsec-site-connections/" + id);
        var times = new double[iterations];
        var clock = new Stopwatch();
        for (var i = 0; i < iterations; i++)
        {
            clock.Restart();
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("X-Auth-Token", token);
            using var response = Client.Send(request);
            response.EnsureSuccessStatusCode();
            using var body = response.Content.ReadAsStream();
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.GetProperty("ipsec_site_connection").GetProperty("id").GetString() != id)
            {
                throw new InvalidOperationException("The server answered another connection.");
            }

            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        return times;
    }
}

/// <summary>Samples this process's working set every few milliseconds, to find how much a run added at its peak.</summary>
public sealed class WorkingSetSampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peak;

    private WorkingSetSampler()
    {
        Baseline = Environment.WorkingSet;
        _peak = Baseline;
        _thread = new Thread(Run) { IsBackground = true };
        _thread.Start();
    }

    /// <summary>The working set when sampling started.</summary>
    public long Baseline { get; }

    /// <summary>The highest working set seen so far.</summary>
    public long Peak => Interlocked.Read(ref _peak);

    /// <summary>Peak minus baseline, in MB.</summary>
    public double GrowthMB => (Peak - Baseline) / 1048576.0;

    /// <summary>Collects garbage first, then starts sampling.</summary>
    public static WorkingSetSampler Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new WorkingSetSampler();
    }

    /// <summary>Stops sampling.</summary>
    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Run()
    {
        while (!_stop)
        {
            var now = Environment.WorkingSet;
            if (now > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, now);
            }

            Thread.Sleep(5);
        }
    }
}
