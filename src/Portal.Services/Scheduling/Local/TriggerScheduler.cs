using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Scheduling.Local;

/// <summary>
/// Fires SCHEDULED triggers when due and has <see cref="EventWatcher"/> scan the prefixes of EVENT triggers. All waiting
/// goes through the injected <see cref="TimeProvider"/>. A fire due while the portal was down is made once at start-up,
/// marked late, and the schedule goes on from now: no burst of missed fires, and never one due time twice.
/// </summary>
public sealed partial class TriggerScheduler(
    SqliteTriggerStore store,
    TriggerFirer firer,
    EventWatcher events,
    TriggerChanges changes,
    IOptions<SchedulingOptions> options,
    TimeProvider clock,
    ILogger<TriggerScheduler> logger) : BackgroundService
{
    /// <summary>A scheduled fire made this long after its due time counts as late (the portal was down or asleep).</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.EventPollSeconds);
        var nextPoll = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
                if (clock.GetUtcNow() >= nextPoll)
                {
                    await events.PollAsync(stoppingToken);
                    nextPoll = clock.GetUtcNow() + poll;
                }

                var wake = nextPoll;
                if (await store.EarliestDueAsync(stoppingToken) is { } due && due < wake)
                {
                    wake = due;
                }

                await WaitAsync(wake, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A broken pass (the database busy beyond its timeout, a lake folder unreadable) is retried after one poll interval.
                LogPassFailed(ex);
                await Task.Delay(poll, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Fires every active scheduled trigger due now or earlier, once each. Safe to run from several processes at once.</summary>
    public async Task<IReadOnlyList<TriggerFire>> RunDueAsync(CancellationToken cancellationToken)
    {
        var fires = new List<TriggerFire>();
        var now = clock.GetUtcNow();
        foreach (var trigger in await store.DueAsync(now, cancellationToken))
        {
            if (await FireDueAsync(trigger, now, cancellationToken) is { } fire)
            {
                fires.Add(fire);
            }
        }

        return fires;
    }

    private async Task<TriggerFire?> FireDueAsync(StoredTrigger trigger, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expected = trigger.NextFireAt!.Value;
        var anchor = trigger.ActivatedOn ?? expected;
        var schedule = ScheduleExpression.Parse(trigger.Definition.Schedule);
        // Of the due times passed, only the latest is made; the ones before it are counted in the detail.
        var due = expected;
        var skipped = 0;
        while (schedule.Next(due, anchor) is { } later && later <= now)
        {
            due = later;
            skipped++;
        }

        var late = skipped > 0 || now - due >= LateAfter;
        var detail = late
            ? $"Due {Format(due)} while the portal was not running; made once at {Format(now)}" + (skipped > 0 ? $", {skipped} earlier due time(s) skipped." : ".")
            : $"Scheduled {trigger.Definition.Schedule}, due {Format(due)}.";
        var fire = firer.NewFire(trigger.Name, FireCause.Schedule, due, late, detail);
        if (!await store.TryClaimScheduledFireAsync(fire, expected, schedule.Next(now, anchor), cancellationToken))
        {
            LogClaimLost(trigger.Name, due);
            return null;
        }

        return await firer.RunActionsAsync(fire, trigger.Definition, cancellationToken);
    }

    private async Task WaitAsync(DateTimeOffset wake, CancellationToken stoppingToken)
    {
        var delay = wake - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var timer = Task.Delay(delay, clock, wait.Token);
        var signal = changes.WaitAsync(wait.Token);
        // The clock may have moved past the wake time between reading it and creating the timer (which then counts from
        // the later time): look again rather than sleep through a due fire.
        if (clock.GetUtcNow() < wake)
        {
            await Task.WhenAny(timer, signal);
        }

        await wait.CancelAsync();
        await Task.WhenAll(timer, signal).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduler's pass failed; it tries again after one poll interval")]
    private partial void LogPassFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Trigger {Trigger}: the fire due {DueAt:o} was recorded by another scheduler")]
    private partial void LogClaimLost(string trigger, DateTimeOffset dueAt);
}
