using Lakeport.Services.Common;
using Lakeport.Services.Scheduling;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Scheduling;

/// <summary>What CreateTrigger refuses, each with a message that names the field at fault, and that nothing is stored then.</summary>
public sealed class TriggerValidationTests
{
    private static readonly TriggerAction RunA = new("a", null);

    private static async Task<TriggerLake> LakeAsync()
    {
        var lake = await TriggerLake.CreateAsync();
        await lake.CreateFailingJobAsync("a");
        await lake.CreateFailingJobAsync("b");
        await lake.CreateCrawlerAsync("c", "s3://landing/in/");
        return lake;
    }

    private static async Task<string> RefusedAsync(TriggerLake lake, TriggerDefinition definition)
    {
        var error = await Assert.ThrowsAnyAsync<PortalException>(() => lake.Triggers.CreateAsync(Callers.Admin, definition, Callers.Token));
        Assert.DoesNotContain((await lake.Triggers.ListAsync(Callers.Viewer, new PageRequest(), Callers.Token)).Items, t => t.Definition.Name == definition.Name);
        return error.Message;
    }

    private static readonly Dictionary<string, (TriggerDefinition Definition, string Expected)> Bad = new()
    {
        ["empty name"] = (new TriggerDefinition("", TriggerType.ON_DEMAND, [RunA]), "name"),
        ["no actions"] = (new TriggerDefinition("t", TriggerType.ON_DEMAND, []), "at least one action"),
        ["action naming both"] = (new TriggerDefinition("t", TriggerType.ON_DEMAND, [new TriggerAction("a", "c")]), "exactly one job"),
        ["action naming none"] = (new TriggerDefinition("t", TriggerType.ON_DEMAND, [new TriggerAction(null, " ")]), "exactly one job"),
        ["unknown job"] = (new TriggerDefinition("t", TriggerType.ON_DEMAND, [new TriggerAction("nope", null)]), "job nope, which does not exist"),
        ["unknown crawler"] = (new TriggerDefinition("t", TriggerType.ON_DEMAND, [new TriggerAction(null, "nope")]), "crawler nope, which does not exist"),
        ["timeout out of range"] = (new TriggerDefinition("t", TriggerType.ON_DEMAND, [RunA with { Timeout = 0 }]), "Timeout must be between 1 and 10,079"),
        ["arguments on a crawler"] = (new TriggerDefinition("t", TriggerType.ON_DEMAND, [new TriggerAction(null, "c", new Dictionary<string, string> { ["--x"] = "1" })]), "arguments apply to a job"),
        ["scheduled without schedule"] = (new TriggerDefinition("t", TriggerType.SCHEDULED, [RunA]), "not a schedule"),
        ["one-minute cron"] = (new TriggerDefinition("t", TriggerType.SCHEDULED, [RunA], Schedule: "cron(* * * * ? *)"), "5 minutes"),
        ["schedule on a conditional"] = (new TriggerDefinition("t", TriggerType.CONDITIONAL, [RunA], Schedule: "rate(1 hour)",
            Predicate: new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition("b", "SUCCEEDED", null, null)])), "only a SCHEDULED trigger"),
        ["conditional without predicate"] = (new TriggerDefinition("t", TriggerType.CONDITIONAL, [RunA]), "Predicate with at least one condition"),
        ["condition naming both"] = (new TriggerDefinition("t", TriggerType.CONDITIONAL, [RunA],
            Predicate: new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition("b", "SUCCEEDED", "c", "SUCCEEDED")])), "exactly one job (JobName + State)"),
        ["job condition with a crawl state"] = (new TriggerDefinition("t", TriggerType.CONDITIONAL, [RunA],
            Predicate: new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition("b", null, null, "SUCCEEDED")])), "takes State, not CrawlState"),
        ["unknown job state"] = (new TriggerDefinition("t", TriggerType.CONDITIONAL, [RunA],
            Predicate: new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition("b", "DONE", null, null)])), "State 'DONE' of job b"),
        ["unknown crawl state"] = (new TriggerDefinition("t", TriggerType.CONDITIONAL, [RunA],
            Predicate: new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition(null, null, "c", "TIMEOUT")])), "CrawlState 'TIMEOUT' of crawler c"),
        ["condition on an unknown job"] = (new TriggerDefinition("t", TriggerType.CONDITIONAL, [RunA],
            Predicate: new TriggerPredicate(PredicateLogical.AND, [new TriggerCondition("ghost", "SUCCEEDED", null, null)])), "watches job ghost, which does not exist"),
        ["event without prefix"] = (new TriggerDefinition("t", TriggerType.EVENT, [RunA]), "event prefix"),
        ["event prefix not s3"] = (new TriggerDefinition("t", TriggerType.EVENT, [RunA], EventPrefix: "/etc/"), "event prefix"),
        ["event prefix climbing out"] = (new TriggerDefinition("t", TriggerType.EVENT, [RunA], EventPrefix: "s3://landing/../../../etc/"), "may not contain '.' or '..' segments"),
        ["batch size 0"] = (new TriggerDefinition("t", TriggerType.EVENT, [RunA], EventPrefix: "s3://landing/in/", EventBatching: new EventBatchingCondition(0, 10)), "BatchSize must be between 1 and 100"),
        ["batch size 101"] = (new TriggerDefinition("t", TriggerType.EVENT, [RunA], EventPrefix: "s3://landing/in/", EventBatching: new EventBatchingCondition(101, 10)), "BatchSize must be between 1 and 100"),
        ["batch window 901"] = (new TriggerDefinition("t", TriggerType.EVENT, [RunA], EventPrefix: "s3://landing/in/", EventBatching: new EventBatchingCondition(5, 901)), "BatchWindow must be between 1 and 900"),
        ["start on creation of on-demand"] = (new TriggerDefinition("t", TriggerType.ON_DEMAND, [RunA], StartOnCreation: true), "StartOnCreation does not apply"),
    };

    public static TheoryData<string> BadCases => [.. Bad.Keys];

    [Theory]
    [MemberData(nameof(BadCases))]
    public async Task Create_BadDefinition_IsRefusedWithAClearMessage(string why)
    {
        await using var lake = await LakeAsync();
        var (definition, expected) = Bad[why];

        var message = await RefusedAsync(lake, definition);

        Assert.True(message.Contains(expected, StringComparison.Ordinal), $"{why}: '{message}' does not say '{expected}'.");
    }

    [Fact]
    public async Task Create_InvalidCron_NamesTheFieldAtFault()
    {
        await using var lake = await LakeAsync();

        var error = await Assert.ThrowsAsync<ScheduleException>(() => lake.Triggers.CreateAsync(Callers.Admin,
            new TriggerDefinition("t", TriggerType.SCHEDULED, [RunA], Schedule: "cron(60 * * * ? *)"), Callers.Token));

        Assert.Equal("Minutes", error.Field);
    }

    [Fact]
    public async Task Create_CycleOfConditionalTriggers_IsRefusedNamingThePath()
    {
        await using var lake = await LakeAsync();
        await lake.Triggers.CreateAsync(Callers.Admin, new TriggerDefinition("a-then-crawl", TriggerType.CONDITIONAL, [new TriggerAction(null, "c")],
            Predicate: new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition("a", "SUCCEEDED", null, null)])), Callers.Token);
        await lake.Triggers.CreateAsync(Callers.Admin, new TriggerDefinition("crawl-then-b", TriggerType.CONDITIONAL, [new TriggerAction("b", null)],
            Predicate: new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition(null, null, "c", "SUCCEEDED")])), Callers.Token);

        var message = await RefusedAsync(lake, new TriggerDefinition("b-then-a", TriggerType.CONDITIONAL, [RunA],
            Predicate: new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition("b", "FAILED", null, null)])));

        Assert.Contains("cycle", message, StringComparison.Ordinal);
        Assert.Contains("crawler c → trigger crawl-then-b → job b → trigger b-then-a → job a → trigger a-then-crawl → crawler c", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_ThatWouldCloseACycle_IsRefusedAndKeepsTheOldDefinition()
    {
        await using var lake = await LakeAsync();
        var loopFree = new TriggerDefinition("a-then-b", TriggerType.CONDITIONAL, [new TriggerAction("b", null)],
            Predicate: new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition("a", "SUCCEEDED", null, null)]));
        await lake.Triggers.CreateAsync(Callers.Admin, loopFree, Callers.Token);

        await Assert.ThrowsAsync<InvalidInputException>(() => lake.Triggers.UpdateAsync(Callers.Admin, loopFree with { Actions = [RunA] }, Callers.Token));

        Assert.Equal("b", (await lake.Triggers.GetAsync(Callers.Viewer, "a-then-b", Callers.Token)).Definition.Actions.Single().JobName);
    }

    [Fact]
    public async Task Create_EventTrigger_DefaultsBatchWindowTo900AndNormalizesThePrefix()
    {
        await using var lake = await LakeAsync();

        var trigger = await lake.Triggers.CreateAsync(Callers.Admin,
            new TriggerDefinition("landed", TriggerType.EVENT, [RunA], EventPrefix: "s3://landing/in", EventBatching: new EventBatchingCondition(10, null)), Callers.Token);

        Assert.Equal(new EventBatchingCondition(10, 900), trigger.Definition.EventBatching);
        Assert.Equal("s3://landing/in/", trigger.Definition.EventPrefix);
        Assert.Equal(TriggerState.CREATED, trigger.State);
    }

    [Fact]
    public async Task Create_ByAnAnalyst_IsDenied()
    {
        await using var lake = await LakeAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => lake.Triggers.CreateAsync(Callers.Analyst, new TriggerDefinition("t", TriggerType.ON_DEMAND, [RunA]), Callers.Token));
    }
}
