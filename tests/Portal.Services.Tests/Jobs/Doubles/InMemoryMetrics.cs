using System.Collections.Concurrent;
using Lakeport.Services.Common;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Security;

namespace Lakeport.Services.Tests.Jobs.Doubles;

/// <summary>Metrics kept in memory for the job tests: what was put, in order.</summary>
public sealed class InMemoryMetrics : IMetrics
{
    public ConcurrentQueue<MetricDatum> Data { get; } = new();

    public Task PutAsync(Caller caller, IReadOnlyList<MetricDatum> data, CancellationToken cancellationToken)
    {
        foreach (var datum in data)
        {
            Data.Enqueue(datum);
        }

        return Task.CompletedTask;
    }

    /// <summary>The value of one metric of one run (there is one data point per run).</summary>
    public double Of(string metricName, string runId) =>
        Data.Single(d => d.Metric.MetricName == metricName && d.Metric.Dimensions.Contains(new MetricDimension("JobRunId", runId))).Value;

    public Task<IReadOnlyList<MetricSeries>> GetDataAsync(Caller caller, IReadOnlyList<MetricQuery> queries, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by the job tests.");

    public Task<Page<MetricIdentity>> ListAsync(Caller caller, string? metricNamespace, string? metricName, IReadOnlyList<MetricDimension>? dimensions, PageRequest page, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by the job tests.");
}
