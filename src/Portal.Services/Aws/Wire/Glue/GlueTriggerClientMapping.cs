using Lakeport.Services.Aws.Client;
using Lakeport.Services.Scheduling;

namespace Lakeport.Services.Aws.Wire.Glue;

/// <summary>
/// The Aws backend's side of the trigger mapping: domain → CreateTrigger/UpdateTrigger requests, and Glue's triggers →
/// domain. An EVENT trigger has no lake prefix on AWS (an EventBridge rule feeds it), so none is sent or read.
/// </summary>
public static class GlueTriggerClientMapping
{
    public static CreateTriggerRequest ToCreateRequest(this TriggerDefinition definition)
    {
        var wire = Wire(definition);
        return new CreateTriggerRequest
        {
            Name = definition.Name,
            Type = wire.Type,
            Schedule = definition.Schedule,
            Predicate = wire.Predicate,
            Actions = wire.Actions,
            Description = definition.Description,
            StartOnCreation = definition.StartOnCreation ? true : null,
            EventBatchingCondition = wire.EventBatchingCondition,
        };
    }

    /// <summary>UpdateTrigger keeps the members it is not sent, so the whole definition goes (an empty description clears it).</summary>
    public static GlueTriggerUpdate ToUpdate(this TriggerDefinition definition)
    {
        var wire = Wire(definition);
        return new GlueTriggerUpdate
        {
            Name = definition.Name,
            Description = definition.Description ?? "",
            Schedule = definition.Schedule,
            Actions = wire.Actions,
            Predicate = wire.Predicate,
            EventBatchingCondition = wire.EventBatchingCondition,
        };
    }

    /// <summary>A trigger as Glue describes it; what Glue does not say (who created it, when) stays null.</summary>
    public static Trigger ToDomain(this GlueTrigger trigger)
    {
        var name = trigger.Name ?? throw Malformed("a trigger without a Name");
        var definition = new TriggerDefinition(
            name,
            Parse<TriggerType>(trigger.Type, name, "Type"),
            (trigger.Actions ?? []).Select(a => new TriggerAction(a.JobName, a.CrawlerName, a.Arguments, a.Timeout)).ToList(),
            trigger.Description,
            trigger.Schedule,
            GlueTriggerMapping.Predicate(trigger.Predicate),
            null,
            trigger.EventBatchingCondition is { BatchSize: not null } batching ? GlueTriggerMapping.Batching(batching) : null);
        return new Trigger(definition, Parse<TriggerState>(trigger.State, name, "State"), null, null, null, null, null, null, []);
    }

    /// <summary>The server side's domain → wire mapping, reused for the members a request shares with Glue's Trigger.</summary>
    private static GlueTrigger Wire(TriggerDefinition definition) => new Trigger(definition, TriggerState.CREATED, null, null, null, null, null, null, []).ToWire();

    private static T Parse<T>(string? value, string trigger, string member) where T : struct, Enum =>
        value is not null && Enum.GetNames<T>().Contains(value, StringComparer.Ordinal)
            ? Enum.Parse<T>(value)
            : throw Malformed($"trigger {trigger} with {member} '{value}', not one of {string.Join(", ", Enum.GetNames<T>())}");

    private static AwsServiceException Malformed(string what) =>
        new("MalformedResponse", $"Glue answered {what}.", 200, null, AwsService.Glue.Name);
}
