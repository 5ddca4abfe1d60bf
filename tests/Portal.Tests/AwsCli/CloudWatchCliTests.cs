using System.Globalization;
using System.Text.Json;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>
/// The AWS CLI reads a finished job run's metrics from /aws with CloudWatch's GetMetricData and ListMetrics (AWS JSON
/// 1.0, which botocore picks for CloudWatch), as a Viewer, and gets CloudWatch's error codes for what it cannot answer.
/// </summary>
public sealed class CloudWatchCliTests(SharedPortal portal)
{
    private const string RecordsRead = "glue.driver.aggregate.recordsRead";

    /// <summary>An hour either side of now, in the ISO 8601 form the CLI takes.</summary>
    private static string[] Times() =>
        ["--start-time", $"{DateTimeOffset.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ssZ}", "--end-time", $"{DateTimeOffset.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}"];

    private static string RunQuery(string id, string job, string runId, string metric = RecordsRead, string extra = "") => JsonSerializer.Serialize(new[]
    {
        new
        {
            Id = id,
            MetricStat = new
            {
                Metric = new
                {
                    Namespace = "Glue",
                    MetricName = metric,
                    Dimensions = new[] { new { Name = "JobName", Value = job }, new { Name = "JobRunId", Value = runId }, new { Name = "Type", Value = "count" } },
                },
                Period = 60,
                Stat = "Sum" + extra,
            },
        },
    });

    [Fact]
    public async Task GetMetricData_ForAFinishedRun_ReturnsItsRecordsRead_AndListMetricsFindsItsCounters()
    {
        var admin = portal.AdminCli();
        var (job, runId, prefix) = await admin.RunSampleJobAsync(portal);
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);

        var data = await viewer.RunAsync(["cloudwatch", "get-metric-data", "--metric-data-queries", RunQuery("records", job, runId), .. Times()]);
        var all = await viewer.RunAsync("cloudwatch", "list-metrics", "--namespace", "Glue");
        var ofRun = await viewer.RunAsync("cloudwatch", "list-metrics", "--namespace", "Glue", "--dimensions", $"Name=JobRunId,Value={runId}");
        var named = await viewer.RunAsync("cloudwatch", "list-metrics", "--metric-name", RecordsRead, "--dimensions", $"Name=JobName,Value={job}", "Name=JobRunId");
        var source = await admin.RunAsync("athena", "get-query-results", "--query-execution-id",
            (await admin.RunQueryAsync($"SELECT count(*) FROM samples.\"{prefix}orders\"", "--work-group", "primary")).GetProperty("QueryExecutionId").GetString()!);

        Assert.True(data.ExitCode == 0, data.Stderr);
        var result = Assert.Single(data.Json().RootElement.GetProperty("MetricDataResults").EnumerateArray());
        Assert.Equal(("records", RecordsRead, "Complete"), (result.GetProperty("Id").GetString(), result.GetProperty("Label").GetString(), result.GetProperty("StatusCode").GetString()));
        var recordsRead = result.GetProperty("Values").EnumerateArray().Sum(v => v.GetDouble());
        Assert.Equal(double.Parse(source.Rows()[1][0]!, CultureInfo.InvariantCulture), recordsRead);
        Assert.True(recordsRead > 1000, $"recordsRead is {recordsRead}.");
        Assert.Equal(result.GetProperty("Values").GetArrayLength(), result.GetProperty("Timestamps").GetArrayLength());

        Assert.True(all.ExitCode == 0, all.Stderr);
        Assert.Contains(all.Json().RootElement.GetProperty("Metrics").EnumerateArray(), m => m.GetProperty("MetricName").GetString() == RecordsRead);
        var runMetrics = ofRun.Json().RootElement.GetProperty("Metrics").EnumerateArray().ToList();
        Assert.Contains(runMetrics, m => m.GetProperty("MetricName").GetString() == "glue.driver.aggregate.elapsedTime");
        Assert.All(runMetrics, m => Assert.Equal(["JobName", "JobRunId", "Type"], m.GetProperty("Dimensions").EnumerateArray().Select(d => d.GetProperty("Name").GetString())));
        Assert.Equal(runId, Assert.Single(named.Json().RootElement.GetProperty("Metrics").EnumerateArray())
            .GetProperty("Dimensions").EnumerateArray().Single(d => d.GetProperty("Name").GetString() == "JobRunId").GetProperty("Value").GetString());
    }

    [Fact]
    public async Task GetMetricData_RefusesExpressionsBadIdsAndBadPeriods_WithCloudWatchsErrorCodes()
    {
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);

        var expression = await viewer.RunAsync(["cloudwatch", "get-metric-data", "--metric-data-queries", """[{"Id":"e1","Expression":"SUM(METRICS())"}]""", .. Times()]);
        var upperId = await viewer.RunAsync(["cloudwatch", "get-metric-data", "--metric-data-queries", RunQuery("Records", "j", "jr_1"), .. Times()]);
        var period = await viewer.RunAsync(["cloudwatch", "get-metric-data", "--metric-data-queries",
            RunQuery("records", "j", "jr_1").Replace("\"Period\":60", "\"Period\":90", StringComparison.Ordinal), .. Times()]);
        var stat = await viewer.RunAsync(["cloudwatch", "get-metric-data", "--metric-data-queries", RunQuery("records", "j", "jr_1", extra: "mary"), .. Times()]);
        var token = await viewer.RunAsync(["cloudwatch", "get-metric-data", "--metric-data-queries", RunQuery("records", "j", "jr_1"), "--no-paginate",
            "--next-token", "not-ours", .. Times()]);
        var none = await viewer.RunAsync(["cloudwatch", "get-metric-data", "--metric-data-queries", RunQuery("records", "no-such-job", "jr_1"), .. Times()]);

        Assert.Contains("(InvalidParameterValue)", expression.Stderr, StringComparison.Ordinal);
        Assert.Contains("metric math", expression.Stderr, StringComparison.Ordinal);
        Assert.Contains("(InvalidParameterValue)", upperId.Stderr, StringComparison.Ordinal);
        Assert.Contains("lowercase", upperId.Stderr, StringComparison.Ordinal);
        Assert.Contains("(InvalidParameterValue)", period.Stderr, StringComparison.Ordinal);
        Assert.Contains("(InvalidParameterValue)", stat.Stderr, StringComparison.Ordinal);
        Assert.Contains("(InvalidNextToken)", token.Stderr, StringComparison.Ordinal);
        Assert.True(none.ExitCode == 0, none.Stderr);
        var empty = Assert.Single(none.Json().RootElement.GetProperty("MetricDataResults").EnumerateArray());
        Assert.Equal((0, "Complete"), (empty.GetProperty("Values").GetArrayLength(), empty.GetProperty("StatusCode").GetString()));
    }
}
