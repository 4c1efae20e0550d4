using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OpenStackVpn.Core.Diagram;

namespace OpenStackVpn.Commands;

/// <summary>The drawing languages and picture formats of Export-VpnDiagram.</summary>
public enum DiagramFormat
{
    /// <summary>A Mermaid flowchart (Markdown on Git hosting and wikis).</summary>
    Mermaid,

    /// <summary>Graphviz's Dot language.</summary>
    Dot,

    /// <summary>An SVG picture, drawn by Graphviz's dot.</summary>
    Svg,

    /// <summary>A PNG picture, drawn by Graphviz's dot.</summary>
    Png,
}

/// <summary>
/// <para type="synopsis">Draws the VPN estate: routers, VPN services with their public addresses, connections coloured
/// by status, peers and the networks on both sides.</para>
/// <para type="description">One box per cloud (-Session, and every -PeerSession) and per router; each VPN service shows
/// its public address and status; each connection is a line to its peer, coloured by status (ACTIVE green, DOWN grey,
/// ERROR red, PENDING_* orange) and labelled with its name. When a peer address is a VPN service of a cloud in the
/// picture, the line goes to that service, so a site pair's two clouds meet in one picture. For large estates, -GroupBy
/// Peer draws the connections of a service to one peer as one line with their count and worst status, and -GroupBy
/// Status draws a service's ACTIVE connections to outside peers as one node with their count, and every other
/// connection on its own: what needs looking at stays visible. -Format Mermaid (the default) and Dot write text (to
/// -Path, or to the pipeline); Svg and Png need -Path and Graphviz's dot on PATH. The estate is read with one list per
/// resource, so thousands of connections take a few requests.</para>
/// </summary>
/// <example>
/// <code>$a = Connect-OpenStack -Embedded
/// Export-VpnDiagram -Session $a -Format Mermaid</code>
/// <para>Writes the embedded cloud's VPN estate as a Mermaid flowchart, for a Markdown page.</para>
/// </example>
/// <example>
/// <code>$a = Connect-OpenStack -Embedded; $b = Connect-OpenStack -Embedded
/// $null = New-IpsecSitePair -Name dr -Session $a -Router router1 -Subnet private-subnet `
///     -PeerSession $b -PeerRouter member-router -PeerSubnet member-subnet
/// Export-VpnDiagram -Session $a -PeerSession $b -Format Dot -Path ./estate.dot</code>
/// <para>Writes both clouds of a site pair in one Dot picture; with Graphviz, -Format Svg -Path ./estate.svg draws
/// it.</para>
/// </example>
[Cmdlet(VerbsData.Export, "VpnDiagram")]
[OutputType(typeof(string), typeof(FileInfo))]
public sealed class ExportVpnDiagramCommand : OpenStackCmdlet
{
    /// <summary><para type="description">Other clouds to draw in the same picture (e.g. the other end of a site
    /// pair).</para></summary>
    [Parameter]
    [ValidateNotNull]
    public OpenStackSession[] PeerSession { get; set; } = Array.Empty<OpenStackSession>();

    /// <summary><para type="description">Mermaid (default), Dot, Svg or Png.</para></summary>
    [Parameter(Position = 0)]
    public DiagramFormat Format { get; set; } = DiagramFormat.Mermaid;

    /// <summary><para type="description">The file to write; required for Svg and Png. Without it, Mermaid and Dot text
    /// goes to the pipeline.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary><para type="description">Router (default): every connection its own line. Peer: one line per service
    /// and peer, with the count and the worst status. Status: a service's ACTIVE connections to outside peers as one
    /// node; the rest each on its own.</para></summary>
    [Parameter]
    public DiagramGrouping GroupBy { get; set; } = DiagramGrouping.Router;

    /// <summary><para type="description">With Svg or Png: how long dot may take, in seconds (default
    /// 300).</para></summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int RenderTimeoutSec { get; set; } = 300;

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var picture = Format is DiagramFormat.Svg or DiagramFormat.Png;
        string? dot = null;
        if (picture && Path == null)
        {
            var error = OpenStackException.Argument(nameof(Path),
                $"-Format {Format} writes a picture file; give its path.");
            ThrowTerminatingError(ToErrorRecord(error));
        }

        if (picture && (dot = Graphviz.Find()) == null)
        {
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(Graphviz.Missing), "GraphvizMissing",
                ErrorCategory.NotInstalled, Format));
        }

        var sessions = new[] { RequireSession() }.Concat(PeerSession).Distinct().ToList();
        var sites = new List<EstateSite>();
        try
        {
            foreach (var session in sessions)
            {
                sites.Add(Await(cancel => EstateSite.ReadAsync(session, Log, cancel)));
            }
        }
        catch (OpenStackException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
        }

        var graph = VpnGraph.Build(sites, GroupBy);
        var text = Format == DiagramFormat.Mermaid ? MermaidWriter.Write(graph) : DotWriter.Write(graph);
        if (Path == null)
        {
            WriteObject(text);
            return;
        }

        var file = GetUnresolvedProviderPathFromPSPath(Path);
        if (picture)
        {
            var format = Format.ToString().ToLowerInvariant();
            Graphviz.Render(dot!, text, format, file, TimeSpan.FromSeconds(RenderTimeoutSec));
        }
        else
        {
            File.WriteAllText(file, text);
        }

        WriteObject(new FileInfo(file));
    }
}
