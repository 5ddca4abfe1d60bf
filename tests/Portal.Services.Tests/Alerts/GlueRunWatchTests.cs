using Lakeport.Services.Alerts.Aws;
using Lakeport.Services.Jobs;
using Lakeport.Services.Tests.Monitoring.Aws;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Lakeport.Services.Tests.Alerts;

/// <summary>The periodic alert check's questions answered from Glue's jobs and runs (Aws backend).</summary>
public sealed class GlueRunWatchTests
{
    private static readonly DateTimeOffset Noon = new(2027, 1, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ActiveRuns_AreTheUnfinishedRunsOfEveryJob_WithTheirStart()
    {
        var jobs = new FakeGlueJobs(pageSize: 200);
        jobs.Add("orders", FakeGlueJobs.Run("orders", "jr_2", JobRunState.RUNNING, Noon.AddMinutes(-90)), FakeGlueJobs.Run("orders", "jr_1", JobRunState.SUCCEEDED, Noon.AddHours(-5)));
        jobs.Add("refunds", FakeGlueJobs.Run("refunds", "jr_9", JobRunState.FAILED, Noon.AddHours(-1)));
        var watch = new GlueRunWatch(jobs, new FakeTimeProvider(Noon));

        var active = await watch.ActiveRunsAsync(Callers.Token);

        var run = Assert.Single(active);
        Assert.Equal(("jr_2", "orders", Noon.AddMinutes(-90)), (run.Id, run.JobName, run.StartedOn));
    }

    [Fact]
    public async Task Silences_GiveEachJobsLastSuccessAndNewestRun_OrNoneWhenNoRunSucceeded()
    {
        var jobs = new FakeGlueJobs(pageSize: 200);
        jobs.Add("orders",
            FakeGlueJobs.Run("orders", "jr_3", JobRunState.FAILED, Noon.AddHours(-1)),
            FakeGlueJobs.Run("orders", "jr_2", JobRunState.SUCCEEDED, Noon.AddHours(-6), seconds: 120),
            FakeGlueJobs.Run("orders", "jr_1", JobRunState.SUCCEEDED, Noon.AddHours(-30)));
        jobs.Add("refunds", FakeGlueJobs.Run("refunds", "jr_9", JobRunState.FAILED, Noon.AddHours(-1)));
        var watch = new GlueRunWatch(jobs, new FakeTimeProvider(Noon));

        var silences = (await watch.SilencesAsync(Callers.Token)).ToDictionary(s => s.JobName);

        Assert.Equal(Noon.AddHours(-6).AddSeconds(120), silences["orders"].LastSucceededOn);
        Assert.Equal("jr_3", silences["orders"].LastRunId);
        Assert.Null(silences["refunds"].LastSucceededOn);
        Assert.Equal("jr_9", silences["refunds"].LastRunId);
    }

    [Fact]
    public async Task BothQuestionsOfOneCheck_ReadGlueOnce()
    {
        var jobs = new FakeGlueJobs(pageSize: 200);
        jobs.Add("orders", FakeGlueJobs.Run("orders", "jr_1", JobRunState.RUNNING, Noon.AddMinutes(-5)));
        var clock = new FakeTimeProvider(Noon);
        var watch = new GlueRunWatch(jobs, clock);

        await watch.ActiveRunsAsync(Callers.Token);
        await watch.SilencesAsync(Callers.Token);
        clock.Advance(TimeSpan.FromMinutes(1));
        await watch.ActiveRunsAsync(Callers.Token);

        Assert.Equal(2, jobs.RunPagesRead.Count);
    }
}
