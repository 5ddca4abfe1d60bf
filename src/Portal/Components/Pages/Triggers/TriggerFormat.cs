using Lakeport.Services.Scheduling;
using MudBlazor;

namespace Lakeport.Portal.Components.Pages.Triggers;

/// <summary>How the trigger pages write states, what a trigger waits for, and fire outcomes.</summary>
public static class TriggerFormat
{
    public static Color StateColor(TriggerState state) => state switch
    {
        TriggerState.ACTIVATED => Color.Success,
        TriggerState.DEACTIVATED => Color.Default,
        TriggerState.CREATED => Color.Info,
        _ => Color.Warning,
    };

    public static Color OutcomeColor(FireOutcome outcome) => outcome switch
    {
        FireOutcome.Started => Color.Success,
        FireOutcome.PartlyStarted => Color.Warning,
        FireOutcome.Skipped => Color.Default,
        _ => Color.Error,
    };

    /// <summary>What makes the trigger fire, in one line: the schedule in words, the condition, the prefix, or "on demand".</summary>
    public static string Summary(TriggerDefinition definition) => definition.Type switch
    {
        TriggerType.SCHEDULED => Schedule(definition.Schedule),
        TriggerType.CONDITIONAL => Condition(definition.Predicate),
        TriggerType.EVENT => Event(definition),
        _ => "Started by hand (StartTrigger)",
    };

    public static string Schedule(string? schedule)
    {
        try
        {
            return $"{ScheduleDescription.Describe(ScheduleExpression.Parse(schedule))} · {schedule}";
        }
        catch (ScheduleException ex)
        {
            return $"{schedule}: {ex.Message}";
        }
    }

    public static string Condition(TriggerPredicate? predicate)
    {
        if (predicate is null || predicate.Conditions.Count == 0)
        {
            return "No conditions";
        }

        var parts = predicate.Conditions.Select(Condition).ToList();
        return parts.Count == 1 ? $"When {parts[0]}" : $"When {(predicate.Logical == PredicateLogical.AND ? "all" : "any")} of: {string.Join("; ", parts)}";
    }

    public static string Condition(TriggerCondition condition) => condition.JobName is { } job
        ? $"job {job} {condition.State}"
        : $"crawler {condition.CrawlerName} {condition.CrawlState}";

    public static string Event(TriggerDefinition definition)
    {
        var batch = definition.EventBatching is { } b
            ? $", batches of {b.BatchSize}{(b.BatchWindow is { } w ? $" or {w} s" : "")}"
            : "";
        // On AWS an EventBridge rule sends the events; there is no lake prefix.
        return definition.EventPrefix is { } prefix ? $"Files under {prefix}{batch}" : $"EventBridge events{batch}";
    }

    public static string Action(TriggerAction action) => action.JobName is { } job ? $"job {job}" : $"crawler {action.CrawlerName}";

    /// <summary>Graph colours: running blue, succeeded green, failed red; missing nodes are drawn grey and dashed.</summary>
    public static string NodeColor(GraphNode node) => node.Missing ? "#9e9e9e" : node.Status switch
    {
        "RUNNING" or "STARTING" or "WAITING" or "STOPPING" => "#1e88e5",
        "SUCCEEDED" or "READY" or "ACTIVATED" => "#43a047",
        "FAILED" or "ERROR" or "TIMEOUT" or "CANCELLED" => "#e53935",
        _ => "#78909c",
    };
}
