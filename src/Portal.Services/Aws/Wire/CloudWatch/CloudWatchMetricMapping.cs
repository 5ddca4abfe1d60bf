using System.Globalization;
using Lakeport.Services.Common;
using Lakeport.Services.Monitoring;

namespace Lakeport.Services.Aws.Wire.CloudWatch;

/// <summary>
/// CloudWatch's GetMetricData / ListMetrics shapes ↔ the metrics model. Metric math is not available: a query is a
/// <c>MetricStat</c> or it is refused. GetMetricData pages by data points (<c>MaxDatapoints</c>), counting through the
/// returned queries' points in order; the token is the number of points already handed out.
/// </summary>
public static class CloudWatchMetricMapping
{
    public const string ScanDescending = "TimestampDescending";
    public const string ScanAscending = "TimestampAscending";
    public const string Complete = "Complete";
    public const string PartialData = "PartialData";

    private const string TokenPrefix = "gmd:";

    public static MetricQuery ToDomain(this CloudWatchMetricDataQuery query)
    {
        if (!string.IsNullOrEmpty(query.Expression))
        {
            throw new InvalidInputException($"Query {query.Id}: metric math expressions are not supported by Lakeport; give a MetricStat (Metric, Period, Stat) instead.");
        }

        if (!string.IsNullOrEmpty(query.AccountId))
        {
            throw new InvalidInputException($"Query {query.Id}: cross-account queries are not supported by Lakeport; leave AccountId out.");
        }

        var stat = query.MetricStat ?? throw new InvalidInputException($"Query {query.Id} needs a MetricStat (Lakeport has no metric math).");
        var metric = stat.Metric ?? throw new InvalidInputException($"Query {query.Id}: MetricStat needs a Metric.");
        if (stat.Unit is not null && !MetricRules.Units.Contains(stat.Unit))
        {
            throw new InvalidInputException($"Query {query.Id}: unit '{stat.Unit}' is not a CloudWatch unit.");
        }

        return new MetricQuery(query.Id ?? "", metric.ToDomain(), stat.Period ?? 0, stat.Stat ?? "", query.Label, stat.Unit);
    }

    public static MetricIdentity ToDomain(this CloudWatchMetric metric) => new(
        metric.Namespace ?? "", metric.MetricName ?? "", (metric.Dimensions ?? []).Select(d => new MetricDimension(d.Name ?? "", d.Value ?? "")).ToList());

    /// <summary>ListMetrics' filters: a filter without a value matches any value of that dimension.</summary>
    public static IReadOnlyList<MetricDimension> ToDomain(this List<CloudWatchDimensionFilter>? filters) =>
        (filters ?? []).Select(f => new MetricDimension(
            f.Name ?? throw new InvalidInputException("A dimension filter needs a Name."), f.Value!)).ToList();

    public static CloudWatchMetric ToWire(this MetricIdentity metric) => new()
    {
        Namespace = metric.Namespace,
        MetricName = metric.MetricName,
        Dimensions = metric.Dimensions.Select(d => new CloudWatchDimension { Name = d.Name, Value = d.Value }).ToList(),
    };

    /// <summary>
    /// One page of results: the points after <paramref name="offset"/>, at most <paramref name="maxDatapoints"/>, in
    /// query order. A series cut by the page is PartialData; series without points come on the first page.
    /// </summary>
    public static (List<CloudWatchMetricDataResult> Results, string? NextToken) ToWirePage(
        IReadOnlyList<MetricSeries> series, bool ascending, int offset, int maxDatapoints)
    {
        var results = new List<CloudWatchMetricDataResult>();
        var position = 0;
        var end = (long)offset + maxDatapoints;
        foreach (var s in series)
        {
            var count = s.Timestamps.Count;
            var first = position;
            position += count;
            if (count == 0)
            {
                if (offset == 0)
                {
                    results.Add(Result(s, [], [], s.StatusCode));
                }

                continue;
            }

            var from = Math.Max(first, offset);
            var to = (int)Math.Min(position, end);
            if (from >= to)
            {
                continue;
            }

            var order = Enumerable.Range(0, count);
            var indices = (ascending ? order.Reverse() : order).Skip(from - first).Take(to - from).ToList();
            results.Add(Result(s, indices.Select(i => s.Timestamps[i]).ToList(), indices.Select(i => s.Values[i]).ToList(),
                to < position ? PartialData : s.StatusCode));
        }

        return (results, end < position ? TokenPrefix + end.ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>The points already handed out, or null when the token is not one GetMetricData issued.</summary>
    public static int? DecodeToken(string? token) =>
        token is null ? 0
        : token.StartsWith(TokenPrefix, StringComparison.Ordinal)
          && int.TryParse(token.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset
        : null;

    private static CloudWatchMetricDataResult Result(MetricSeries series, List<DateTimeOffset> timestamps, List<double> values, string status) => new()
    {
        Id = series.Id,
        Label = series.Label,
        Timestamps = timestamps,
        Values = values,
        StatusCode = status,
    };
}
