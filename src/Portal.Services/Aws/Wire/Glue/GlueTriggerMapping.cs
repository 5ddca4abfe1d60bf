using Lakeport.Services.Common;
using Lakeport.Services.Scheduling;

namespace Lakeport.Services.Aws.Wire.Glue;

/// <summary>
/// Trigger model ↔ Glue wire shapes. The schedule, predicate and batching rules are the trigger service's to check;
/// this maps names and refuses what Lakeport has no counterpart for (workflows, security configurations). An EVENT
/// trigger's lake prefix travels as the tag <see cref="TriggerRules.EventPrefixTag"/>, since Glue takes it from an
/// EventBridge rule.
/// </summary>
public static class GlueTriggerMapping
{
    public const string EqualsOperator = "EQUALS";

    public static TriggerDefinition ToDomain(this CreateTriggerRequest request, string name)
    {
        if (!string.IsNullOrEmpty(request.WorkflowName))
        {
            throw new InvalidInputException("Workflows are not supported by Lakeport; create the trigger without WorkflowName.");
        }

        var prefix = request.Tags?.GetValueOrDefault(TriggerRules.EventPrefixTag);
        return new TriggerDefinition(
            name,
            Parse<TriggerType>(request.Type, "Type"),
            Actions(request.Actions),
            request.Description,
            request.Schedule,
            Predicate(request.Predicate),
            string.IsNullOrEmpty(prefix) ? null : prefix,
            Batching(request.EventBatchingCondition),
            request.StartOnCreation ?? false);
    }

    /// <summary>UpdateTrigger changes the members it carries and keeps the rest; the name and type stay.</summary>
    public static TriggerDefinition ApplyTo(this GlueTriggerUpdate update, TriggerDefinition current)
    {
        if (update.Name is not null && update.Name != current.Name)
        {
            throw new InvalidInputException($"Trigger {current.Name} cannot be renamed to {update.Name}; TriggerUpdate.Name must be left out or be the same.");
        }

        return current with
        {
            Description = update.Description ?? current.Description,
            Schedule = update.Schedule ?? current.Schedule,
            Actions = update.Actions is null ? current.Actions : Actions(update.Actions),
            Predicate = update.Predicate is null ? current.Predicate : Predicate(update.Predicate),
            EventBatching = update.EventBatchingCondition is null ? current.EventBatching : Batching(update.EventBatchingCondition),
        };
    }

    public static GlueTrigger ToWire(this Trigger trigger)
    {
        var definition = trigger.Definition;
        return new GlueTrigger
        {
            Name = definition.Name,
            Type = definition.Type.ToString(),
            State = trigger.State.ToString(),
            Description = definition.Description,
            Schedule = definition.Schedule,
            Actions = WireActions(definition.Actions),
            Predicate = WirePredicate(definition.Predicate),
            EventBatchingCondition = WireBatching(definition.EventBatching),
        };
    }

    /// <summary>GetTriggers' DependentJobName: the triggers that can start the job.</summary>
    public static bool Starts(this Trigger trigger, string jobName) =>
        trigger.Definition.Actions.Any(a => string.Equals(a.JobName, jobName, StringComparison.Ordinal));

    private static List<GlueAction> WireActions(IReadOnlyList<TriggerAction> actions) =>
        actions.Select(a => new GlueAction
        {
            JobName = a.JobName,
            CrawlerName = a.CrawlerName,
            Arguments = a.Arguments is { Count: > 0 } arguments ? new Dictionary<string, string>(arguments) : null,
            Timeout = a.Timeout,
        }).ToList();

    private static GluePredicate? WirePredicate(TriggerPredicate? predicate) =>
        predicate is null ? null
        : new GluePredicate
        {
            Logical = predicate.Logical.ToString(),
            Conditions = predicate.Conditions.Select(c => new GlueCondition
            {
                LogicalOperator = EqualsOperator,
                JobName = c.JobName,
                State = c.State,
                CrawlerName = c.CrawlerName,
                CrawlState = c.CrawlState,
            }).ToList(),
        };

    private static GlueEventBatchingCondition? WireBatching(EventBatchingCondition? batching) =>
        batching is null ? null : new GlueEventBatchingCondition { BatchSize = batching.BatchSize, BatchWindow = batching.BatchWindow };

    private static List<TriggerAction> Actions(List<GlueAction>? actions) =>
        (actions ?? []).Select((a, i) => !string.IsNullOrEmpty(a.SecurityConfiguration)
                ? throw new InvalidInputException($"Action {i + 1}: security configurations are not supported by Lakeport; leave SecurityConfiguration out.")
                : new TriggerAction(a.JobName, a.CrawlerName, a.Arguments, a.Timeout))
            .ToList();

    internal static TriggerPredicate? Predicate(GluePredicate? predicate) =>
        predicate is null ? null
        : new TriggerPredicate(
            predicate.Logical is null ? PredicateLogical.AND : Parse<PredicateLogical>(predicate.Logical, "Predicate.Logical"),
            (predicate.Conditions ?? []).Select((c, i) => c.LogicalOperator is null or EqualsOperator
                    ? new TriggerCondition(c.JobName, c.State, c.CrawlerName, c.CrawlState)
                    : throw new InvalidInputException($"Condition {i + 1}: LogicalOperator '{c.LogicalOperator}' is not {EqualsOperator}, the only one Glue has."))
                .ToList());

    internal static EventBatchingCondition? Batching(GlueEventBatchingCondition? batching) =>
        batching is null ? null
        : new EventBatchingCondition(batching.BatchSize ?? throw new InvalidInputException("EventBatchingCondition needs a BatchSize (1–100)."), batching.BatchWindow);

    private static T Parse<T>(string? value, string member) where T : struct, Enum =>
        value is not null && Enum.GetNames<T>().Contains(value, StringComparer.Ordinal)
            ? Enum.Parse<T>(value)
            : throw new InvalidInputException($"{member} '{value}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
}
