using Lakeport.Services.Scheduling;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Lakeport.Services.Tests.Scheduling;

/// <summary>Data-arrival (EVENT) triggers over real files on a fake clock; each test drives the watcher's scans itself.</summary>
public sealed class EventTriggerTests
{
    private const string Prefix = "s3://landing/in/";

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static async Task<(TriggerLake Lake, FakeTimeProvider Clock)> LakeAsync(int batchSize, int batchWindow, Action<TriggerLake>? before = null)
    {
        var clock = new FakeTimeProvider(Start);
        var lake = await TriggerLake.CreateAsync(clock);
        await lake.CreateCrawlerAsync("landing", Prefix);
        before?.Invoke(lake);
        await lake.Triggers.CreateAsync(Callers.Admin, new TriggerDefinition("landed", TriggerType.EVENT, [new TriggerAction(null, "landing")],
            EventPrefix: Prefix, EventBatching: new EventBatchingCondition(batchSize, batchWindow), StartOnCreation: true), Callers.Token);
        return (lake, clock);
    }

    [Fact]
    public async Task BatchSize_FiresWhenReached_CountingNewFilesOnly_NotTheBaselineOrHiddenOnes()
    {
        var (lake, _) = await LakeAsync(3, 900, l =>
        {
            l.Write(Prefix + "old-1.csv", "a\n1\n");
            l.Write(Prefix + "old-2.csv", "a\n2\n");
        });
        await using var _ = lake;
        Assert.Empty(await lake.Events.PollAsync(Callers.Token));

        lake.Write(Prefix + "new-1.csv", "a\n3\n");
        lake.Write(Prefix + "day=2/new-2.csv", "a\n4\n");
        lake.Write(Prefix + ".hidden.csv", "a\n5\n");
        lake.Write(Prefix + ".lakeport-staging-jr_1/part-0.parquet", "x");
        Assert.Empty(await lake.Events.PollAsync(Callers.Token));
        lake.Write(Prefix + "new-3.csv", "a\n6\n");
        var fire = Assert.Single(await lake.Events.PollAsync(Callers.Token));

        Assert.Equal((FireCause.Event, FireOutcome.Started), (fire.Cause, fire.Outcome));
        Assert.Equal($"3 file(s) under {Prefix} (batch size 3 reached).", fire.Detail);
        Assert.Equal("landed", (await lake.Crawlers.GetAsync(Callers.Viewer, "landing", Callers.Token)).LastCrawl?.TriggerName);
        // The fire consumed the batch: nothing new, nothing pending.
        Assert.Empty(await lake.Events.PollAsync(Callers.Token));
    }

    [Fact]
    public async Task ChangedFile_IsAnEvent()
    {
        var (lake, _) = await LakeAsync(1, 900, l => l.Write(Prefix + "a.csv", "a\n1\n"));
        await using var _ = lake;
        Assert.Empty(await lake.Events.PollAsync(Callers.Token));

        lake.Write(Prefix + "a.csv", "a\n1\n2\n");

        Assert.Equal($"1 file(s) under {Prefix} (batch size 1 reached).", Assert.Single(await lake.Events.PollAsync(Callers.Token)).Detail);
    }

    [Fact]
    public async Task BatchWindow_FiresThatManySecondsAfterTheFirstEvent_WithFewerFilesThanTheBatchSize()
    {
        var (lake, clock) = await LakeAsync(100, 30);
        await using var _ = lake;
        lake.Write(Prefix + "a.csv", "a\n1\n");
        Assert.Empty(await lake.Events.PollAsync(Callers.Token));

        clock.Advance(TimeSpan.FromSeconds(10));
        lake.Write(Prefix + "b.csv", "a\n2\n");
        Assert.Empty(await lake.Events.PollAsync(Callers.Token));
        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Empty(await lake.Events.PollAsync(Callers.Token));
        clock.Advance(TimeSpan.FromSeconds(1));
        var fire = Assert.Single(await lake.Events.PollAsync(Callers.Token));

        Assert.Equal(Start.AddSeconds(30), fire.DueAt);
        Assert.Equal($"2 file(s) under {Prefix} (batch window of 30 s closed).", fire.Detail);
    }

    [Fact]
    public async Task BurstOf10000Files_MakesOneFire_NotOnePerBatch()
    {
        var (lake, _) = await LakeAsync(5, 900);
        await using var _ = lake;
        var folder = lake.PathOf(Prefix + "burst/");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < 10_000; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"f{i:D5}.csv"), "a\n1\n", Callers.Token);
        }

        var fire = Assert.Single(await lake.Events.PollAsync(Callers.Token));
        Assert.Empty(await lake.Events.PollAsync(Callers.Token));

        Assert.Equal($"10000 file(s) under {Prefix} (batch size 5 reached).", fire.Detail);
        Assert.Single(fire.Actions);
        Assert.Single(await lake.FiresAsync("landed"));
    }

    [Fact]
    public async Task StoppedTrigger_KeepsPendingEvents_AndDoesNotScan()
    {
        var (lake, _) = await LakeAsync(2, 900);
        await using var _ = lake;
        lake.Write(Prefix + "a.csv", "a\n1\n");
        Assert.Empty(await lake.Events.PollAsync(Callers.Token));

        await lake.Triggers.StopAsync(Callers.Admin, "landed", Callers.Token);
        lake.Write(Prefix + "b.csv", "a\n2\n");
        Assert.Empty(await lake.Events.PollAsync(Callers.Token));
        await lake.Triggers.StartAsync(Callers.Admin, "landed", Callers.Token);
        lake.Write(Prefix + "c.csv", "a\n3\n");

        // a.csv was pending from before the stop; b.csv landed while stopped and is part of the new baseline.
        Assert.Equal($"2 file(s) under {Prefix} (batch size 2 reached).", Assert.Single(await lake.Events.PollAsync(Callers.Token)).Detail);
    }
}
