namespace Lakeport.Services.Scheduling;

/// <summary>Glue's trigger types. EVENT fires when files land under the trigger's lake prefix (<see cref="TriggerDefinition.EventPrefix"/>).</summary>
public enum TriggerType
{
    SCHEDULED,
    CONDITIONAL,
    ON_DEMAND,
    EVENT,
}

/// <summary>Glue's trigger states; an ON_DEMAND trigger stays CREATED.</summary>
public enum TriggerState
{
    CREATING,
    CREATED,
    ACTIVATING,
    ACTIVATED,
    DEACTIVATING,
    DEACTIVATED,
    DELETING,
    UPDATING,
}

/// <summary>Glue's <c>Predicate.Logical</c>: every condition (AND) or any one (ANY).</summary>
public enum PredicateLogical
{
    AND,
    ANY,
}

/// <summary>
/// One of Glue's <c>Condition</c>s (LogicalOperator is always EQUALS): a job run state (<see cref="JobName"/> +
/// <see cref="State"/>, e.g. SUCCEEDED) or a crawl state (<see cref="CrawlerName"/> + <see cref="CrawlState"/>, e.g. SUCCEEDED).
/// </summary>
public sealed record TriggerCondition(string? JobName, string? State, string? CrawlerName, string? CrawlState);

public sealed record TriggerPredicate(PredicateLogical Logical, IReadOnlyList<TriggerCondition> Conditions);

/// <summary>One of Glue's <c>Action</c>s: start a job (with arguments and an optional timeout in minutes) or a crawler.</summary>
public sealed record TriggerAction(string? JobName, string? CrawlerName, IReadOnlyDictionary<string, string>? Arguments = null, int? Timeout = null);

/// <summary>Glue's <c>EventBatchingCondition</c>: fire after <paramref name="BatchSize"/> events (1–100) or <paramref name="BatchWindow"/> seconds (1–900) after the first, whichever comes first.</summary>
public sealed record EventBatchingCondition(int BatchSize, int? BatchWindow);

/// <summary>
/// A trigger as CreateTrigger takes it. <paramref name="Schedule"/> is <c>cron(…)</c> or <c>rate(…)</c> for SCHEDULED;
/// <paramref name="Predicate"/> for CONDITIONAL; <paramref name="EventPrefix"/> (an <c>s3://</c> prefix in the lake) and
/// <paramref name="EventBatching"/> for EVENT. On the /aws wire the prefix travels as the tag <see cref="TriggerRules.EventPrefixTag"/>,
/// since Glue takes it from an EventBridge rule Lakeport does not have.
/// </summary>
public sealed record TriggerDefinition(
    string Name,
    TriggerType Type,
    IReadOnlyList<TriggerAction> Actions,
    string? Description = null,
    string? Schedule = null,
    TriggerPredicate? Predicate = null,
    string? EventPrefix = null,
    EventBatchingCondition? EventBatching = null,
    bool StartOnCreation = false);

/// <summary>A stored trigger with its state, when it fires next (SCHEDULED and ACTIVATED only) and its last fire.</summary>
/// <param name="CreatedBy">Who created it; null on AWS, where Glue does not say (nor when it was created or changed).</param>
/// <param name="Problems">What stops it from working as defined (a job or crawler it names no longer exists); empty when sound.</param>
public sealed record Trigger(
    TriggerDefinition Definition,
    TriggerState State,
    string? CreatedBy,
    DateTimeOffset? CreatedOn,
    DateTimeOffset? LastModifiedOn,
    DateTimeOffset? ActivatedOn,
    DateTimeOffset? NextFireAt,
    TriggerFire? LastFire,
    IReadOnlyList<string> Problems);

/// <summary>Why a trigger fired.</summary>
public enum FireCause
{
    Schedule,
    Condition,
    Event,
    Manual,
}

/// <summary>How a fire ended: every action started, some started, none.</summary>
public enum FireOutcome
{
    Started,
    PartlyStarted,
    Failed,
    Skipped,
}

/// <summary>What one action of a fire did: the run it started, or why it could not.</summary>
public sealed record FiredAction(string? JobName, string? CrawlerName, string? RunId, string? Error);

/// <summary>
/// One fire in the history. <paramref name="DueAt"/> is when it was due (schedule time, batch close, condition met);
/// <paramref name="Late"/> marks a scheduled fire that was due while the portal was down and ran once at start-up.
/// </summary>
/// <param name="Detail">What caused it in words: "12 files under s3://…", "job a SUCCEEDED (run jr_…)".</param>
public sealed record TriggerFire(
    string Id,
    string TriggerName,
    FireCause Cause,
    DateTimeOffset DueAt,
    DateTimeOffset FiredAt,
    bool Late,
    FireOutcome Outcome,
    string? Detail,
    IReadOnlyList<FiredAction> Actions);

/// <summary>A fire expected in a window (the upcoming-runs calendar).</summary>
public sealed record UpcomingFire(string TriggerName, DateTimeOffset At, IReadOnlyList<TriggerAction> Actions);

/// <summary>A node of the dependency graph: a trigger, job or crawler, with its live status.</summary>
/// <param name="Kind"><c>trigger</c>, <c>job</c> or <c>crawler</c>.</param>
/// <param name="Status">Triggers: their state; jobs: last run state (RUNNING while one runs); crawlers: RUNNING or last crawl status; null when never run.</param>
public sealed record GraphNode(string Id, string Kind, string Name, string? Status, bool Missing);

/// <summary>An edge: trigger → action it starts (<c>starts</c>), or job/crawler → conditional trigger it feeds (<c>when STATE</c>).</summary>
public sealed record GraphEdge(string From, string To, string Label);

public sealed record TriggerGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges);
