using Lakeport.Portal.Components.Pages.Jobs;
using Lakeport.Services.Scheduling;

namespace Lakeport.Portal.Components.Pages.Triggers;

/// <summary>Whether an action or condition names a job or a crawler.</summary>
public enum TargetKind
{
    Job,
    Crawler,
}

/// <summary>One editable action: a job (with arguments and a timeout) or a crawler.</summary>
public sealed class ActionRow
{
    public TargetKind Kind { get; set; }

    public string? Name { get; set; }

    public List<ArgumentRow> Arguments { get; set; } = [];

    public int? Timeout { get; set; }

    public TriggerAction ToAction() => Kind == TargetKind.Job
        ? new TriggerAction(Name, null, Arguments.Count > 0 ? ArgumentRow.ToDictionary(Arguments) : null, Timeout)
        : new TriggerAction(null, Name);

    public static ActionRow From(TriggerAction action) => action.JobName is { } job
        ? new ActionRow { Kind = TargetKind.Job, Name = job, Arguments = ArgumentRow.From(action.Arguments ?? new Dictionary<string, string>()), Timeout = action.Timeout }
        : new ActionRow { Kind = TargetKind.Crawler, Name = action.CrawlerName };
}

/// <summary>One editable condition: a job run state or a crawl state (Glue's LogicalOperator is always EQUALS).</summary>
public sealed class ConditionRow
{
    public static IReadOnlyList<string> JobStates { get; } = ["SUCCEEDED", "STOPPED", "FAILED", "TIMEOUT"];

    public static IReadOnlyList<string> CrawlStates { get; } = ["SUCCEEDED", "FAILED", "CANCELLED"];

    public TargetKind Kind { get; set; }

    public string? Name { get; set; }

    public string State { get; set; } = "SUCCEEDED";

    public TriggerCondition ToCondition() => Kind == TargetKind.Job
        ? new TriggerCondition(Name, State, null, null)
        : new TriggerCondition(null, null, Name, State);

    public static ConditionRow From(TriggerCondition condition) => condition.JobName is { } job
        ? new ConditionRow { Kind = TargetKind.Job, Name = job, State = condition.State ?? "SUCCEEDED" }
        : new ConditionRow { Kind = TargetKind.Crawler, Name = condition.CrawlerName, State = condition.CrawlState ?? "SUCCEEDED" };
}

/// <summary>The trigger dialog's editable state and its translation to and from a <see cref="TriggerDefinition"/>.</summary>
public sealed class TriggerForm
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public TriggerType Type { get; set; } = TriggerType.SCHEDULED;

    public string Schedule { get; set; } = "cron(15 12 * * ? *)";

    public PredicateLogical Logical { get; set; } = PredicateLogical.AND;

    public List<ConditionRow> Conditions { get; set; } = [new()];

    public string EventPrefix { get; set; } = "s3://";

    /// <summary>False on AWS, where an EventBridge rule feeds an EVENT trigger instead of a lake prefix.</summary>
    public bool UsesEventPrefix { get; set; } = true;

    public int BatchSize { get; set; } = 1;

    public int? BatchWindow { get; set; } = 900;

    public List<ActionRow> Actions { get; set; } = [new()];

    public bool StartOnCreation { get; set; }

    /// <summary>Glue takes StartOnCreation for every type but ON_DEMAND, which never activates.</summary>
    public bool OffersStartOnCreation => Type != TriggerType.ON_DEMAND;

    public static TriggerForm From(TriggerDefinition definition) => new()
    {
        Name = definition.Name,
        Description = definition.Description,
        Type = definition.Type,
        Schedule = definition.Schedule ?? "",
        Logical = definition.Predicate?.Logical ?? PredicateLogical.AND,
        Conditions = definition.Predicate is { } p ? [.. p.Conditions.Select(ConditionRow.From)] : [new()],
        EventPrefix = definition.EventPrefix ?? "s3://",
        BatchSize = definition.EventBatching?.BatchSize ?? 1,
        BatchWindow = definition.EventBatching?.BatchWindow,
        Actions = [.. definition.Actions.Select(ActionRow.From)],
        StartOnCreation = definition.StartOnCreation,
    };

    /// <summary>Only the parts the type uses travel; the service checks the rest (names exist, no cycles).</summary>
    public TriggerDefinition ToDefinition() => new(
        Name.Trim(),
        Type,
        [.. Actions.Select(a => a.ToAction())],
        string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        Type == TriggerType.SCHEDULED ? Schedule.Trim() : null,
        Type == TriggerType.CONDITIONAL ? new TriggerPredicate(Logical, [.. Conditions.Select(c => c.ToCondition())]) : null,
        Type == TriggerType.EVENT && UsesEventPrefix ? EventPrefix.Trim() : null,
        Type == TriggerType.EVENT ? new EventBatchingCondition(BatchSize, BatchWindow) : null,
        OffersStartOnCreation && StartOnCreation);
}
