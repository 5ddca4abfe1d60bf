using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Local;
using Lakeport.Services.Jobs;
using Lakeport.Services.Jobs.Local;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Monitoring.Dashboard;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Local;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Tests.Monitoring;

/// <summary>The ops dashboard on real SQLite: runs, crawls and queries recorded through the stores at chosen times.</summary>
public sealed class OpsDashboardTests
{
    /// <summary>10:30 UTC, so hour buckets are not aligned with the window's start.</summary>
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 10, 30, 0, TimeSpan.Zero);

    private static async Task<(TestState State, ManualClock Clock)> CreateAsync()
    {
        var clock = new ManualClock(Now);
        var state = await TestState.CreateAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var jobs = state.Get<SqliteJobStore>();
        foreach (var name in new[] { "daily", "hourly", "weekly" })
        {
            await jobs.InsertJobAsync(Job(name), "adam", Now.AddDays(-30), Callers.Token);
        }

        var crawlers = state.Get<SqliteCrawlerStore>();
        foreach (var name in new[] { "raw_crawler", "curated_crawler" })
        {
            await crawlers.InsertAsync(new CrawlerDefinition(name, "samples", [new CrawlerTarget("s3://samples/", [])]), "adam", Callers.Token);
        }

        return (state, clock);
    }

    private static JobDefinition Job(string name) => new(name, null, "role", new JobCommand("glueetl", $"s3://scripts/{name}.py"), null, null, "5.0", "G.1X", 2, 60, 0, 10,
        new Dictionary<string, string>(), new Dictionary<string, string>());

    /// <summary>A job run started at <paramref name="started"/> that ran <paramref name="seconds"/> and ended in <paramref name="state"/> (or is still RUNNING).</summary>
    private static async Task<string> RunAsync(TestState state, string job, DateTimeOffset started, JobRunState state2, int seconds = 60, string? error = null)
    {
        var store = state.Get<SqliteJobStore>();
        var id = $"jr_{job}_{started.ToUnixTimeSeconds()}_{state2}";
        var run = new JobRun(id, job, 0, null, null, JobRunState.STARTING, started, started, null, new Dictionary<string, string>(), null, 0, 60,
            RunLog.OutputGroup, "anna", null, null, "");
        Assert.True(await store.TryInsertRunAsync(run, 100, 100, Callers.Token));
        await store.TransitionAsync(id, [JobRunState.STARTING], JobRunState.RUNNING, started, null, null, Callers.Token);
        if (state2 != JobRunState.RUNNING)
        {
            await store.TransitionAsync(id, [JobRunState.RUNNING], state2, started.AddSeconds(seconds), error, new RunProgress(RunningMs: seconds * 1000L), Callers.Token);
        }

        return id;
    }

    /// <summary>A crawl started at <paramref name="started"/> ending in <paramref name="status"/>, or left RUNNING when null.</summary>
    private static async Task<string> CrawlAsync(TestState state, ManualClock clock, string crawler, DateTimeOffset started, string? status, string? error = null)
    {
        var store = state.Get<SqliteCrawlerStore>();
        clock.Now = started;
        var run = await store.TryStartAsync(crawler, "anna", null, Callers.Token);
        Assert.NotNull(run);
        if (status is not null)
        {
            clock.Now = started.AddMinutes(1);
            await store.FinishAsync(run.Id, crawler, status, null, [], error);
        }

        clock.Now = Now;
        return run.Id;
    }

    private static async Task QueryAsync(TestState state, string user, DateTimeOffset at, QueryState queryState, long scanned)
    {
        var execution = new QueryExecution(Guid.NewGuid().ToString(), "SELECT 1", "samples", StatementType.DML, queryState, null, null, user, at, at.AddSeconds(1),
            new QueryStatistics(scanned, 10, 20, 0, 1), "s3://results/", "primary", null);
        Assert.True(await state.Get<SqliteQueryStore>().InsertAsync(execution, null, Callers.Token));
    }

    private static Task<OpsSnapshot> SnapshotAsync(TestState state, DashboardWindow window = DashboardWindow.Day, Caller? caller = null) =>
        state.Get<IOpsDashboard>().GetAsync(caller ?? Callers.Viewer, window, Callers.Token);

    [Fact]
    public async Task RunsByState_CountsJobRunsAndCrawlsPerHourBucket()
    {
        var (state, clock) = await CreateAsync();
        await using var _ = state;
        await RunAsync(state, "daily", Now.AddHours(-2).AddMinutes(-20), JobRunState.SUCCEEDED);  // 08:10
        await RunAsync(state, "hourly", Now.AddHours(-2).AddMinutes(-10), JobRunState.SUCCEEDED); // 08:20
        await RunAsync(state, "hourly", Now.AddHours(-2), JobRunState.FAILED, error: "boom");    // 08:30
        await RunAsync(state, "daily", Now.AddMinutes(-5), JobRunState.RUNNING);                  // 10:25
        await CrawlAsync(state, clock, "raw_crawler", Now.AddHours(-2).AddMinutes(-25), CrawlerStates.Succeeded); // 08:05
        await CrawlAsync(state, clock, "curated_crawler", Now.AddHours(-1), CrawlerStates.Failed, "no files");    // 09:30

        var snapshot = await SnapshotAsync(state);

        var eight = new DateTimeOffset(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(
        [
            new StateBucket(eight, RunKind.Crawler, "SUCCEEDED", 1),
            new StateBucket(eight, RunKind.Job, "FAILED", 1),
            new StateBucket(eight, RunKind.Job, "SUCCEEDED", 2),
            new StateBucket(eight.AddHours(1), RunKind.Crawler, "FAILED", 1),
            new StateBucket(eight.AddHours(2), RunKind.Job, "RUNNING", 1),
        ], snapshot.RunsByState);
        // 10:30 yesterday to 10:30 today in whole hours: 25 buckets, the first and the last partial.
        Assert.Equal(25, snapshot.Buckets.Count);
        Assert.Equal((Now.AddDays(-1).AddMinutes(-30), new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.Zero)), (snapshot.Buckets[0], snapshot.Buckets[^1]));
    }

    [Fact]
    public async Task WeekWindow_BucketsByDay_AndDayWindowLeavesOlderRunsOut()
    {
        var (state, _) = await CreateAsync();
        await using var __ = state;
        await RunAsync(state, "weekly", Now.AddDays(-3), JobRunState.SUCCEEDED);
        await RunAsync(state, "weekly", Now.AddDays(-3).AddHours(-1), JobRunState.TIMEOUT, error: "The run exceeded its timeout");
        await RunAsync(state, "weekly", Now.AddDays(-8), JobRunState.FAILED, error: "too old to show");

        var week = await SnapshotAsync(state, DashboardWindow.Week);
        var day = await SnapshotAsync(state, DashboardWindow.Day);

        var march7 = new DateTimeOffset(2025, 3, 7, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal([new StateBucket(march7, RunKind.Job, "SUCCEEDED", 1), new StateBucket(march7, RunKind.Job, "TIMEOUT", 1)], week.RunsByState);
        Assert.Equal(8, week.Buckets.Count);
        Assert.Equal(["The run exceeded its timeout"], week.Failures.Select(f => f.ErrorMessage));
        Assert.Empty(day.RunsByState);
        Assert.Empty(day.Failures);
        Assert.Null(day.OverallSuccessRate);
    }

    [Fact]
    public async Task Window_IncludesARunStartedExactlyAtItsStart_AndNotOneAMillisecondEarlier()
    {
        var (state, clock) = await CreateAsync();
        await using var _ = state;
        var inside = await RunAsync(state, "daily", Now.AddDays(-1), JobRunState.FAILED, error: "at the edge");
        await RunAsync(state, "daily", Now.AddDays(-1).AddMilliseconds(-1), JobRunState.FAILED, error: "just outside");
        await CrawlAsync(state, clock, "raw_crawler", Now.AddDays(-1).AddMilliseconds(-1), CrawlerStates.Failed, "crawl just outside");

        var snapshot = await SnapshotAsync(state);

        Assert.Equal([inside], snapshot.Failures.Select(f => f.RunId));
        Assert.Equal(1, snapshot.RunsByState.Sum(b => b.Count));
    }

    [Fact]
    public async Task SuccessRate_IsSucceededOverFinished_PerKindAndOverall_IgnoringRunsStillGoing()
    {
        var (state, clock) = await CreateAsync();
        await using var _ = state;
        await RunAsync(state, "daily", Now.AddHours(-5), JobRunState.SUCCEEDED);
        await RunAsync(state, "daily", Now.AddHours(-4), JobRunState.SUCCEEDED);
        await RunAsync(state, "hourly", Now.AddHours(-3), JobRunState.SUCCEEDED);
        await RunAsync(state, "hourly", Now.AddHours(-2), JobRunState.STOPPED);
        await RunAsync(state, "weekly", Now.AddMinutes(-1), JobRunState.RUNNING);
        await CrawlAsync(state, clock, "raw_crawler", Now.AddHours(-6), CrawlerStates.Succeeded);
        await CrawlAsync(state, clock, "curated_crawler", Now.AddHours(-6), CrawlerStates.Cancelled);

        var snapshot = await SnapshotAsync(state);

        Assert.Equal([new SuccessRate(RunKind.Job, 4, 3), new SuccessRate(RunKind.Crawler, 2, 1)], snapshot.SuccessRates);
        Assert.Equal(0.75, snapshot.SuccessRates[0].Rate);
        Assert.Equal(4.0 / 6, snapshot.OverallSuccessRate);
    }

    [Fact]
    public async Task Failures_ListFailedTimedOutAndErroredRunsAndFailedCrawls_NewestFirst_WithTheirErrors()
    {
        var (state, clock) = await CreateAsync();
        await using var _ = state;
        var failed = await RunAsync(state, "daily", Now.AddHours(-5), JobRunState.FAILED, error: "Column amount: 3 values did not cast");
        var timedOut = await RunAsync(state, "hourly", Now.AddHours(-3), JobRunState.TIMEOUT, error: "The run exceeded its timeout of 60 minute(s)");
        await RunAsync(state, "hourly", Now.AddHours(-2), JobRunState.STOPPED, error: "Stopped by anna");
        await RunAsync(state, "weekly", Now.AddHours(-1), JobRunState.SUCCEEDED);
        var crawl = await CrawlAsync(state, clock, "raw_crawler", Now.AddHours(-4), CrawlerStates.Failed, "Classifier gone no longer exists.");
        await CrawlAsync(state, clock, "curated_crawler", Now.AddHours(-4), CrawlerStates.Cancelled, "The crawl was stopped");

        var failures = (await SnapshotAsync(state)).Failures;

        Assert.Equal(
        [
            (RunKind.Job, "hourly", timedOut, "TIMEOUT", "The run exceeded its timeout of 60 minute(s)"),
            (RunKind.Crawler, "raw_crawler", crawl, "FAILED", "Classifier gone no longer exists."),
            (RunKind.Job, "daily", failed, "FAILED", "Column amount: 3 values did not cast"),
        ], failures.Select(f => (f.Kind, f.Name, f.RunId, f.State, f.ErrorMessage)));
        Assert.Equal(Now.AddHours(-3).AddSeconds(60), failures[0].CompletedOn);
    }

    [Fact]
    public async Task Durations_AreEachFinishedRunsExecutionTime_ForTheBusiestJobs_OldestFirst()
    {
        var (state, _) = await CreateAsync();
        await using var __ = state;
        await RunAsync(state, "daily", Now.AddHours(-5), JobRunState.SUCCEEDED, seconds: 40);
        await RunAsync(state, "daily", Now.AddHours(-3), JobRunState.FAILED, seconds: 95, error: "x");
        await RunAsync(state, "hourly", Now.AddHours(-4), JobRunState.SUCCEEDED, seconds: 12);
        await RunAsync(state, "hourly", Now.AddMinutes(-1), JobRunState.RUNNING);

        var durations = (await SnapshotAsync(state)).Durations;

        Assert.Equal([("daily", 40, "SUCCEEDED"), ("daily", 95, "FAILED"), ("hourly", 12, "SUCCEEDED")],
            durations.Select(d => (d.JobName, d.ExecutionSeconds, d.State)));
        Assert.Equal(Now.AddHours(-5), durations[0].StartedOn);
    }

    [Fact]
    public async Task RunningNow_ShowsActiveJobRunsWithTheirRecordedRecordsRead_AndRunningCrawlsWithTheirCounters()
    {
        var (state, clock) = await CreateAsync();
        await using var _ = state;
        var going = await RunAsync(state, "daily", Now.AddMinutes(-3), JobRunState.RUNNING);
        var quiet = await RunAsync(state, "hourly", Now.AddMinutes(-2), JobRunState.RUNNING);
        await RunAsync(state, "weekly", Now.AddDays(-3), JobRunState.SUCCEEDED);
        await state.Get<IMetrics>().PutAsync(Caller.System,
            [new MetricDatum(GlueMetricNames.RunCounter(GlueMetricNames.RecordsRead, "daily", going), Now.AddMinutes(-1), 1500, "Count")], Callers.Token);
        var crawl = await CrawlAsync(state, clock, "raw_crawler", Now.AddMinutes(-4), null);
        await state.Get<SqliteCrawlerStore>().ReportProgressAsync(crawl, new CrawlProgress(12, 7, 1), Callers.Token);
        await CrawlAsync(state, clock, "curated_crawler", Now.AddMinutes(-10), CrawlerStates.Succeeded);

        var snapshot = await SnapshotAsync(state);

        Assert.Equal([new RunningJob("daily", going, "RUNNING", Now.AddMinutes(-3), 1500), new RunningJob("hourly", quiet, "RUNNING", Now.AddMinutes(-2), null)],
            snapshot.RunningJobs);
        Assert.Equal([new RunningCrawl("raw_crawler", crawl, Now.AddMinutes(-4), 12, 7, 1)], snapshot.RunningCrawls);
    }

    [Fact]
    public async Task QueryWorkload_CountsQueriesBytesScannedAndFailuresPerUser_InTheWindowOnly()
    {
        var (state, _) = await CreateAsync();
        await using var __ = state;
        await QueryAsync(state, "anna", Now.AddHours(-1), QueryState.SUCCEEDED, 1_000);
        await QueryAsync(state, "anna", Now.AddHours(-2), QueryState.FAILED, 0);
        await QueryAsync(state, "anna", Now.AddHours(-3), QueryState.SUCCEEDED, 2_500);
        await QueryAsync(state, "bob", Now.AddHours(-1), QueryState.CANCELLED, 700);
        await QueryAsync(state, "bob", Now.AddDays(-2), QueryState.SUCCEEDED, 1_000_000);

        var day = (await SnapshotAsync(state)).QueryWorkload;
        var week = (await SnapshotAsync(state, DashboardWindow.Week)).QueryWorkload;

        Assert.Equal([new UserWorkload("anna", 3, 3_500, 1), new UserWorkload("bob", 1, 700, 0)], day);
        Assert.Equal([new UserWorkload("anna", 3, 3_500, 1), new UserWorkload("bob", 2, 1_000_700, 0)], week);
    }

    [Fact]
    public async Task Dashboard_IsReadableByViewers_AndNeedsARole()
    {
        var (state, _) = await CreateAsync();
        await using var __ = state;

        var snapshot = await SnapshotAsync(state, caller: Callers.Viewer);

        Assert.Equal((Now.AddDays(-1), Now), (snapshot.From, snapshot.To));
        await Assert.ThrowsAsync<AccessDeniedException>(() => SnapshotAsync(state, caller: new Caller("nobody", (PortalRole)0, "test")));
    }
}
