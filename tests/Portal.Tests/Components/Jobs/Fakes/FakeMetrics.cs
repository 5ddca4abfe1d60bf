using Lakeport.Services.Common;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.Components.Jobs.Fakes;

/// <summary>In-memory metrics: a query matches data of the same namespace, name and dimensions in [start, end), summed or averaged per period.</summary>
public sealed class FakeMetrics : IMetrics
{
    private readonly Lock _lock = new();
    private readonly List<MetricDatum> _data = [];

    public Task PutAsync(Caller caller, IReadOnlyList<MetricDatum> data, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _data.AddRange(data);
        }

        return Task.CompletedTask;
    }

    private static bool SameIdentity(MetricIdentity a, MetricIdentity b) =>
        a.Namespace == b.Namespace && a.MetricName == b.MetricName
        && a.Dimensions.OrderBy(d => d.Name, StringComparer.Ordinal).SequenceEqual(b.Dimensions.OrderBy(d => d.Name, StringComparer.Ordinal));

    public Task<IReadOnlyList<MetricSeries>> GetDataAsync(Caller caller, IReadOnlyList<MetricQuery> queries, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var result = queries.Select(q =>
            {
                // Buckets aligned to the period from the epoch, newest first, as CloudWatch (and SqliteMetrics) return them.
                var periodMs = q.PeriodSeconds * 1000L;
                var buckets = _data.Where(d => SameIdentity(d.Metric, q.Metric) && d.Timestamp >= start && d.Timestamp < end)
                    .GroupBy(d => d.Timestamp.ToUnixTimeMilliseconds() / periodMs * periodMs)
                    .OrderByDescending(g => g.Key)
                    .ToList();
                return new MetricSeries(q.Id, q.Label ?? q.Metric.MetricName, buckets.Select(g => DateTimeOffset.FromUnixTimeMilliseconds(g.Key)).ToList(),
                    buckets.Select(g => q.Stat == "Average" ? g.Average(d => d.Value) : g.Sum(d => d.Value)).ToList(), "Complete");
            }).ToList();
            return Task.FromResult<IReadOnlyList<MetricSeries>>(result);
        }
    }

    public Task<Page<MetricIdentity>> ListAsync(Caller caller, string? metricNamespace, string? metricName, IReadOnlyList<MetricDimension>? dimensions, PageRequest page, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var identities = _data.Select(d => d.Metric)
                .Where(m => (metricNamespace is null || m.Namespace == metricNamespace) && (metricName is null || m.MetricName == metricName)
                    && (dimensions is null || dimensions.All(w => m.Dimensions.Any(d => d.Name == w.Name && (w.Value is null || d.Value == w.Value)))))
                .DistinctBy(m => (m.Namespace, m.MetricName, string.Join(',', m.Dimensions.Select(d => d.Name + "=" + d.Value))))
                .ToList();
            return Task.FromResult(new Page<MetricIdentity>(identities, null));
        }
    }
}
