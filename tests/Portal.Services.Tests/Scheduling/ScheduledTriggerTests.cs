using Lakeport.Services.Scheduling;
using Lakeport.Services.Scheduling.Local;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Lakeport.Services.Tests.Scheduling;

/// <summary>SCHEDULED and ON_DEMAND triggers on a fake clock: due fires, restarts, two schedulers over one database, missing jobs.</summary>
public sealed class ScheduledTriggerTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static TriggerDefinition EveryFiveMinutes(string job = "nightly") =>
        new("every5", TriggerType.SCHEDULED, [new TriggerAction(job, null)], Schedule: "rate(5 minutes)", StartOnCreation: true);

    [Fact]
    public async Task Restart_WithThreeMissedDueTimes_FiresOnceLate_ThenOnSchedule()
    {
        var root = TestState.NewRoot();
        var clock = new FakeTimeProvider(Monday);
        try
        {
            await using (var before = await TriggerLake.CreateAsync(clock, root))
            {
                await before.CreateFailingJobAsync("nightly");
                var created = await before.Triggers.CreateAsync(Callers.Admin, EveryFiveMinutes(), Callers.Token);
                Assert.Equal(Monday.AddMinutes(5), created.NextFireAt);
            }

            // Down from 10:00 to 10:16: the fires due at 10:05, 10:10 and 10:15 were missed.
            clock.Advance(TimeSpan.FromMinutes(16));
            await using var after = await TriggerLake.CreateAsync(clock, root);
            await after.StartEngineAsync();

            var late = Assert.Single(await after.WaitForFiresAsync("every5", 1));
            Assert.True(late.Late);
            Assert.Equal(FireCause.Schedule, late.Cause);
            Assert.Equal(Monday.AddMinutes(15), late.DueAt);
            Assert.Contains("2 earlier due time(s) skipped", late.Detail, StringComparison.Ordinal);
            Assert.NotNull(late.Actions.Single().RunId);
            Assert.Equal(Monday.AddMinutes(20), (await after.Triggers.GetAsync(Callers.Viewer, "every5", Callers.Token)).NextFireAt);
            // Another pass at the same instant finds nothing due: the missed fire is not made twice.
            Assert.Empty(await after.Scheduler.RunDueAsync(Callers.Token));

            clock.Advance(TimeSpan.FromMinutes(4));
            var fires = await after.WaitForFiresAsync("every5", 2);

            Assert.Equal(2, fires.Count);
            Assert.False(fires[0].Late);
            Assert.Equal(Monday.AddMinutes(20), fires[0].DueAt);
            Assert.Equal("every5", (await after.Jobs.GetRunAsync(Callers.Viewer, "nightly", fires[0].Actions.Single().RunId!, Callers.Token)).TriggerName);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task TwoSchedulersOverOneDatabase_RecordADueFireOnce()
    {
        var root = TestState.NewRoot();
        var clock = new FakeTimeProvider(Monday);
        try
        {
            await using var first = await TriggerLake.CreateAsync(clock, root);
            await using var second = await TriggerLake.CreateAsync(clock, root);
            await first.CreateFailingJobAsync("nightly");
            await first.Triggers.CreateAsync(Callers.Admin, EveryFiveMinutes(), Callers.Token);
            clock.Advance(TimeSpan.FromMinutes(5));

            var made = await Task.WhenAll(
                Task.Run(() => first.Scheduler.RunDueAsync(Callers.Token)),
                Task.Run(() => second.Scheduler.RunDueAsync(Callers.Token)));

            Assert.Single(made.SelectMany(f => f));
            var fire = Assert.Single(await first.FiresAsync("every5"));
            Assert.False(fire.Late);
            Assert.Single((await first.Jobs.GetRunsAsync(Callers.Viewer, "nightly", new Common.PageRequest(), Callers.Token)).Items);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task ScheduledFire_ForADueTimeAlreadyRecorded_IsRefusedByTheStore()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var lake = await TriggerLake.CreateAsync(clock);
        await lake.CreateFailingJobAsync("nightly");
        await lake.Triggers.CreateAsync(Callers.Admin, EveryFiveMinutes(), Callers.Token);
        var store = lake.State.Get<SqliteTriggerStore>();
        var firer = lake.State.Get<TriggerFirer>();
        var due = Monday.AddMinutes(5);

        Assert.True(await store.TryClaimScheduledFireAsync(firer.NewFire("every5", FireCause.Schedule, due, false, null), due, due.AddMinutes(5), Callers.Token));
        Assert.False(await store.TryClaimScheduledFireAsync(firer.NewFire("every5", FireCause.Schedule, due, false, null), due, due.AddMinutes(5), Callers.Token));
        // Even with the trigger's next fire time put back, the unique (trigger, cause, due) row refuses a second record.
        await store.SetStateAsync("every5", TriggerState.ACTIVATED, Monday, due, Callers.Token);
        Assert.False(await store.TryClaimScheduledFireAsync(firer.NewFire("every5", FireCause.Schedule, due, false, null), due, due.AddMinutes(5), Callers.Token));
        Assert.Single(await lake.FiresAsync("every5"));
    }

    [Fact]
    public async Task StopAndStart_Deactivates_ThenSchedulesFromTheNewActivation()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var lake = await TriggerLake.CreateAsync(clock);
        await lake.CreateFailingJobAsync("nightly");
        await lake.Triggers.CreateAsync(Callers.Admin, EveryFiveMinutes(), Callers.Token);

        var stopped = await lake.Triggers.StopAsync(Callers.Admin, "every5", Callers.Token);
        clock.Advance(TimeSpan.FromMinutes(7));
        Assert.Empty(await lake.Scheduler.RunDueAsync(Callers.Token));
        var started = await lake.Triggers.StartAsync(Callers.Admin, "every5", Callers.Token);

        Assert.Equal((TriggerState.DEACTIVATED, null), (stopped.State, stopped.NextFireAt));
        Assert.Equal((TriggerState.ACTIVATED, Monday.AddMinutes(12)), (started.State, started.NextFireAt));
        var upcoming = await lake.Triggers.GetUpcomingAsync(Callers.Viewer, clock.GetUtcNow(), clock.GetUtcNow().AddMinutes(20), Callers.Token);
        Assert.Equal([Monday.AddMinutes(12), Monday.AddMinutes(17), Monday.AddMinutes(22), Monday.AddMinutes(27)], upcoming.Select(u => u.At));
    }

    [Fact]
    public async Task OnDemandStart_FiresNow_AndTheRunRecordsTheTrigger()
    {
        await using var lake = await TriggerLake.CreateAsync(new FakeTimeProvider(Monday));
        await lake.CreateFailingJobAsync("load");
        await lake.Triggers.CreateAsync(Callers.Admin, new TriggerDefinition("now", TriggerType.ON_DEMAND,
            [new TriggerAction("load", null, new Dictionary<string, string> { ["--day"] = "2026-03-02" }, Timeout: 7)]), Callers.Token);

        var trigger = await lake.Triggers.StartAsync(Callers.Admin, "now", Callers.Token);

        Assert.Equal(TriggerState.CREATED, trigger.State);
        var fire = trigger.LastFire!;
        Assert.Equal((FireCause.Manual, FireOutcome.Started, Monday), (fire.Cause, fire.Outcome, fire.DueAt));
        var run = await lake.Jobs.GetRunAsync(Callers.Viewer, "load", fire.Actions.Single().RunId!, Callers.Token);
        Assert.Equal(("now", 7, "2026-03-02"), (run.TriggerName, run.TimeoutMinutes, run.Arguments["--day"]));
    }

    [Fact]
    public async Task DeletedJob_ShowsAsAProblem_AndIsNotStarted_WhileTheOtherActionsAre()
    {
        await using var lake = await TriggerLake.CreateAsync(new FakeTimeProvider(Monday));
        await lake.CreateFailingJobAsync("kept");
        await lake.CreateFailingJobAsync("gone");
        await lake.Triggers.CreateAsync(Callers.Admin, new TriggerDefinition("both", TriggerType.ON_DEMAND, [new TriggerAction("kept", null), new TriggerAction("gone", null)]), Callers.Token);
        await lake.Jobs.DeleteAsync(Callers.Admin, "gone", Callers.Token);

        var trigger = await lake.Triggers.GetAsync(Callers.Viewer, "both", Callers.Token);
        var fired = (await lake.Triggers.StartAsync(Callers.Admin, "both", Callers.Token)).LastFire!;

        Assert.Contains("job gone no longer exists", Assert.Single(trigger.Problems), StringComparison.Ordinal);
        Assert.Equal(FireOutcome.PartlyStarted, fired.Outcome);
        Assert.NotNull(fired.Actions[0].RunId);
        Assert.Equal((null, "Job gone no longer exists; the action was not started."), (fired.Actions[1].RunId, fired.Actions[1].Error));
        var node = (await lake.Triggers.GetGraphAsync(Callers.Viewer, Callers.Token)).Nodes.Single(n => n.Id == "job:gone");
        Assert.True(node.Missing);
    }
}
