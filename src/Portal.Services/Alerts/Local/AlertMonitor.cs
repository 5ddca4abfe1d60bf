using System.Globalization;
using Lakeport.Services.Monitoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Alerts.Local;

/// <summary>
/// The alerts no finished run announces: a job run still going after N minutes (once per run), and a job with no
/// successful run for N hours (once per silent period: the period starts at the last success, or at the job's creation,
/// so a later success starts a new one). Looks every <see cref="AlertOptions.CheckIntervalSeconds"/> on the injected clock.
/// </summary>
public sealed partial class AlertMonitor(SqliteAlertStore store, IRunWatch runs, AlertRaiser raiser, TimeProvider clock,
    IOptions<AlertOptions> options, ILogger<AlertMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.CheckIntervalSeconds);
        try
        {
            while (true)
            {
                await Task.Delay(interval, clock, stoppingToken);
                try
                {
                    await CheckAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogCheckFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One look at the running jobs and the silent ones, as of the clock's now.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var rules = (await store.ListRulesAsync(enabledOnly: true, cancellationToken))
            .Select(r => r.Definition)
            .Where(r => r.Kind is AlertKind.JobRunningLong or AlertKind.JobNoSuccess)
            .ToList();
        if (rules.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (rules.Any(r => r.Kind == AlertKind.JobRunningLong))
        {
            var active = await runs.ActiveRunsAsync(cancellationToken);
            foreach (var rule in rules.Where(r => r.Kind == AlertKind.JobRunningLong))
            {
                await CheckRunningAsync(rule, active, now, cancellationToken);
            }
        }

        if (rules.Any(r => r.Kind == AlertKind.JobNoSuccess))
        {
            var silences = await runs.SilencesAsync(cancellationToken);
            foreach (var rule in rules.Where(r => r.Kind == AlertKind.JobNoSuccess))
            {
                await CheckSilentAsync(rule, silences, now, cancellationToken);
            }
        }
    }

    private async Task CheckRunningAsync(AlertRuleDefinition rule, IReadOnlyList<ActiveRun> active, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromMinutes(rule.Threshold ?? int.MaxValue);
        foreach (var run in active.Where(r => rule.Matches(r.JobName) && now - r.StartedOn > limit))
        {
            var minutes = (int)(now - run.StartedOn).TotalMinutes;
            var message = string.Create(CultureInfo.InvariantCulture,
                $"Job {run.JobName} run {run.Id} has been running for {minutes} minutes, longer than {rule.Threshold} (started {run.StartedOn:u}).");
            await raiser.RaiseAsync(new NewAlert(rule, $"run:{run.Id}", RunKind.Job, run.JobName, run.Id, "RUNNING", message, now,
                AlertRaiser.Link(RunKind.Job, run.JobName, run.Id)), cancellationToken);
        }
    }

    private async Task CheckSilentAsync(AlertRuleDefinition rule, IReadOnlyList<JobSilence> silences, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromHours(rule.Threshold ?? int.MaxValue);
        foreach (var job in silences.Where(j => rule.Matches(j.JobName)))
        {
            var since = job.LastSucceededOn ?? job.CreatedOn;
            if (now - since <= limit)
            {
                continue;
            }

            var message = job.LastSucceededOn is { } last
                ? string.Create(CultureInfo.InvariantCulture, $"Job {job.JobName} has had no successful run for {rule.Threshold} hours (last success {last:u}).")
                : string.Create(CultureInfo.InvariantCulture, $"Job {job.JobName} has had no successful run in the {rule.Threshold} hours since it was created.");
            // Keyed by the start of the silence: the same silence raises once, a success followed by a new silence raises again.
            await raiser.RaiseAsync(new NewAlert(rule, $"silent:{job.JobName}:{since.ToUnixTimeMilliseconds()}", RunKind.Job, job.JobName, job.LastRunId, null, message, now,
                AlertRaiser.Link(RunKind.Job, job.JobName, job.LastRunId)), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The periodic alert check failed; it runs again at the next interval")]
    private partial void LogCheckFailed(Exception ex);
}
