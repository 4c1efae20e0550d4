using System.Linq;
using System.Text;

namespace OpenStackVpn.Core.Diagram;

/// <summary>The picture in Graphviz's language: clusters for clouds and routers, ids of the objects on nodes and
/// edges.</summary>
public static class DotWriter
{
    /// <summary>The Dot text of <paramref name="graph"/>.</summary>
    public static string Write(VpnGraph graph)
    {
        var text = new StringBuilder();
        text.Append("digraph vpn {\n");
        text.Append("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, label=\"VPN estate\", labelloc=t, ")
            .Append("nodesep=0.15];\n");
        text.Append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", ")
            .Append("fontsize=10];\n");
        text.Append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        var nodes = graph.Nodes.ToDictionary(n => n.Key);
        var boxed = Boxed(graph);
        foreach (var cloud in graph.Clusters)
        {
            text.Append($"  subgraph cluster_{cloud.Key} {{\n")
                .Append($"    label={Quote(cloud.Label)}; style=rounded; color=\"#90a4ae\";\n");
            foreach (var router in cloud.Children)
            {
                text.Append($"    subgraph cluster_{router.Key} {{\n")
                    .Append($"      label={Quote(router.Label)}; style=\"rounded,dashed\";\n");
                foreach (var key in router.Nodes)
                {
                    text.Append("      ").Append(Node(nodes[key])).Append('\n');
                }

                text.Append("    }\n");
            }

            text.Append("  }\n");
        }

        foreach (var node in graph.Nodes.Where(n => !boxed.Contains(n.Key)))
        {
            text.Append("  ").Append(Node(node)).Append('\n');
        }

        foreach (var edge in graph.Edges)
        {
            text.Append($"  {edge.From} -> {edge.To} ").Append(Edge(edge)).Append('\n');
        }

        text.Append("  subgraph cluster_legend {\n    label=\"status\"; style=rounded; color=\"#cfd8dc\";\n");
        foreach (var (status, colour) in VpnGraph.Legend)
        {
            var key = "legend_" + status.Replace("*", "X");
            text.Append($"    {key} [label={Quote(status)}, color=\"{colour}\", fontcolor=\"{colour}\"];\n");
        }

        text.Append("  }\n}\n");
        return text.ToString();
    }

    private static string Node(DiagramNode node)
    {
        var id = node.ObjectId == null ? "" : $"id={Quote(node.ObjectId)}, ";
        var label = Quote(string.Join("\n", node.Lines));
        return node.Kind switch
        {
            DiagramNodeKind.Service =>
                $"{node.Key} [{id}label={label}, color=\"{VpnGraph.Colour(node.Status)}\", penwidth=2];",
            DiagramNodeKind.Network => $"{node.Key} [label={label}, shape=note, fillcolor=\"#eceff1\"];",
            _ => $"{node.Key} [label={label}, shape=ellipse, fillcolor=\"#fffde7\"];",
        };
    }

    private static string Edge(DiagramEdge edge)
    {
        if (!edge.IsConnection)
        {
            return "[arrowhead=none, style=dashed, color=\"#90a4ae\"];";
        }

        var colour = VpnGraph.Colour(edge.Status);
        var id = edge.ObjectId == null ? "" : $"id={Quote(edge.ObjectId)}, ";
        var label = Quote($"{edge.Label}\n{edge.Status}");
        return $"[{id}label={label}, color=\"{colour}\", fontcolor=\"{colour}\", penwidth=2];";
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";

    /// <summary>The nodes inside a router's box.</summary>
    internal static System.Collections.Generic.HashSet<string> Boxed(VpnGraph graph) =>
        new(graph.Clusters.SelectMany(c => c.Children).SelectMany(r => r.Nodes));
}

/// <summary>
/// The picture as a Mermaid flowchart, which Git hosting and wikis render in Markdown: subgraphs for clouds and
/// routers, a class per status for services, a link style per connection.
/// </summary>
public static class MermaidWriter
{
    /// <summary>The Mermaid text of <paramref name="graph"/>.</summary>
    public static string Write(VpnGraph graph)
    {
        var text = new StringBuilder("flowchart LR\n");
        var nodes = graph.Nodes.ToDictionary(n => n.Key);
        var boxed = DotWriter.Boxed(graph);
        foreach (var cloud in graph.Clusters)
        {
            text.Append($"  subgraph {cloud.Key}[{Quote(cloud.Label)}]\n");
            foreach (var router in cloud.Children)
            {
                text.Append($"    subgraph {router.Key}[{Quote(router.Label)}]\n");
                foreach (var key in router.Nodes)
                {
                    text.Append("      ").Append(Node(nodes[key])).Append('\n');
                }

                text.Append("    end\n");
            }

            text.Append("  end\n");
        }

        foreach (var node in graph.Nodes.Where(n => !boxed.Contains(n.Key)))
        {
            text.Append("  ").Append(Node(node)).Append('\n');
        }

        var styles = new StringBuilder();
        for (var i = 0; i < graph.Edges.Count; i++)
        {
            var edge = graph.Edges[i];
            if (edge.IsConnection)
            {
                text.Append($"  {edge.From} -->|{Quote($"{edge.Label} {edge.Status}")}| {edge.To}\n");
                styles.Append($"  linkStyle {i} stroke:{VpnGraph.Colour(edge.Status)},stroke-width:2px\n");
            }
            else
            {
                text.Append($"  {edge.From} -.- {edge.To}\n");
            }
        }

        text.Append(styles);
        foreach (var (status, colour) in VpnGraph.Legend)
        {
            text.Append($"  classDef {Class(status)} stroke:{colour},stroke-width:2px,color:{colour}\n");
        }

        return text.ToString();
    }

    private static string Node(DiagramNode node)
    {
        var label = Quote(string.Join("<br/>", node.Lines));
        return node.Kind switch
        {
            DiagramNodeKind.Service => $"{node.Key}({label}):::{Class(node.Status)}",
            DiagramNodeKind.Network => $"{node.Key}[/{label}/]",
            _ => $"{node.Key}(({label}))",
        };
    }

    // The class of a status: active, down, error, pending or other.
    private static string Class(string? status) => status switch
    {
        "ACTIVE" => "active",
        "DOWN" => "down",
        "ERROR" => "error",
        "PENDING_*" or "BUILD" => "pending",
        _ when status?.StartsWith("PENDING_", System.StringComparison.Ordinal) == true => "pending",
        _ => "other",
    };

    private static string Quote(string text) => "\"" + text.Replace("\"", "#quot;") + "\"";
}
