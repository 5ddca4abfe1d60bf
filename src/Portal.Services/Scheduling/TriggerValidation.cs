using System.Text.RegularExpressions;
using Lakeport.Services.Common;

namespace Lakeport.Services.Scheduling;

/// <summary>Glue's rules for a trigger definition (REFERENCE §6) that need nothing but the definition itself.</summary>
public static partial class TriggerValidation
{
    public const int DefaultBatchWindow = 900;

    /// <summary>Job run states a condition can wait for: the final ones, since only finished runs are compared.</summary>
    public static readonly IReadOnlyList<string> JobStates = ["SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED"];

    /// <summary>Glue's CrawlState values a finished crawl can have.</summary>
    public static readonly IReadOnlyList<string> CrawlStates = ["SUCCEEDED", "FAILED", "CANCELLED", "ERROR"];

    /// <summary>The definition trimmed and with defaults filled in (BatchWindow 900), or an error naming the field.</summary>
    /// <param name="eventPrefix">
    /// Whether an EVENT trigger watches a lake prefix (Local). On AWS its events come from an EventBridge rule instead, so
    /// the prefix is left out; the caller refuses one that is given.
    /// </param>
    public static TriggerDefinition Validate(TriggerDefinition definition, bool eventPrefix = true)
    {
        var name = (definition.Name ?? "").Trim();
        if (name.Length is 0 or > 255 || !NamePattern().IsMatch(name))
        {
            throw new InvalidInputException($"Trigger name '{definition.Name}' is not valid: 1–255 characters without line breaks or other control characters (Glue's single-line pattern).");
        }

        if (definition.Description is { Length: > 2048 })
        {
            throw new InvalidInputException($"Trigger {name}: the description is longer than 2,048 characters.");
        }

        var valid = definition with
        {
            Name = name,
            Actions = ValidateActions(name, definition.Actions),
            Schedule = null,
            Predicate = null,
            EventPrefix = null,
            EventBatching = null,
        };
        valid = definition.Type switch
        {
            TriggerType.SCHEDULED => valid with { Schedule = ScheduleExpression.Parse(definition.Schedule).Text },
            TriggerType.CONDITIONAL => valid with { Predicate = ValidatePredicate(name, definition.Predicate) },
            TriggerType.EVENT => valid with { EventPrefix = eventPrefix ? ValidatePrefix(name, definition.EventPrefix) : null, EventBatching = ValidateBatching(name, definition.EventBatching) },
            TriggerType.ON_DEMAND => valid,
            _ => throw new InvalidInputException($"Trigger {name}: type {definition.Type} is not one of SCHEDULED, CONDITIONAL, ON_DEMAND, EVENT."),
        };
        Refuse(definition.Type != TriggerType.SCHEDULED && !string.IsNullOrWhiteSpace(definition.Schedule), name, "only a SCHEDULED trigger takes a Schedule.");
        Refuse(definition.Type != TriggerType.CONDITIONAL && definition.Predicate is not null, name, "only a CONDITIONAL trigger takes a Predicate.");
        Refuse(definition.Type != TriggerType.EVENT && (definition.EventPrefix is not null || definition.EventBatching is not null), name,
            "only an EVENT trigger takes an event prefix and EventBatchingCondition.");
        // Glue allows StartOnCreation for SCHEDULED and CONDITIONAL; an EVENT trigger is activated the same way here,
        // since its prefix is watched from activation on. ON_DEMAND triggers are never active: they fire when started.
        Refuse(definition.StartOnCreation && definition.Type == TriggerType.ON_DEMAND, name, "StartOnCreation does not apply to an ON_DEMAND trigger; start it to fire it.");
        return valid;
    }

    /// <summary>
    /// A cycle through conditional triggers (job/crawler --condition--> trigger --action--> job/crawler) in
    /// <paramref name="triggers"/>, as the names along it ("job a → trigger t1 → crawler c → trigger t2 → job a"), or null.
    /// </summary>
    public static string? FindCycle(IEnumerable<TriggerDefinition> triggers)
    {
        // Nodes are jobs and crawlers; each conditional trigger joins every node it watches to every node it starts.
        var edges = new Dictionary<string, List<(string Trigger, string To)>>(StringComparer.Ordinal);
        foreach (var trigger in triggers.Where(t => t.Type == TriggerType.CONDITIONAL && t.Predicate is not null))
        {
            foreach (var condition in trigger.Predicate!.Conditions)
            {
                var from = Node(condition.JobName, condition.CrawlerName);
                foreach (var action in trigger.Actions)
                {
                    if (!edges.TryGetValue(from, out var list))
                    {
                        edges[from] = list = [];
                    }

                    list.Add((trigger.Name, Node(action.JobName, action.CrawlerName)));
                }
            }
        }

        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in edges.Keys.Order(StringComparer.Ordinal))
        {
            var path = new List<string>();
            if (Visit(start, edges, path, new HashSet<string>(StringComparer.Ordinal), done) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private static string? Visit(string node, Dictionary<string, List<(string Trigger, string To)>> edges, List<string> path, HashSet<string> onPath, HashSet<string> done)
    {
        if (onPath.Contains(node))
        {
            var from = path.IndexOf(node);
            return string.Join(" → ", path.Skip(from).Append(node));
        }

        if (!done.Add(node))
        {
            return null;
        }

        onPath.Add(node);
        path.Add(node);
        foreach (var (trigger, to) in edges.GetValueOrDefault(node) ?? [])
        {
            path.Add($"trigger {trigger}");
            if (Visit(to, edges, path, onPath, done) is { } cycle)
            {
                return cycle;
            }

            path.RemoveAt(path.Count - 1);
        }

        path.RemoveAt(path.Count - 1);
        onPath.Remove(node);
        return null;
    }

    private static string Node(string? job, string? crawler) => job is not null ? $"job {job}" : $"crawler {crawler}";

    private static List<TriggerAction> ValidateActions(string name, IReadOnlyList<TriggerAction>? actions)
    {
        if (actions is not { Count: > 0 })
        {
            throw new InvalidInputException($"Trigger {name} needs at least one action (a job or a crawler to start).");
        }

        var valid = new List<TriggerAction>(actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var job = Blank(action.JobName);
            var crawler = Blank(action.CrawlerName);
            Refuse(job is null == (crawler is null), name, $"action {i + 1} must name exactly one job (JobName) or one crawler (CrawlerName).");
            Refuse(crawler is not null && action.Arguments is { Count: > 0 }, name, $"action {i + 1}: arguments apply to a job, not to crawler {crawler}.");
            Refuse(crawler is not null && action.Timeout is not null, name, $"action {i + 1}: a Timeout applies to a job run, not to crawler {crawler}.");
            Refuse(action.Timeout is < 1 or > 10_079, name, $"action {i + 1}: Timeout must be between 1 and 10,079 minutes (was {action.Timeout}).");
            Refuse(action.Arguments?.Keys.Any(k => string.IsNullOrEmpty(k) || k.Any(char.IsControl)) == true, name, $"action {i + 1}: an argument name is empty or holds control characters.");
            valid.Add(action with { JobName = job, CrawlerName = crawler });
        }

        return valid;
    }

    private static TriggerPredicate ValidatePredicate(string name, TriggerPredicate? predicate)
    {
        if (predicate is not { Conditions.Count: > 0 })
        {
            throw new InvalidInputException($"Trigger {name}: a CONDITIONAL trigger needs a Predicate with at least one condition.");
        }

        Refuse(!Enum.IsDefined(predicate.Logical), name, $"Predicate.Logical must be AND or ANY (was {predicate.Logical}).");
        var conditions = new List<TriggerCondition>(predicate.Conditions.Count);
        for (var i = 0; i < predicate.Conditions.Count; i++)
        {
            var condition = predicate.Conditions[i];
            var (job, state, crawler, crawlState) = (Blank(condition.JobName), Blank(condition.State), Blank(condition.CrawlerName), Blank(condition.CrawlState));
            Refuse(job is null == (crawler is null), name, $"condition {i + 1} must name exactly one job (JobName + State) or one crawler (CrawlerName + CrawlState).");
            if (job is not null)
            {
                Refuse(crawlState is not null, name, $"condition {i + 1} on job {job} takes State, not CrawlState.");
                Refuse(state is null || !JobStates.Contains(state, StringComparer.Ordinal), name,
                    $"condition {i + 1}: State '{state}' of job {job} is not one of {string.Join(", ", JobStates)}.");
            }
            else
            {
                Refuse(state is not null, name, $"condition {i + 1} on crawler {crawler} takes CrawlState, not State.");
                Refuse(crawlState is null || !CrawlStates.Contains(crawlState, StringComparer.Ordinal), name,
                    $"condition {i + 1}: CrawlState '{crawlState}' of crawler {crawler} is not one of {string.Join(", ", CrawlStates)}.");
            }

            conditions.Add(new TriggerCondition(job, state, crawler, crawlState));
        }

        return predicate with { Conditions = conditions };
    }

    private static string ValidatePrefix(string name, string? prefix)
    {
        if (!S3Uri.TryParse(prefix, out var uri, out var error))
        {
            throw new InvalidInputException($"Trigger {name}: event prefix: {error}");
        }

        // A prefix names a folder: the trigger watches everything under it.
        return uri.Key.Length == 0 || uri.Key.EndsWith('/') ? uri.ToString() : uri + "/";
    }

    private static EventBatchingCondition ValidateBatching(string name, EventBatchingCondition? batching)
    {
        var size = batching?.BatchSize ?? 1;
        var window = batching?.BatchWindow ?? DefaultBatchWindow;
        Refuse(size is < 1 or > 100, name, $"EventBatchingCondition.BatchSize must be between 1 and 100 (was {size}).");
        Refuse(window is < 1 or > 900, name, $"EventBatchingCondition.BatchWindow must be between 1 and 900 seconds (was {window}).");
        return new EventBatchingCondition(size, window);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Refuse(bool condition, string name, string message)
    {
        if (condition)
        {
            throw new InvalidInputException($"Trigger {name}: {message}");
        }
    }

    [GeneratedRegex(@"^[\u0020-\uD7FF\uE000-\uFFFD\t]*$")]
    private static partial Regex NamePattern();
}
