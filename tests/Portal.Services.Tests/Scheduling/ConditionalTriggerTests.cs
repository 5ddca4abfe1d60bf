using Lakeport.Services.Scheduling;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Scheduling;

/// <summary>
/// CONDITIONAL triggers on real runs (jobs without a script, which end FAILED at once) and the real clock. The run event
/// hub hands finished runs over in order, so once a later fire is seen every earlier run has been looked at.
/// </summary>
public sealed class ConditionalTriggerTests
{
    private static async Task<TriggerLake> LakeAsync(params string[] jobs)
    {
        var lake = await TriggerLake.CreateAsync();
        foreach (var job in jobs)
        {
            await lake.CreateFailingJobAsync(job);
            await lake.Triggers.CreateAsync(Callers.Admin, new TriggerDefinition($"kick-{job}", TriggerType.ON_DEMAND, [new TriggerAction(job, null)]), Callers.Token);
        }

        await lake.CreateFailingJobAsync("next");
        await lake.StartEngineAsync();
        return lake;
    }

    private static TriggerDefinition When(PredicateLogical logical, params string[] jobs) =>
        new("when", TriggerType.CONDITIONAL, [new TriggerAction("next", null)],
            Predicate: new TriggerPredicate(logical, jobs.Select(j => new TriggerCondition(j, "FAILED", null, null)).ToList()), StartOnCreation: true);

    /// <summary>Fires the job's on-demand trigger and waits for the run it started to finish; returns the run's id.</summary>
    private static async Task<string> KickAsync(TriggerLake lake, string job)
    {
        var fire = (await lake.Triggers.StartAsync(Callers.Admin, $"kick-{job}", Callers.Token)).LastFire!;
        return (await lake.WaitForRunAsync(job, fire.Actions.Single().RunId!)).Id;
    }

    [Fact]
    public async Task Any_FiresOnATriggerStartedRun_ButNotOnAUserStartedOne()
    {
        await using var lake = await LakeAsync("up");
        await lake.Triggers.CreateAsync(Callers.Admin, When(PredicateLogical.ANY, "up"), Callers.Token);

        var byUser = await lake.Jobs.StartRunAsync(Callers.Analyst, "up", null, null, Callers.Token);
        await lake.WaitForRunAsync("up", byUser.Id);
        var byTrigger = await KickAsync(lake, "up");

        var fire = Assert.Single(await lake.WaitForFiresAsync("when", 1));
        Assert.Equal((FireCause.Condition, FireOutcome.Started), (fire.Cause, fire.Outcome));
        Assert.Equal($"job up FAILED (run {byTrigger})", fire.Detail);
        var next = await lake.WaitForTriggeredRunAsync("next", "when");
        Assert.Equal(fire.Actions.Single().RunId, next.Id);
    }

    [Fact]
    public async Task And_FiresOnlyWhenEveryConditionMetSinceTheLastFire()
    {
        await using var lake = await LakeAsync("a", "b");
        await lake.Triggers.CreateAsync(Callers.Admin, When(PredicateLogical.AND, "a", "b"), Callers.Token);

        await KickAsync(lake, "a");
        await KickAsync(lake, "b");
        var first = Assert.Single(await lake.WaitForFiresAsync("when", 1));
        Assert.Contains("job a FAILED", first.Detail, StringComparison.Ordinal);
        Assert.Contains("job b FAILED", first.Detail, StringComparison.Ordinal);

        // b alone again does not fire (a's run is from before the fire); a after it completes the second round.
        var b2 = await KickAsync(lake, "b");
        var a2 = await KickAsync(lake, "a");
        var fires = await lake.WaitForFiresAsync("when", 2);

        Assert.Equal(2, fires.Count);
        Assert.Contains($"job a FAILED (run {a2})", fires[0].Detail, StringComparison.Ordinal);
        Assert.Contains($"job b FAILED (run {b2})", fires[0].Detail, StringComparison.Ordinal);
        Assert.Equal(2, (await lake.Triggers.GetFiresAsync(Callers.Viewer, "when", new Common.PageRequest(), Callers.Token)).Items.Count);
    }

    [Fact]
    public async Task DeactivatedConditionalTrigger_DoesNotFire()
    {
        await using var lake = await LakeAsync("up");
        await lake.Triggers.CreateAsync(Callers.Admin, When(PredicateLogical.ANY, "up") with { StartOnCreation = false }, Callers.Token);
        await lake.Triggers.CreateAsync(Callers.Admin, When(PredicateLogical.ANY, "up") with { Name = "witness" }, Callers.Token);

        await KickAsync(lake, "up");
        await lake.WaitForFiresAsync("witness", 1);

        Assert.Empty(await lake.FiresAsync("when"));
    }

    [Fact]
    public async Task Graph_LinksTriggersToTheRunsTheyStartAndWatch_WithLiveStatus()
    {
        await using var lake = await LakeAsync("up");
        await lake.Triggers.CreateAsync(Callers.Admin, When(PredicateLogical.ANY, "up"), Callers.Token);
        await KickAsync(lake, "up");
        await lake.WaitForTriggeredRunAsync("next", "when");

        var graph = await lake.Triggers.GetGraphAsync(Callers.Viewer, Callers.Token);

        Assert.Contains(new GraphEdge("trigger:kick-up", "job:up", "starts"), graph.Edges);
        Assert.Contains(new GraphEdge("job:up", "trigger:when", "when FAILED"), graph.Edges);
        Assert.Contains(new GraphEdge("trigger:when", "job:next", "starts"), graph.Edges);
        Assert.Equal("FAILED", graph.Nodes.Single(n => n.Id == "job:up").Status);
        Assert.Equal("ACTIVATED", graph.Nodes.Single(n => n.Id == "trigger:when").Status);
    }
}
