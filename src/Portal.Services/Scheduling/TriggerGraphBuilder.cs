using Lakeport.Services.Crawling;

namespace Lakeport.Services.Scheduling;

/// <summary>
/// The dependency graph (triggers → jobs/crawlers → conditional triggers) from trigger definitions and their states,
/// with each job's and crawler's status from its last run. Shared by both backends: only where the triggers come from differs.
/// </summary>
public static class TriggerGraphBuilder
{
    public static async Task<TriggerGraph> BuildAsync(IEnumerable<(TriggerDefinition Definition, TriggerState State)> triggers, TriggerReferences references,
        CancellationToken cancellationToken)
    {
        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        var edges = new List<GraphEdge>();
        foreach (var (definition, state) in triggers)
        {
            var id = $"trigger:{definition.Name}";
            nodes[id] = new GraphNode(id, "trigger", definition.Name, state.ToString(), false);
            foreach (var action in definition.Actions)
            {
                edges.Add(new GraphEdge(id, await NodeAsync(nodes, references, action.JobName, action.CrawlerName, cancellationToken), "starts"));
            }

            foreach (var condition in definition.Predicate?.Conditions ?? [])
            {
                var from = await NodeAsync(nodes, references, condition.JobName, condition.CrawlerName, cancellationToken);
                edges.Add(new GraphEdge(from, id, $"when {condition.State ?? condition.CrawlState}"));
            }
        }

        return new TriggerGraph(nodes.Values.OrderBy(n => n.Kind, StringComparer.Ordinal).ThenBy(n => n.Name, StringComparer.Ordinal).ToList(), edges);
    }

    /// <summary>The job or crawler's node, added with its live status the first time it is named.</summary>
    private static async Task<string> NodeAsync(Dictionary<string, GraphNode> nodes, TriggerReferences references, string? job, string? crawler,
        CancellationToken cancellationToken)
    {
        var id = job is not null ? $"job:{job}" : $"crawler:{crawler}";
        if (nodes.ContainsKey(id))
        {
            return id;
        }

        if (job is not null)
        {
            var found = await references.JobAsync(job, cancellationToken);
            var status = found?.LastRun is not { } run ? null : run.IsFinished ? run.State.ToString() : "RUNNING";
            nodes[id] = new GraphNode(id, "job", job, status, found is null);
        }
        else
        {
            var found = await references.CrawlerAsync(crawler!, cancellationToken);
            var status = found is null ? null
                : found.State is CrawlerStates.Running or CrawlerStates.Stopping ? CrawlerStates.Running
                : found.LastCrawl?.Status;
            nodes[id] = new GraphNode(id, "crawler", crawler!, status, found is null);
        }

        return id;
    }
}
