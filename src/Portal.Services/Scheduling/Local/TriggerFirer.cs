using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Security;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Scheduling.Local;

/// <summary>Starts the actions of a recorded fire and writes what each did: the run it started or why it could not.</summary>
public sealed partial class TriggerFirer(SqliteTriggerStore store, IJobs jobs, ICrawlers crawlers, TimeProvider clock, ILogger<TriggerFirer> logger)
{
    /// <summary>A fire about to be recorded; its outcome and actions are written by <see cref="RunActionsAsync"/>.</summary>
    public TriggerFire NewFire(string triggerName, FireCause cause, DateTimeOffset dueAt, bool late, string? detail) =>
        new($"tf_{Guid.NewGuid():N}", triggerName, cause, dueAt, clock.GetUtcNow(), late, FireOutcome.Skipped, detail, []);

    /// <summary>Starts every action of <paramref name="trigger"/> on behalf of the trigger and completes the fire's row.</summary>
    public async Task<TriggerFire> RunActionsAsync(TriggerFire fire, TriggerDefinition trigger, CancellationToken cancellationToken)
    {
        // Runs started by a trigger act as the trigger; the runs record its name, which conditional triggers look for.
        var actor = new Caller($"trigger:{trigger.Name}", PortalRole.Admin, "system");
        var results = new List<FiredAction>(trigger.Actions.Count);
        foreach (var action in trigger.Actions)
        {
            results.Add(await StartAsync(actor, trigger.Name, action, cancellationToken));
        }

        var started = results.Count(r => r.RunId is not null);
        var outcome = started == results.Count ? FireOutcome.Started : started == 0 ? FireOutcome.Failed : FireOutcome.PartlyStarted;
        // The fire is recorded already: what it did is written even if the caller is being cancelled.
        await store.CompleteFireAsync(fire.Id, outcome, results, CancellationToken.None);
        LogFired(trigger.Name, fire.Cause, fire.DueAt, fire.Late, outcome, started, results.Count, fire.Detail);
        return fire with { Outcome = outcome, Actions = results };
    }

    private async Task<FiredAction> StartAsync(Caller actor, string triggerName, TriggerAction action, CancellationToken cancellationToken)
    {
        try
        {
            if (action.JobName is { } job)
            {
                var run = await jobs.StartRunAsync(actor, job, action.Arguments, triggerName, action.Timeout, cancellationToken);
                return new FiredAction(job, null, run.Id, null);
            }

            var crawl = await crawlers.StartAsync(actor, action.CrawlerName!, triggerName, cancellationToken);
            return new FiredAction(null, action.CrawlerName, crawl.Id, null);
        }
        catch (EntityNotFoundException)
        {
            var what = action.JobName is not null ? $"Job {action.JobName}" : $"Crawler {action.CrawlerName}";
            LogActionFailed(triggerName, action.JobName ?? action.CrawlerName!, "it no longer exists");
            return new FiredAction(action.JobName, action.CrawlerName, null, $"{what} no longer exists; the action was not started.");
        }
        catch (PortalException ex)
        {
            // ConcurrentRunsExceeded, a crawler already running: the fire records it, the other actions still start.
            LogActionFailed(triggerName, action.JobName ?? action.CrawlerName!, ex.Message);
            return new FiredAction(action.JobName, action.CrawlerName, null, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {Trigger} fired ({Cause}, due {DueAt:o}, late {Late}): {Outcome}, {Started}/{Total} action(s) started; {Detail}")]
    private partial void LogFired(string trigger, FireCause cause, DateTimeOffset dueAt, bool late, FireOutcome outcome, int started, int total, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger {Trigger} could not start {Target}: {Reason}")]
    private partial void LogActionFailed(string trigger, string target, string reason);
}
