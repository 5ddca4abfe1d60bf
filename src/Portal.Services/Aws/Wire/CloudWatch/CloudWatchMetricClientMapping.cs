using Lakeport.Services.Monitoring;

namespace Lakeport.Services.Aws.Wire.CloudWatch;

/// <summary>The client side of <see cref="CloudWatchMetricMapping"/>: what the Aws backend sends to CloudWatch and reads back as the metrics model.</summary>
public static class CloudWatchMetricClientMapping
{
    public static CloudWatchMetricDatum ToWire(this MetricDatum datum) => new()
    {
        MetricName = datum.Metric.MetricName,
        Dimensions = datum.Metric.Dimensions.Select(d => new CloudWatchDimension { Name = d.Name, Value = d.Value }).ToList(),
        Timestamp = datum.Timestamp,
        Value = datum.Value,
        Unit = datum.Unit,
    };

    public static CloudWatchMetricDataQuery ToWire(this MetricQuery query) => new()
    {
        Id = query.Id,
        Label = query.Label,
        MetricStat = new CloudWatchMetricStat { Metric = query.Metric.ToWire(), Period = query.PeriodSeconds, Stat = query.Stat, Unit = query.Unit },
    };

    /// <summary>ListMetrics' filters: a dimension without a value matches any value of it.</summary>
    public static List<CloudWatchDimensionFilter>? ToWireFilters(this IReadOnlyList<MetricDimension>? dimensions) =>
        dimensions is not { Count: > 0 } ? null : dimensions.Select(d => new CloudWatchDimensionFilter { Name = d.Name, Value = d.Value }).ToList();

    /// <summary>
    /// A query's series from the results of every page: GetMetricData hands out a series' points over as many pages as
    /// it takes, so they are appended in page order; the last page's status is the series' status. A query CloudWatch
    /// answered nothing for has no points (CloudWatch labels it with the metric's name, as here).
    /// </summary>
    public static IReadOnlyList<MetricSeries> ToDomain(IReadOnlyList<MetricQuery> queries, IEnumerable<CloudWatchMetricDataResult> pages)
    {
        var byId = new Dictionary<string, (string? Label, List<DateTimeOffset> Timestamps, List<double> Values, string Status)>(StringComparer.Ordinal);
        foreach (var result in pages)
        {
            var id = result.Id ?? "";
            if (!byId.TryGetValue(id, out var series))
            {
                series = (result.Label, [], [], CloudWatchMetricMapping.Complete);
            }

            series.Timestamps.AddRange(result.Timestamps ?? []);
            series.Values.AddRange(result.Values ?? []);
            byId[id] = series with { Status = result.StatusCode ?? series.Status };
        }

        return queries.Select(q => byId.TryGetValue(q.Id, out var s)
                ? new MetricSeries(q.Id, q.Label ?? s.Label ?? q.Metric.MetricName, s.Timestamps, s.Values, s.Status)
                : new MetricSeries(q.Id, q.Label ?? q.Metric.MetricName, [], [], CloudWatchMetricMapping.Complete))
            .ToList();
    }
}
