using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.CloudWatch;
using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Monitoring.Aws;

/// <summary>
/// Metrics in CloudWatch itself: the same checks as the Local store before anything is sent, so a bad datum is refused
/// the same way on both backends; CloudWatch aggregates and pages.
/// </summary>
public sealed class CloudWatchMetrics(CloudWatchClient cloudWatch) : IMetrics
{
    public async Task PutAsync(Caller caller, IReadOnlyList<MetricDatum> data, CancellationToken cancellationToken)
    {
        caller.Require(MetricRules.Write, "put metrics");
        MetricRules.ValidatePut(data);

        // A PutMetricData call has one namespace; the model's batch limit is CloudWatch's, so each namespace is one call.
        foreach (var batch in data.GroupBy(d => d.Metric.Namespace, StringComparer.Ordinal))
        {
            await cloudWatch.SendAsync<PutMetricDataInput, object>("PutMetricData",
                new PutMetricDataInput { Namespace = batch.Key, MetricData = batch.Select(d => d.ToWire()).ToList() }, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<MetricSeries>> GetDataAsync(Caller caller, IReadOnlyList<MetricQuery> queries, DateTimeOffset start, DateTimeOffset end,
        CancellationToken cancellationToken)
    {
        caller.Require(MetricRules.Read, "read metrics");
        MetricRules.ValidateQueries(queries, start, end);
        var wireQueries = queries.Select(q => q.ToWire()).ToList();
        var results = new List<CloudWatchMetricDataResult>();
        var points = 0;
        string? token = null;
        // One call reads at most what the Local store reads; a series cut there keeps CloudWatch's PartialData status.
        do
        {
            var page = await cloudWatch.SendAsync<GetMetricDataInput, GetMetricDataOutput>("GetMetricData", new GetMetricDataInput
            {
                MetricDataQueries = wireQueries,
                StartTime = start,
                EndTime = end,
                ScanBy = CloudWatchMetricMapping.ScanDescending,
                NextToken = token,
            }, cancellationToken);
            results.AddRange(page.MetricDataResults ?? []);
            points += page.MetricDataResults?.Sum(r => r.Values?.Count ?? 0) ?? 0;
            token = page.NextToken;
        }
        while (token is not null && points < MetricRules.MaxPointsPerCall);

        return CloudWatchMetricClientMapping.ToDomain(queries, results);
    }

    /// <summary>ListMetrics has no page size: a page is CloudWatch's (up to 500), whatever <see cref="PageRequest.MaxResults"/> asks.</summary>
    public async Task<Page<MetricIdentity>> ListAsync(Caller caller, string? metricNamespace, string? metricName, IReadOnlyList<MetricDimension>? dimensions,
        PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(MetricRules.Read, "read metrics");
        var listed = await cloudWatch.SendAsync<ListMetricsInput, ListMetricsOutput>("ListMetrics", new ListMetricsInput
        {
            Namespace = NullIfEmpty(metricNamespace),
            MetricName = NullIfEmpty(metricName),
            Dimensions = dimensions.ToWireFilters(),
            NextToken = NullIfEmpty(page.NextToken),
        }, cancellationToken);
        // CloudWatch lists each metric once; moto lists one per data point, so a page keeps each identity once.
        var items = (listed.Metrics ?? []).Select(m => MetricRules.Canonical(m.ToDomain()))
            .DistinctBy(m => (m.Namespace, m.MetricName, MetricRules.CanonicalDimensions(m.Dimensions)))
            .ToList();
        return new Page<MetricIdentity>(items, NullIfEmpty(listed.NextToken));
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
