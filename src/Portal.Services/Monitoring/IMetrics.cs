using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Monitoring;

/// <summary>
/// Metrics in CloudWatch's shape, so one UI serves both backends: runs put their metrics here (Glue namespace, JobName /
/// JobRunId / Type dimensions); dashboards and /aws GetMetricData read them. Writing needs the Analyst role
/// (runs write as <see cref="Caller.System"/>); every role reads.
/// </summary>
public interface IMetrics
{
    Task PutAsync(Caller caller, IReadOnlyList<MetricDatum> data, CancellationToken cancellationToken);

    /// <summary>Each query aggregated by its period and stat over [start, end).</summary>
    Task<IReadOnlyList<MetricSeries>> GetDataAsync(Caller caller, IReadOnlyList<MetricQuery> queries, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken);

    /// <summary>Metrics that have data, filtered by namespace, name and dimensions (each given dimension must match; a null value matches any).</summary>
    Task<Page<MetricIdentity>> ListAsync(Caller caller, string? metricNamespace, string? metricName, IReadOnlyList<MetricDimension>? dimensions, PageRequest page, CancellationToken cancellationToken);
}
