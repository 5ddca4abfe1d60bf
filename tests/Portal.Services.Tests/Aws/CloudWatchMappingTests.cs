using System.Text.Json;
using Lakeport.Services.Aws.Wire;
using Lakeport.Services.Aws.Wire.CloudWatch;
using Lakeport.Services.Common;
using Lakeport.Services.Monitoring;

namespace Lakeport.Services.Tests.Aws;

public sealed class CloudWatchMappingTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_040);

    private static MetricSeries Series(string id, int points, string status = "Complete") => new(
        id, id, Enumerable.Range(0, points).Select(i => T0.AddMinutes(-i)).ToList(), Enumerable.Range(0, points).Select(i => (double)i).ToList(), status);

    [Fact]
    public void MetricStatQuery_FromTheJsonWire_MapsToAMetricQuery()
    {
        const string json = """
            {"MetricDataQueries":[{"Id":"records","MetricStat":{"Metric":{"Namespace":"Glue","MetricName":"glue.driver.aggregate.recordsRead",
             "Dimensions":[{"Name":"JobName","Value":"orders"},{"Name":"Type","Value":"count"}]},"Period":300,"Stat":"Sum","Unit":"Count"},"Label":"rows"}],
             "StartTime":1700000000,"EndTime":1700003600.5}
            """;

        var input = JsonSerializer.Deserialize<GetMetricDataInput>(json, AwsJson.Options)!;
        var query = input.MetricDataQueries![0].ToDomain();

        Assert.Equal(("records", "Glue", "glue.driver.aggregate.recordsRead", 300, "Sum", "rows", "Count"),
            (query.Id, query.Metric.Namespace, query.Metric.MetricName, query.PeriodSeconds, query.Stat, query.Label, query.Unit));
        Assert.Equal([("JobName", "orders"), ("Type", "count")], query.Metric.Dimensions.Select(d => (d.Name, d.Value)));
        Assert.Equal(1_700_003_600_500, input.EndTime!.Value.ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("""{"Id":"e1","Expression":"SUM(METRICS())"}""", "metric math")]
    [InlineData("""{"Id":"m1"}""", "MetricStat")]
    [InlineData("""{"Id":"m1","MetricStat":{"Metric":{"Namespace":"Glue","MetricName":"x"},"Period":60,"Stat":"Sum","Unit":"Furlongs"}}""", "Furlongs")]
    [InlineData("""{"Id":"m1","AccountId":"123456789012","MetricStat":{"Metric":{"Namespace":"Glue","MetricName":"x"},"Period":60,"Stat":"Sum"}}""", "cross-account")]
    public void QueriesLakeportCannotAnswer_AreRefusedSayingWhy(string json, string reason)
    {
        var query = JsonSerializer.Deserialize<CloudWatchMetricDataQuery>(json, AwsJson.Options)!;

        var error = Assert.Throws<InvalidInputException>(() => query.ToDomain());

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_OnTheWire_HaveEpochSecondTimestampsAndTheirValues()
    {
        var (results, next) = CloudWatchMetricMapping.ToWirePage([Series("m1", 2)], ascending: false, offset: 0, maxDatapoints: 100);

        Assert.Null(next);
        Assert.Equal("""{"Id":"m1","Label":"m1","Timestamps":[1700000040,1699999980],"Values":[0,1],"StatusCode":"Complete"}""",
            JsonSerializer.Serialize(Assert.Single(results), AwsJson.Options));
    }

    [Fact]
    public void ScanByAscending_ReturnsOldestFirst()
    {
        var (results, _) = CloudWatchMetricMapping.ToWirePage([Series("m1", 3)], ascending: true, offset: 0, maxDatapoints: 100);

        Assert.Equal([2.0, 1, 0], results[0].Values);
        Assert.Equal([T0.AddMinutes(-2), T0.AddMinutes(-1), T0], results[0].Timestamps);
    }

    [Fact]
    public void MaxDatapoints_PagesThroughThePointsOfAllQueries_MarkingCutSeriesPartial()
    {
        IReadOnlyList<MetricSeries> series = [Series("a", 3), Series("empty", 0), Series("b", 2)];

        var (first, token) = CloudWatchMetricMapping.ToWirePage(series, false, 0, 2);
        var (second, token2) = CloudWatchMetricMapping.ToWirePage(series, false, CloudWatchMetricMapping.DecodeToken(token)!.Value, 2);
        var (third, token3) = CloudWatchMetricMapping.ToWirePage(series, false, CloudWatchMetricMapping.DecodeToken(token2)!.Value, 2);

        Assert.Equal([("a", 2, "PartialData"), ("empty", 0, "Complete")], first.Select(r => (r.Id!, r.Values!.Count, r.StatusCode!)));
        Assert.Equal([("a", 1, "Complete"), ("b", 1, "PartialData")], second.Select(r => (r.Id!, r.Values!.Count, r.StatusCode!)));
        Assert.Equal([2.0], second[0].Values);
        Assert.Equal([("b", 1, "Complete")], third.Select(r => (r.Id!, r.Values!.Count, r.StatusCode!)));
        Assert.Equal([1.0], third[0].Values);
        Assert.NotNull(token2);
        Assert.Null(token3);
    }

    [Fact]
    public void SeriesTheStoreCut_StaysPartialData()
    {
        var (results, _) = CloudWatchMetricMapping.ToWirePage([Series("m1", 2, "PartialData")], false, 0, 100);

        Assert.Equal("PartialData", results[0].StatusCode);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("gmd:42", 42)]
    [InlineData("gmd:-1", null)]
    [InlineData("bm90IG91cnM=", null)]
    public void Tokens_AreOnlyTheOnesGetMetricDataIssued(string? token, int? offset) =>
        Assert.Equal(offset, CloudWatchMetricMapping.DecodeToken(token));

    [Fact]
    public void DimensionFilters_WithoutAValue_MatchAnyValue()
    {
        var filters = new List<CloudWatchDimensionFilter> { new() { Name = "JobName", Value = "orders" }, new() { Name = "JobRunId" } };

        var dimensions = filters.ToDomain();

        Assert.Equal([("JobName", (string?)"orders"), ("JobRunId", null)], dimensions.Select(d => (d.Name, (string?)d.Value)));
        Assert.Empty(((List<CloudWatchDimensionFilter>?)null).ToDomain());
    }
}
