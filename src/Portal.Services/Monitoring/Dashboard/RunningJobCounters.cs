using Lakeport.Services.Jobs;
using Lakeport.Services.Security;

namespace Lakeport.Services.Monitoring.Dashboard;

/// <summary>A job run going now, before its counters are looked up.</summary>
public sealed record ActiveJobRun(string JobName, string RunId, string State, DateTimeOffset StartedOn);

/// <summary>
/// The records each running job run has read so far, from its Glue metrics: the same lookup on both backends, as both
/// put a run's counters into <see cref="IMetrics"/> (the state database or CloudWatch).
/// </summary>
public static class RunningJobCounters
{
    public static async Task<IReadOnlyList<RunningJob>> ReadAsync(IMetrics metrics, Caller caller, IReadOnlyList<ActiveJobRun> runs, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (runs.Count == 0)
        {
            return [];
        }

        // A run reports its counters as it goes or at its end; until then there is nothing to show.
        var start = runs.Min(r => r.StartedOn).AddMinutes(-1);
        var recordsRead = new double?[runs.Count];
        foreach (var chunk in Enumerable.Range(0, runs.Count).Chunk(MetricRules.MaxQueries))
        {
            var queries = chunk.Select(i => new MetricQuery($"r{i}", GlueMetricNames.RunCounter(GlueMetricNames.RecordsRead, runs[i].JobName, runs[i].RunId), 60, "Sum")).ToList();
            var series = await metrics.GetDataAsync(caller, queries, start, now.AddMinutes(1), cancellationToken);
            foreach (var (i, query) in chunk.Zip(queries))
            {
                recordsRead[i] = series.FirstOrDefault(s => s.Id == query.Id) is { Values.Count: > 0 } s ? s.Values.Sum() : null;
            }
        }

        return runs.Select((r, i) => new RunningJob(r.JobName, r.RunId, r.State, r.StartedOn, recordsRead[i])).ToList();
    }
}
