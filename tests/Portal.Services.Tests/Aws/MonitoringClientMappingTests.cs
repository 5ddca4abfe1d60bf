using Lakeport.Services.Aws.Wire.CloudWatch;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Monitoring.Aws;

namespace Lakeport.Services.Tests.Aws;

/// <summary>The Aws backend's side of the monitoring wire: GetMetricData pages back into series, and PutLogEvents batches.</summary>
public sealed class MonitoringClientMappingTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_040);

    [Fact]
    public void MetricDataPages_AppendEachSeriesPoints_InPageOrder_WithTheLastPagesStatus()
    {
        var metric = new MetricIdentity("Glue", "glue.driver.aggregate.recordsRead", []);
        MetricQuery[] queries = [new("a", metric, 60, "Sum", "rows"), new("b", metric, 60, "Sum"), new("c", metric, 60, "Sum")];
        CloudWatchMetricDataResult[] pages =
        [
            new() { Id = "a", Label = "rows", Timestamps = [T0, T0.AddMinutes(-1)], Values = [3, 2], StatusCode = "PartialData" },
            new() { Id = "b", Label = "glue.driver.aggregate.recordsRead", Timestamps = [], Values = [], StatusCode = "Complete" },
            new() { Id = "a", Label = "rows", Timestamps = [T0.AddMinutes(-2)], Values = [1], StatusCode = "Complete" },
        ];

        var series = CloudWatchMetricClientMapping.ToDomain(queries, pages);

        Assert.Equal(["a", "b", "c"], series.Select(s => s.Id));
        Assert.Equal([3.0, 2, 1], series[0].Values);
        Assert.Equal([T0, T0.AddMinutes(-1), T0.AddMinutes(-2)], series[0].Timestamps);
        Assert.Equal(["Complete", "Complete", "Complete"], series.Select(s => s.StatusCode));
        Assert.Equal(["rows", "glue.driver.aggregate.recordsRead", "glue.driver.aggregate.recordsRead"], series.Select(s => s.Label));
        Assert.Empty(series[2].Values);
    }

    [Fact]
    public void MetricQuery_ToTheWire_IsAMetricStat()
    {
        var wire = new MetricQuery("r0", new MetricIdentity("Glue", "x", [new MetricDimension("JobName", "orders")]), 300, "Average", "avg", "Count").ToWire();

        Assert.Equal(("r0", "avg", 300, "Average", "Count", "Glue", "x"),
            (wire.Id, wire.Label, wire.MetricStat!.Period, wire.MetricStat.Stat, wire.MetricStat.Unit, wire.MetricStat.Metric!.Namespace, wire.MetricStat.Metric.MetricName));
        Assert.Equal([("JobName", "orders")], wire.MetricStat.Metric.Dimensions!.Select(d => (d.Name, d.Value)));
        Assert.Null(wire.Expression);
    }

    [Fact]
    public void LogBatches_AreSortedByTime_AndCutAtTenThousandEvents()
    {
        var events = Enumerable.Range(0, 10_001).Select(i => new InputLogEvent(20_000 - i, $"line {i}")).ToList();

        var batches = CloudWatchLogs.Batches(events).ToList();

        Assert.Equal([10_000, 1], batches.Select(b => b.Count));
        Assert.Equal(events.Select(e => e.Timestamp).Order(), batches.SelectMany(b => b).Select(e => e.Timestamp));
    }

    [Fact]
    public void LogBatches_AreCutAtOneMegabyte_AndAtTwentyFourHours()
    {
        var big = new string('x', 400_000);
        InputLogEvent[] bySize = [new(1, big), new(2, big), new(3, big)];
        InputLogEvent[] bySpan = [new(0, "a"), new((long)TimeSpan.FromHours(24).TotalMilliseconds, "b"), new((long)TimeSpan.FromHours(24).TotalMilliseconds + 1, "c")];

        Assert.Equal([2, 1], CloudWatchLogs.Batches(bySize).Select(b => b.Count));
        Assert.Equal([2, 1], CloudWatchLogs.Batches(bySpan).Select(b => b.Count));
    }
}
