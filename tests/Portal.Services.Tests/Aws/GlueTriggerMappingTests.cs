using System.Text.Json;
using Lakeport.Services.Aws.Wire;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Lakeport.Services.Scheduling;

namespace Lakeport.Services.Tests.Aws;

public sealed class GlueTriggerMappingTests
{
    private static readonly TriggerDefinition Conditional = new(
        "after-orders", TriggerType.CONDITIONAL,
        [new TriggerAction("orders_to_parquet", null, new Dictionary<string, string> { ["--day"] = "today" }, 30), new TriggerAction(null, "curated", null)],
        "after the orders crawl", null,
        new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition(null, null, "raw-orders", "SUCCEEDED"), new TriggerCondition("load", "FAILED", null, null)]));

    private static Trigger Stored(TriggerDefinition definition, TriggerState state = TriggerState.ACTIVATED) =>
        new(definition, state, "adam", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, []);

    [Fact]
    public void CreateTrigger_FromTheCli_MapsEveryMember()
    {
        const string json = """
            {"Name":"after-orders","Type":"CONDITIONAL","Description":"after the orders crawl","StartOnCreation":true,
             "Actions":[{"JobName":"orders_to_parquet","Arguments":{"--day":"today"},"Timeout":30},{"CrawlerName":"curated"}],
             "Predicate":{"Logical":"ANY","Conditions":[{"LogicalOperator":"EQUALS","CrawlerName":"raw-orders","CrawlState":"SUCCEEDED"},{"JobName":"load","State":"FAILED"}]}}
            """;

        var definition = JsonSerializer.Deserialize<CreateTriggerRequest>(json, AwsJson.Options)!.ToDomain("after-orders");

        Assert.Equal(Conditional with { StartOnCreation = true, Actions = definition.Actions, Predicate = definition.Predicate }, definition);
        Assert.Equal(("orders_to_parquet", "today", 30), (definition.Actions[0].JobName, definition.Actions[0].Arguments!["--day"], definition.Actions[0].Timeout));
        Assert.Equal("curated", definition.Actions[1].CrawlerName);
        Assert.Equal(PredicateLogical.ANY, definition.Predicate!.Logical);
        Assert.Equal(Conditional.Predicate!.Conditions, definition.Predicate.Conditions);
    }

    [Fact]
    public void EventTrigger_TakesItsLakePrefixFromTheTag_AndItsBatching()
    {
        var request = new CreateTriggerRequest
        {
            Name = "on-landing", Type = "EVENT", Actions = [new GlueAction { CrawlerName = "raw" }],
            Tags = new Dictionary<string, string> { [TriggerRules.EventPrefixTag] = "s3://samples/landing/", ["team"] = "ops" },
            EventBatchingCondition = new GlueEventBatchingCondition { BatchSize = 10, BatchWindow = 300 },
        };

        var definition = request.ToDomain("on-landing");

        Assert.Equal((TriggerType.EVENT, "s3://samples/landing/", new EventBatchingCondition(10, 300)), (definition.Type, definition.EventPrefix, definition.EventBatching));
    }

    [Fact]
    public void Predicate_WithoutLogical_IsAnd_AsInGlue()
    {
        var request = new CreateTriggerRequest
        {
            Type = "CONDITIONAL", Actions = [new GlueAction { JobName = "j" }],
            Predicate = new GluePredicate { Conditions = [new GlueCondition { JobName = "a", State = "SUCCEEDED" }] },
        };

        Assert.Equal(PredicateLogical.AND, request.ToDomain("t").Predicate!.Logical);
    }

    [Theory]
    [InlineData("""{"Type":"WEEKLY","Actions":[]}""", "Type 'WEEKLY'")]
    [InlineData("""{"Type":"1","Actions":[]}""", "Type '1'")]
    [InlineData("""{"Type":"ON_DEMAND","WorkflowName":"w","Actions":[]}""", "Workflows")]
    [InlineData("""{"Type":"ON_DEMAND","Actions":[{"JobName":"j","SecurityConfiguration":"kms"}]}""", "security configurations")]
    [InlineData("""{"Type":"CONDITIONAL","Actions":[],"Predicate":{"Logical":"OR"}}""", "Predicate.Logical 'OR'")]
    [InlineData("""{"Type":"CONDITIONAL","Actions":[],"Predicate":{"Conditions":[{"LogicalOperator":"NOT_EQUALS","JobName":"a"}]}}""", "NOT_EQUALS")]
    [InlineData("""{"Type":"EVENT","Actions":[],"EventBatchingCondition":{"BatchWindow":60}}""", "BatchSize")]
    public void WhatLakeportHasNoCounterpartFor_IsRefusedSayingWhy(string json, string reason)
    {
        var request = JsonSerializer.Deserialize<CreateTriggerRequest>(json, AwsJson.Options)!;

        var error = Assert.Throws<InvalidInputException>(() => request.ToDomain("t"));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateTrigger_ChangesWhatItCarries_AndKeepsTheRest()
    {
        var updated = new GlueTriggerUpdate { Description = "now daily", Actions = [new GlueAction { JobName = "other" }] }.ApplyTo(Conditional);

        Assert.Equal(("after-orders", TriggerType.CONDITIONAL, "now daily"), (updated.Name, updated.Type, updated.Description));
        Assert.Equal("other", Assert.Single(updated.Actions).JobName);
        Assert.Same(Conditional.Predicate, updated.Predicate);
    }

    [Fact]
    public void UpdateTrigger_CannotRename() =>
        Assert.Throws<InvalidInputException>(() => new GlueTriggerUpdate { Name = "renamed" }.ApplyTo(Conditional));

    [Fact]
    public void Trigger_OnTheWire_HasGluesShape()
    {
        var wire = Stored(Conditional).ToWire();

        Assert.Equal(
            """{"Name":"after-orders","Type":"CONDITIONAL","State":"ACTIVATED","Description":"after the orders crawl","Actions":[{"JobName":"orders_to_parquet","Arguments":{"--day":"today"},"Timeout":30},{"CrawlerName":"curated"}],"Predicate":{"Logical":"ANY","Conditions":[{"LogicalOperator":"EQUALS","CrawlerName":"raw-orders","CrawlState":"SUCCEEDED"},{"LogicalOperator":"EQUALS","JobName":"load","State":"FAILED"}]}}""",
            JsonSerializer.Serialize(wire, AwsJson.Options));
    }

    [Fact]
    public void ScheduledTrigger_OnTheWire_CarriesItsScheduleAndNoPredicate()
    {
        var scheduled = new TriggerDefinition("nightly", TriggerType.SCHEDULED, [new TriggerAction("j", null)], Schedule: "cron(0 2 * * ? *)",
            EventBatching: null);

        var wire = Stored(scheduled, TriggerState.DEACTIVATED).ToWire();

        Assert.Equal(("cron(0 2 * * ? *)", "DEACTIVATED"), (wire.Schedule, wire.State));
        Assert.Null(wire.Predicate);
        Assert.Null(wire.Actions![0].Arguments);
    }

    [Fact]
    public void DependentJobName_MatchesTriggersThatStartTheJob()
    {
        Assert.True(Stored(Conditional).Starts("orders_to_parquet"));
        Assert.False(Stored(Conditional).Starts("curated"));
    }
}
