using Lakeport.Services.Alerts;
using Lakeport.Services.Alerts.Local;
using Lakeport.Services.Jobs;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Lakeport.Services.Tests.Alerts;

/// <summary>Which runs raise which alerts: kinds, scope, one alert per run per rule, and the periodic checks on a fake clock.</summary>
public sealed class AlertEvaluationTests
{
    private static RunFinished Finished(RunKind kind, string name, string runId, string state, string? error = "boom") =>
        new(kind, name, runId, state, null, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow, error);

    /// <summary>
    /// Polls (bounded) for the first alert the monitor's timer raises. The monitor sets its next delay only after a
    /// check, so each poll moves the fake clock on a second in case the last advance came before the timer was set.
    /// </summary>
    private static async Task<IReadOnlyList<AlertEvent>> WaitForTimerAsync(Jobs.JobLake lake, FakeTimeProvider clock)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var events = await lake.Alerts().ListEventsAsync(Callers.Viewer, 10, Callers.Token);
            if (events.Count > 0)
            {
                return events;
            }

            Assert.True(DateTime.UtcNow < deadline, "The monitor's timer raised no alert within 30 s.");
            await Task.Delay(20, Callers.Token);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task FinishedRuns_RaiseOneAlertPerRunPerMatchingRule_EvenWhenReportedTwice()
    {
        await using var lake = await AlertHarness.CreateAsync();
        var alerts = lake.Alerts();
        await alerts.CreateRuleAsync(Callers.Admin, AlertHarness.Rule("all-failed", AlertKind.JobFailed), Callers.Token);
        await alerts.CreateRuleAsync(Callers.Admin, AlertHarness.Rule("nightly-failed", AlertKind.JobFailed, subject: "nightly"), Callers.Token);
        await alerts.CreateRuleAsync(Callers.Admin, AlertHarness.Rule("timeouts", AlertKind.JobTimedOut), Callers.Token);
        await alerts.CreateRuleAsync(Callers.Admin, AlertHarness.Rule("crawls", AlertKind.CrawlerFailed, subject: "raw_crawler"), Callers.Token);
        await alerts.CreateRuleAsync(Callers.Admin, AlertHarness.Rule("off", AlertKind.JobFailed) with { Enabled = false }, Callers.Token);
        var observer = new AlertRunObserver(lake.State.Get<SqliteAlertStore>(), lake.State.Get<AlertRaiser>());

        foreach (var run in new[]
        {
            Finished(RunKind.Job, "nightly", "jr_1", "FAILED"),
            Finished(RunKind.Job, "nightly", "jr_1", "FAILED"),
            Finished(RunKind.Job, "hourly", "jr_2", "ERROR"),
            Finished(RunKind.Job, "hourly", "jr_3", "TIMEOUT", null),
            Finished(RunKind.Job, "hourly", "jr_4", "SUCCEEDED", null),
            Finished(RunKind.Job, "hourly", "jr_5", "STOPPED", null),
            Finished(RunKind.Crawler, "raw_crawler", "cr_1", "FAILED"),
            Finished(RunKind.Crawler, "other_crawler", "cr_2", "FAILED"),
            Finished(RunKind.Crawler, "raw_crawler", "cr_3", "SUCCEEDED", null),
        })
        {
            await observer.OnRunFinishedAsync(run, Callers.Token);
        }

        var events = await alerts.ListEventsAsync(Callers.Viewer, 100, Callers.Token);
        Assert.Equal(
            ["all-failed jr_1", "all-failed jr_2", "crawls cr_1", "nightly-failed jr_1", "timeouts jr_3"],
            events.Select(e => $"{e.RuleName} {e.RunId}").Order(StringComparer.Ordinal));
        Assert.Equal("Job hourly run jr_3 TIMEOUT.", events.Single(e => e.RunId == "jr_3").Message);
        Assert.Equal("/crawlers/raw_crawler", events.Single(e => e.RunId == "cr_1").Link);
    }

    [Fact]
    public async Task RunningLongerThanN_RaisesOnceForTheRun_WhenTheFakeClockPassesN()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var lake = await AlertHarness.CreateAsync(clock: clock, monitor: true);
        await lake.Alerts().CreateRuleAsync(Callers.Admin, AlertHarness.Rule("slow", AlertKind.JobRunningLong, threshold: 30), Callers.Token);
        await AlertHarness.CreateGoodJobAsync(lake);
        var gate = lake.Hooks.HoldAfter("Run ");
        var run = await lake.Jobs.StartRunAsync(Callers.Analyst, "nightly", null, null, Callers.Token);
        await lake.WaitForLineAsync(run.Id, $"Run {run.Id} of job nightly started (attempt 0) by anna.");

        // 29 minutes of one-minute checks: under the threshold, nothing.
        for (var minute = 0; minute < 29; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var monitor = lake.State.Get<AlertMonitor>();
        await monitor.CheckAsync(Callers.Token);
        Assert.Empty(await lake.Alerts().ListEventsAsync(Callers.Viewer, 10, Callers.Token));

        // The monitor's own timer (not a direct check) notices the run past 30 minutes, and later ticks do not repeat it.
        clock.Advance(TimeSpan.FromMinutes(2));
        var alert = Assert.Single(await WaitForTimerAsync(lake, clock));
        for (var minute = 0; minute < 5; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await monitor.CheckAsync(Callers.Token);
        }

        gate.SetResult();
        Assert.Equal(JobRunState.SUCCEEDED, (await lake.WaitAsync("nightly", run.Id)).State);
        Assert.Equal(("slow", AlertKind.JobRunningLong, run.Id, "RUNNING"), (alert.RuleName, alert.Kind, alert.RunId, alert.State));
        Assert.StartsWith($"Job nightly run {run.Id} has been running for 31 minutes, longer than 30", alert.Message, StringComparison.Ordinal);
        Assert.Single(await lake.Alerts().ListEventsAsync(Callers.Viewer, 10, Callers.Token));
    }

    [Fact]
    public async Task NoSuccessWithinNHours_RaisesOncePerSilentPeriod_NotOnEveryCheck()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var lake = await AlertHarness.CreateAsync(clock: clock);
        await lake.Alerts().CreateRuleAsync(Callers.Admin, AlertHarness.Rule("silent", AlertKind.JobNoSuccess, subject: "nightly", threshold: 2), Callers.Token);
        await AlertHarness.CreateGoodJobAsync(lake);
        var monitor = lake.State.Get<AlertMonitor>();

        async Task<IReadOnlyList<AlertEvent>> CheckAtAsync(TimeSpan after)
        {
            clock.Advance(after);
            await monitor.CheckAsync(Callers.Token);
            return await lake.Alerts().ListEventsAsync(Callers.Viewer, 10, Callers.Token);
        }

        Assert.Empty(await CheckAtAsync(TimeSpan.FromHours(1.5)));
        var first = Assert.Single(await CheckAtAsync(TimeSpan.FromHours(1)));
        Assert.Equal("Job nightly has had no successful run in the 2 hours since it was created.", first.Message);
        Assert.Single(await CheckAtAsync(TimeSpan.FromHours(1)));
        Assert.Single(await CheckAtAsync(TimeSpan.FromHours(5)));

        // A success ends the silence; the next one raises again once it is 2 hours long.
        var run = await lake.RunAsync("nightly");
        Assert.Equal(JobRunState.SUCCEEDED, run.State);
        Assert.Single(await CheckAtAsync(TimeSpan.FromHours(1)));
        var second = await CheckAtAsync(TimeSpan.FromHours(1.5));
        Assert.Equal(2, second.Count);
        Assert.Equal((run.Id, $"/jobs/nightly/runs/{run.Id}"), (second[0].RunId, second[0].Link));
        Assert.StartsWith("Job nightly has had no successful run for 2 hours (last success ", second[0].Message, StringComparison.Ordinal);
        Assert.Equal(2, (await CheckAtAsync(TimeSpan.FromHours(3))).Count);
    }
}
