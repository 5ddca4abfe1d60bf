using Lakeport.Services.Monitoring;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Scheduling.Local;

/// <summary>
/// Fires active CONDITIONAL triggers on finished runs. As in Glue only a run a trigger started counts, so every chain
/// descends from a scheduled, on-demand or event trigger and a user's run never sets one off. ANY fires on one matching
/// run; AND fires when each condition has a trigger-started run in its state since the trigger last fired (or was activated).
/// </summary>
public sealed partial class ConditionalTriggers(SqliteTriggerStore store, TriggerFirer firer, ILogger<ConditionalTriggers> logger) : IRunObserver
{
    public async Task OnRunFinishedAsync(RunFinished run, CancellationToken cancellationToken)
    {
        if (run.TriggerName is null)
        {
            LogUserRunIgnored(run.Kind, run.Name, run.RunId);
            return;
        }

        foreach (var trigger in await store.AllAsync(TriggerType.CONDITIONAL, activeOnly: true, cancellationToken))
        {
            var predicate = trigger.Definition.Predicate!;
            var matching = predicate.Conditions.Where(c => Watches(c, run)).ToList();
            if (!matching.Any(c => StateOf(c) == run.State))
            {
                continue;
            }

            var met = predicate.Logical == PredicateLogical.ANY
                ? [Describe(run.Kind, run.Name, run.State, run.RunId)]
                : await AllMetAsync(trigger, run, cancellationToken);
            if (met is not null)
            {
                var fire = firer.NewFire(trigger.Name, FireCause.Condition, run.CompletedOn, false, string.Join("; ", met));
                await store.InsertFireAsync(fire, cancellationToken);
                await firer.RunActionsAsync(fire, trigger.Definition, cancellationToken);
            }
        }
    }

    /// <summary>Each condition's satisfying run since the trigger last fired, or null while one is still missing.</summary>
    private async Task<List<string>?> AllMetAsync(StoredTrigger trigger, RunFinished run, CancellationToken cancellationToken)
    {
        var since = trigger.ActivatedOn ?? DateTimeOffset.MinValue;
        if (await store.LastFireAsync(trigger.Name, cancellationToken) is { } last && last.FiredAt > since)
        {
            since = last.FiredAt;
        }

        var met = new List<string>();
        foreach (var condition in trigger.Definition.Predicate!.Conditions)
        {
            var (kind, name, state) = condition.JobName is { } job ? (RunKind.Job, job, condition.State!) : (RunKind.Crawler, condition.CrawlerName!, condition.CrawlState!);
            if (Watches(condition, run) && state == run.State)
            {
                met.Add(Describe(kind, name, state, run.RunId));
            }
            else if (await store.TriggeredRunSinceAsync(kind, name, state, since, cancellationToken) is { } earlier)
            {
                met.Add(Describe(kind, name, state, earlier.RunId));
            }
            else
            {
                LogWaiting(trigger.Name, kind, name, state);
                return null;
            }
        }

        return met;
    }

    private static bool Watches(TriggerCondition condition, RunFinished run) =>
        run.Kind == RunKind.Job ? condition.JobName == run.Name : condition.CrawlerName == run.Name;

    private static string? StateOf(TriggerCondition condition) => condition.JobName is not null ? condition.State : condition.CrawlState;

    private static string Describe(RunKind kind, string name, string state, string runId) =>
        $"{(kind == RunKind.Job ? "job" : "crawler")} {name} {state} (run {runId})";

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} {Name} run {RunId} was started by a user; conditional triggers ignore it")]
    private partial void LogUserRunIgnored(RunKind kind, string name, string runId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Trigger {Trigger} waits for {Kind} {Name} to reach {State}")]
    private partial void LogWaiting(string trigger, RunKind kind, string name, string state);
}
