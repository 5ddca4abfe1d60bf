using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Monitoring.Dashboard;
using Lakeport.Services.Monitoring.Dashboard.Aws;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Local;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Monitoring.Aws;

/// <summary>The ops dashboard on AWS: runs and crawls from (fake) Glue, the query workload from the real SQLite history.</summary>
public sealed class GlueOpsDashboardTests
{
    /// <summary>10:30 UTC, so hour buckets are not aligned with the window's start.</summary>
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 10, 30, 0, TimeSpan.Zero);

    private static GlueOpsDashboard Dashboard(TestState state, FakeGlueJobs jobs, FakeGlueCrawlers crawlers) =>
        new(jobs, crawlers, state.Get<IMetrics>(), state.Get<SqliteDatabase>(), new ManualClock(Now));

    [Fact]
    public async Task Snapshot_CountsGlueRunsAndCrawlsByHour_SuccessRatesAndFailures_LikeTheLocalDashboard()
    {
        await using var state = await TestState.CreateAsync();
        var jobs = new FakeGlueJobs();
        jobs.Add("daily",
            FakeGlueJobs.Run("daily", "jr_d1", JobRunState.SUCCEEDED, Now.AddMinutes(-10)),
            FakeGlueJobs.Run("daily", "jr_d2", JobRunState.FAILED, Now.AddMinutes(-20), error: "boom"),
            FakeGlueJobs.Run("daily", "jr_d3", JobRunState.SUCCEEDED, Now.AddHours(-2).AddMinutes(-5)),
            FakeGlueJobs.Run("daily", "jr_old", JobRunState.FAILED, Now.AddDays(-2)));
        jobs.Add("hourly", FakeGlueJobs.Run("hourly", "jr_h1", JobRunState.TIMEOUT, Now.AddMinutes(-40), error: "timed out"));
        var crawlers = new FakeGlueCrawlers();
        crawlers.Add("raw_crawler",
            FakeGlueCrawlers.Crawl("raw_crawler", "cr_1", CrawlerStates.Succeeded, Now.AddMinutes(-15)),
            FakeGlueCrawlers.Crawl("raw_crawler", "cr_2", CrawlerStates.Failed, Now.AddMinutes(-25), "no access"));

        var snapshot = await Dashboard(state, jobs, crawlers).GetAsync(Callers.Viewer, DashboardWindow.Day, Callers.Token);

        var tenOClock = new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.Zero);
        var nineOClock = tenOClock.AddHours(-1);
        Assert.Equal(
        [
            new StateBucket(tenOClock.AddHours(-2), RunKind.Job, "SUCCEEDED", 1),
            new StateBucket(nineOClock, RunKind.Job, "TIMEOUT", 1),
            new StateBucket(tenOClock, RunKind.Crawler, "FAILED", 1),
            new StateBucket(tenOClock, RunKind.Crawler, "SUCCEEDED", 1),
            new StateBucket(tenOClock, RunKind.Job, "FAILED", 1),
            new StateBucket(tenOClock, RunKind.Job, "SUCCEEDED", 1),
        ], snapshot.RunsByState);
        Assert.Equal([new SuccessRate(RunKind.Job, 4, 2), new SuccessRate(RunKind.Crawler, 2, 1)], snapshot.SuccessRates);
        Assert.Equal(3.0 / 6, snapshot.OverallSuccessRate);
        Assert.Equal([("jr_d2", "boom"), ("cr_2", "no access"), ("jr_h1", "timed out")], snapshot.Failures.Select(f => (f.RunId, f.ErrorMessage)));
        Assert.Equal(25, snapshot.Buckets.Count);
        Assert.Equal(["jr_d3", "jr_d2", "jr_d1", "jr_h1"], snapshot.Durations.Select(d => d.RunId));
    }

    [Fact]
    public async Task Runs_AreReadOnlyAsFarBackAsTheWindow_PageByPage()
    {
        await using var state = await TestState.CreateAsync();
        var jobs = new FakeGlueJobs(pageSize: 2);
        jobs.Add("busy", [.. Enumerable.Range(0, 10).Select(i => FakeGlueJobs.Run("busy", $"jr_{i:D2}", JobRunState.SUCCEEDED, Now.AddHours(-10 * i - 1)))]);

        var snapshot = await Dashboard(state, jobs, new FakeGlueCrawlers()).GetAsync(Callers.Viewer, DashboardWindow.Day, Callers.Token);

        // Runs 0–2 started within the last day; the second page holds run 3 (31 h ago), so the third page is never read.
        Assert.Equal([("busy", null), ("busy", "2")], jobs.RunPagesRead);
        Assert.Equal(new SuccessRate(RunKind.Job, 3, 3), snapshot.SuccessRates[0]);
    }

    [Fact]
    public async Task RunningNow_ShowsGoingRunsWithTheirRecordsRead_AndRunningCrawls()
    {
        await using var state = await TestState.CreateAsync();
        var jobs = new FakeGlueJobs();
        jobs.Add("daily", FakeGlueJobs.Run("daily", "jr_going", JobRunState.RUNNING, Now.AddMinutes(-5)), FakeGlueJobs.Run("daily", "jr_done", JobRunState.SUCCEEDED, Now.AddMinutes(-50)));
        var crawlers = new FakeGlueCrawlers();
        crawlers.Add("raw_crawler", FakeGlueCrawlers.Crawl("raw_crawler", "cr_now", CrawlerStates.Running, Now.AddMinutes(-2), filesSeen: 7));
        await state.Get<IMetrics>().PutAsync(Caller.System,
            [new MetricDatum(GlueMetricNames.RunCounter(GlueMetricNames.RecordsRead, "daily", "jr_going"), Now.AddMinutes(-1), 1500, "Count")], Callers.Token);

        var snapshot = await Dashboard(state, jobs, crawlers).GetAsync(Callers.Viewer, DashboardWindow.Day, Callers.Token);

        Assert.Equal([new RunningJob("daily", "jr_going", "RUNNING", Now.AddMinutes(-5), 1500)], snapshot.RunningJobs);
        Assert.Equal([new RunningCrawl("raw_crawler", "cr_now", Now.AddMinutes(-2), 7, 7, 0)], snapshot.RunningCrawls);
    }

    [Fact]
    public async Task QueryWorkload_ComesFromThePortalsQueryHistory()
    {
        await using var state = await TestState.CreateAsync();
        foreach (var (user, at, queryState, scanned) in new[]
                 {
                     ("anna", Now.AddHours(-1), QueryState.SUCCEEDED, 1_000L), ("anna", Now.AddHours(-2), QueryState.FAILED, 0L),
                     ("bob", Now.AddHours(-3), QueryState.SUCCEEDED, 700L), ("bob", Now.AddDays(-2), QueryState.SUCCEEDED, 1_000_000L),
                 })
        {
            var execution = new QueryExecution(Guid.NewGuid().ToString(), "SELECT 1", "samples", StatementType.DML, queryState, null, null, user, at, at.AddSeconds(1),
                new QueryStatistics(scanned, 10, 20, 0, 1), "s3://results/", "primary", null);
            Assert.True(await state.Get<SqliteQueryStore>().InsertAsync(execution, null, Callers.Token));
        }

        var snapshot = await Dashboard(state, new FakeGlueJobs(), new FakeGlueCrawlers()).GetAsync(Callers.Viewer, DashboardWindow.Day, Callers.Token);

        Assert.Equal([new UserWorkload("anna", 2, 1_000, 1), new UserWorkload("bob", 1, 700, 0)], snapshot.QueryWorkload);
        Assert.Empty(snapshot.RunsByState);
        Assert.Null(snapshot.OverallSuccessRate);
    }

    [Fact]
    public async Task Dashboard_NeedsARole()
    {
        await using var state = await TestState.CreateAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Dashboard(state, new FakeGlueJobs(), new FakeGlueCrawlers()).GetAsync(new Caller("nobody", (PortalRole)0, "test"), DashboardWindow.Day, Callers.Token));
    }
}
