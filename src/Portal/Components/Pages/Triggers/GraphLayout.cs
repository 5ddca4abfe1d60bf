using Lakeport.Services.Scheduling;

namespace Lakeport.Portal.Components.Pages.Triggers;

/// <summary>A node placed on the canvas.</summary>
public sealed record PlacedNode(GraphNode Node, int Layer, double X, double Y);

/// <summary>An edge between placed nodes, from the right side of one to the left side of the other.</summary>
public sealed record PlacedEdge(GraphEdge Edge, double X1, double Y1, double X2, double Y2)
{
    public string Path => $"M {F(X1)} {F(Y1)} C {F((X1 + X2) / 2)} {F(Y1)}, {F((X1 + X2) / 2)} {F(Y2)}, {F(X2)} {F(Y2)}";

    private static string F(double v) => v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Lays the dependency graph out in layers, left to right: nodes nothing points at (scheduled, on-demand, event triggers)
/// first, then each node one layer right of its furthest predecessor, so jobs and crawlers follow their triggers and
/// conditional triggers follow the runs they wait for.
/// </summary>
public sealed record GraphLayout(IReadOnlyList<PlacedNode> Nodes, IReadOnlyList<PlacedEdge> Edges, double Width, double Height)
{
    public const double NodeWidth = 180;
    public const double NodeHeight = 46;
    private const double LayerGap = 90;
    private const double RowGap = 24;
    private const double Margin = 16;

    public static GraphLayout Of(TriggerGraph graph)
    {
        var ids = graph.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var edges = graph.Edges.Where(e => ids.Contains(e.From) && ids.Contains(e.To) && e.From != e.To).ToList();
        var layer = graph.Nodes.ToDictionary(n => n.Id, _ => 0, StringComparer.Ordinal);
        // Longest path by relaxation; at most one pass per node, so a cycle (which the service refuses) cannot loop forever.
        for (var pass = 0; pass < graph.Nodes.Count; pass++)
        {
            var changed = false;
            foreach (var edge in edges.Where(e => layer[e.To] < layer[e.From] + 1))
            {
                layer[edge.To] = layer[edge.From] + 1;
                changed = true;
            }

            if (!changed)
            {
                break;
            }
        }

        var placed = new Dictionary<string, PlacedNode>(StringComparer.Ordinal);
        foreach (var group in graph.Nodes.GroupBy(n => layer[n.Id]).OrderBy(g => g.Key))
        {
            var row = 0;
            foreach (var node in group.OrderBy(n => n.Kind, StringComparer.Ordinal).ThenBy(n => n.Name, StringComparer.Ordinal))
            {
                placed[node.Id] = new PlacedNode(node, group.Key, Margin + group.Key * (NodeWidth + LayerGap), Margin + row++ * (NodeHeight + RowGap));
            }
        }

        var lines = edges.Select(e => (From: placed[e.From], To: placed[e.To], Edge: e))
            .Select(p => new PlacedEdge(p.Edge, p.From.X + NodeWidth, p.From.Y + NodeHeight / 2, p.To.X, p.To.Y + NodeHeight / 2))
            .ToList();
        var width = placed.Count == 0 ? 0 : placed.Values.Max(n => n.X) + NodeWidth + Margin;
        var height = placed.Count == 0 ? 0 : placed.Values.Max(n => n.Y) + NodeHeight + Margin;
        return new GraphLayout([.. placed.Values], lines, width, height);
    }
}
