using System.Text.Json;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Scheduling;

namespace Lakeport.Services.Tests.Aws;

/// <summary>The Aws backend's trigger requests and its reading of Glue's triggers.</summary>
public sealed class GlueTriggerClientMappingTests
{
    private static readonly TriggerDefinition Conditional = new(
        "after-orders", TriggerType.CONDITIONAL,
        [new TriggerAction("orders_to_parquet", null, new Dictionary<string, string> { ["--day"] = "today" }, 30), new TriggerAction(null, "curated")],
        "after the orders crawl", null,
        new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition(null, null, "raw-orders", "SUCCEEDED"), new TriggerCondition("load", "FAILED", null, null)]),
        StartOnCreation: true);

    [Fact]
    public void CreateRequest_CarriesEveryMember_WithEqualsConditions()
    {
        var json = JsonSerializer.Serialize(Conditional.ToCreateRequest(), AwsJson.Options);

        Assert.Equal(
            """{"Name":"after-orders","Type":"CONDITIONAL","Predicate":{"Logical":"ANY","Conditions":[{"LogicalOperator":"EQUALS","CrawlerName":"raw-orders","CrawlState":"SUCCEEDED"},{"LogicalOperator":"EQUALS","JobName":"load","State":"FAILED"}]},"Actions":[{"JobName":"orders_to_parquet","Arguments":{"--day":"today"},"Timeout":30},{"CrawlerName":"curated"}],"Description":"after the orders crawl","StartOnCreation":true}""",
            json);
    }

    [Fact]
    public void Update_SendsTheWholeDefinition_SoAClearedDescriptionIsCleared()
    {
        var update = (Conditional with { Description = null }).ToUpdate();

        Assert.Equal(("after-orders", ""), (update.Name, update.Description));
        Assert.Equal(2, update.Actions!.Count);
        Assert.Equal("ANY", update.Predicate!.Logical);
    }

    [Fact]
    public void GluesTrigger_ReadsBack_AsTheDefinitionSent_WithWhatGlueDoesNotSayLeftNull()
    {
        var request = Conditional.ToCreateRequest();
        var wire = new GlueTrigger
        {
            Name = request.Name, Type = request.Type, State = "ACTIVATED", Description = request.Description, Actions = request.Actions, Predicate = request.Predicate,
        };

        var trigger = wire.ToDomain();

        Assert.Equal(TriggerState.ACTIVATED, trigger.State);
        Assert.Equal((string?)null, trigger.CreatedBy);
        Assert.Null(trigger.CreatedOn);
        Assert.Equal(PredicateLogical.ANY, trigger.Definition.Predicate!.Logical);
        Assert.Equal(Conditional.Predicate!.Conditions, trigger.Definition.Predicate.Conditions);
        Assert.Equal(["orders_to_parquet", null], trigger.Definition.Actions.Select(a => a.JobName));
        Assert.Equal(30, trigger.Definition.Actions[0].Timeout);
    }

    [Fact]
    public void GluesTrigger_WithAStateThePortalDoesNotKnow_IsAMalformedAnswer()
    {
        var error = Assert.Throws<AwsServiceException>(() => new GlueTrigger { Name = "t", Type = "SCHEDULED", State = "PAUSED" }.ToDomain());

        Assert.Contains("State 'PAUSED'", error.Message, StringComparison.Ordinal);
    }
}
