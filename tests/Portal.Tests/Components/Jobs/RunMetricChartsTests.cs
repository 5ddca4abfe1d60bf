using System.Globalization;
using TestContext = Xunit.TestContext;
using Bunit;
using Lakeport.Portal.Components.Pages.Jobs;
using Lakeport.Portal.Tests.Components.Jobs.Fakes;
using Lakeport.Services.Jobs;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Security;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components.Jobs;

/// <summary>The run page's metric charts: one per counter the run recorded, from GetMetricData at one-minute periods.</summary>
public sealed class RunMetricChartsTests
{
    private static IRenderedComponent<JobRunPage> RenderRun(JobPageState state, string runId) =>
        state.Render<JobRunPage>(p => p.Add(r => r.Name, "daily").Add(r => r.RunId, runId)).Page;

    private static MetricDatum Point(string metric, string runId, DateTimeOffset at, double value, string unit = "Count") =>
        new(GlueMetricNames.RunCounter(metric, "daily", runId), at, value, unit);

    /// <summary>Each chart as "metric | value written above it | chart type | its data", in page order.</summary>
    private static List<string> Charts(IRenderedComponent<JobRunPage> page) =>
    [
        .. page.FindComponents<RunMetricCharts>().Single().FindComponents<MudChart<double>>().Zip(page.FindAll("[data-testid=metric-chart]"))
            .Select(p => string.Join(" | ", p.Second.GetAttribute("data-metric"), p.Second.QuerySelector("[data-testid=metric-chart-total]")!.TextContent.Trim(),
                p.First.Instance.ChartType, string.Join(",", p.First.Instance.ChartSeries.Single().Data.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))),
    ];

    [Fact]
    public async Task RunningRun_ChartsEachRecordedCounter_AsItsRunningTotalPerMinute_AndFollowsNewPoints()
    {
        await using var state = JobPageState.Create("vera", "Viewer");
        state.Jobs.AddJob(FakeJobs.Definition("daily"));
        var now = DateTimeOffset.UtcNow;
        var started = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-5);
        state.Jobs.AddRun(FakeJobs.Run("daily", "jr_live", JobRunState.RUNNING, started), new JobRunStateChange("jr_live", JobRunState.RUNNING, started, null));
        // Glue-style deltas: 30 s of elapsed time per put, two puts in the second minute.
        await state.Metrics.PutAsync(Caller.System,
        [
            Point(GlueMetricNames.ElapsedTime, "jr_live", started.AddSeconds(30), 30_000, "Milliseconds"),
            Point(GlueMetricNames.ElapsedTime, "jr_live", started.AddSeconds(60), 30_000, "Milliseconds"),
            Point(GlueMetricNames.ElapsedTime, "jr_live", started.AddSeconds(90), 30_000, "Milliseconds"),
            Point(GlueMetricNames.ElapsedTime, "jr_live", started.AddSeconds(120), 30_000, "Milliseconds"),
            Point(GlueMetricNames.RecordsRead, "jr_live", started.AddSeconds(120), 1234),
            Point(GlueMetricNames.RecordsRead, "daily-other", started.AddSeconds(120), 99),
        ], TestContext.Current.CancellationToken);

        var page = RenderRun(state, "jr_live");

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=metric-chart]").Count), JobPageState.Wait);
        Assert.Equal(
        [
            "metric-recordsRead | 1,234 | Bar | 1234",
            "metric-elapsedTime | 2 min 0 s | Line | 30000,90000,120000",
        ], Charts(page));

        await state.Metrics.PutAsync(Caller.System, [Point(GlueMetricNames.ElapsedTime, "jr_live", started.AddSeconds(180), 60_000, "Milliseconds")],
            TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Equal("metric-elapsedTime | 3 min 0 s | Line | 30000,90000,120000,180000", Charts(page)[1]), JobPageState.Wait);
    }

    [Fact]
    public async Task FinishedRun_WithOnePointPerCounter_ShowsEachValue_AsASingleBar()
    {
        await using var state = JobPageState.Create("vera", "Viewer");
        state.Jobs.AddJob(FakeJobs.Definition("daily"));
        var started = DateTimeOffset.UtcNow.AddHours(-1);
        state.Jobs.AddRun(FakeJobs.Run("daily", "jr_done", JobRunState.SUCCEEDED, started));
        var end = started.AddSeconds(40);
        await state.Metrics.PutAsync(Caller.System,
        [
            Point(GlueMetricNames.RecordsRead, "jr_done", end, 4),
            Point(GlueMetricNames.BytesRead, "jr_done", end, 2048, "Bytes"),
            Point(GlueMetricNames.ElapsedTime, "jr_done", end, 12_000, "Milliseconds"),
            Point(GlueMetricNames.RecordsWritten, "jr_done", end, 4),
            Point(GlueMetricNames.BytesWritten, "jr_done", end, 900, "Bytes"),
            Point(GlueMetricNames.FilesWritten, "jr_done", end, 3),
            Point(GlueMetricNames.RecordsRejected, "jr_done", end, 0),
        ], TestContext.Current.CancellationToken);

        var page = RenderRun(state, "jr_done");

        page.WaitForAssertion(() => Assert.Equal(7, page.FindAll("[data-testid=metric-chart]").Count), JobPageState.Wait);
        Assert.Equal(
        [
            "metric-recordsRead | 4 | Bar | 4",
            "metric-bytesRead | 2 KB | Bar | 2048",
            "metric-recordsWritten | 4 | Bar | 4",
            "metric-bytesWritten | 900 B | Bar | 900",
            "metric-filesWritten | 3 | Bar | 3",
            "metric-recordsRejected | 0 | Bar | 0",
            "metric-elapsedTime | 12.0 s | Bar | 12000",
        ], Charts(page));
    }
}
