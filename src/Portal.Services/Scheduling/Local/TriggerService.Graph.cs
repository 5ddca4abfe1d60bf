using Lakeport.Services.Crawling;
using Lakeport.Services.Security;

namespace Lakeport.Services.Scheduling.Local;

public sealed partial class TriggerService
{
    public async Task<TriggerGraph> GetGraphAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.Require(TriggerRules.Read, "see the trigger graph");
        var references = new References(jobs, crawlers);
        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        var edges = new List<GraphEdge>();
        foreach (var trigger in await store.AllAsync(null, activeOnly: false, cancellationToken))
        {
            var id = $"trigger:{trigger.Name}";
            nodes[id] = new GraphNode(id, "trigger", trigger.Name, trigger.State.ToString(), false);
            foreach (var action in trigger.Definition.Actions)
            {
                edges.Add(new GraphEdge(id, await NodeAsync(nodes, references, action.JobName, action.CrawlerName, cancellationToken), "starts"));
            }

            foreach (var condition in trigger.Definition.Predicate?.Conditions ?? [])
            {
                var from = await NodeAsync(nodes, references, condition.JobName, condition.CrawlerName, cancellationToken);
                edges.Add(new GraphEdge(from, id, $"when {condition.State ?? condition.CrawlState}"));
            }
        }

        return new TriggerGraph(nodes.Values.OrderBy(n => n.Kind, StringComparer.Ordinal).ThenBy(n => n.Name, StringComparer.Ordinal).ToList(), edges);
    }

    /// <summary>The job or crawler's node, added with its live status the first time it is named.</summary>
    private static async Task<string> NodeAsync(Dictionary<string, GraphNode> nodes, References references, string? job, string? crawler, CancellationToken cancellationToken)
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
