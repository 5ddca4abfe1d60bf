using System.Collections.Concurrent;
using System.Security.Cryptography;
using Lakeport.Services.Common;
using Lakeport.Services.Mapping;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Jobs.Local;

/// <summary>
/// Runs jobs in the background: a run is recorded STARTING and launched at once, goes RUNNING before any work (the
/// mapping, the script, the source listing all come after), and ends SUCCEEDED, FAILED, TIMEOUT or STOPPED. A stop,
/// the timeout and shutdown cancel the token, which interrupts DuckDB. A FAILED or TIMEOUT attempt under MaxRetries
/// starts the next attempt. At start-up, runs a previous process left active are finished or undone
/// (<see cref="RunPublisher"/>).
/// </summary>
public sealed partial class LocalJobRunner(
    SqliteJobStore store,
    RunWorkResolver resolver,
    JobExecution execution,
    RunPublisher publisher,
    IMappings mappings,
    IGlueScripts scripts,
    IMetrics metrics,
    ILogs logs,
    RunEventHub events,
    IOptions<JobOptions> options,
    TimeProvider clock,
    ILogger<LocalJobRunner> logger) : IHostedService, IDisposable
{
    public const string AbandonedReason = "The portal stopped while the run was in progress.";

    private readonly ConcurrentDictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();

    // The test host can dispose the container before it stops the hosted services; a disposed runner has nothing to stop.
    private volatile bool _disposed;

    /// <summary>Records the run STARTING (refused over the concurrency limits) and launches it.</summary>
    public async Task<JobRun> StartAsync(JobDefinition job, IReadOnlyDictionary<string, string> arguments, string? triggerName, string startedBy, int attempt,
        string? previousRunId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var run = new JobRun($"jr_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}", job.Name, attempt, previousRunId, triggerName, JobRunState.STARTING,
            now, now, null, arguments, null, 0, job.TimeoutMinutes, RunLog.OutputGroup, startedBy, job.MappingName, job.MappingVersion, "");
        if (!await store.TryInsertRunAsync(run, job.MaxConcurrentRuns, options.Value.MaxConcurrentRunsTotal, cancellationToken))
        {
            throw new ConcurrentRunsExceededException(
                $"Job {job.Name} already has {job.MaxConcurrentRuns} run(s) going (MaxConcurrentRuns), or the portal runs {options.Value.MaxConcurrentRunsTotal} at once.");
        }

        var stop = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        var running = new Running(stop);
        _running[run.Id] = running;
        running.Task = Task.Run(() => RunAsync(run, job, running), CancellationToken.None);
        LogStarted(run.Id, job.Name, startedBy, attempt);
        return run;
    }

    /// <returns>False when the run is not going in this process.</returns>
    public bool RequestStop(string runId, string by)
    {
        if (!_running.TryGetValue(runId, out var running))
        {
            return false;
        }

        running.StoppedBy = by;
        running.Stop.Cancel();
        return true;
    }

    async Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        foreach (var run in await store.ActiveRunsAsync(cancellationToken))
        {
            var job = (await store.GetJobAsync(run.JobName, cancellationToken))?.Definition;
            var row = await store.GetRunAsync(run.Id, cancellationToken);
            var published = await publisher.RecoverAsync(run, job, await MappingOfAsync(row, cancellationToken), cancellationToken);
            var now = clock.GetUtcNow();
            if (published)
            {
                await store.TransitionAsync(run.Id, Active, JobRunState.SUCCEEDED, now, "The portal stopped after the run published its output; the run was completed at restart.", null, cancellationToken);
            }
            else
            {
                await store.TransitionAsync(run.Id, Active, JobRunState.FAILED, now, AbandonedReason, null, cancellationToken);
            }

            LogRecovered(run.Id, run.JobName, published);
        }
    }

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await _shutdown.CancelAsync();
        }
        catch (AggregateException ex)
        {
            LogShutdownCancelFailed(ex);
        }

        await Task.WhenAll(_running.Values.Select(r => r.Task)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        // The container disposes this instance once as itself and once as the hosted service it also is.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            // Stops whatever still runs, in case the host never called StopAsync.
            _shutdown.Cancel();
        }
        catch (AggregateException ex)
        {
            LogShutdownCancelFailed(ex);
        }

        _shutdown.Dispose();
    }

    private static readonly JobRunState[] Active = [JobRunState.STARTING, JobRunState.RUNNING, JobRunState.STOPPING];

    private async Task RunAsync(JobRun run, JobDefinition job, Running running)
    {
        var token = running.Stop.Token;
        var log = new RunLog(logs, clock, run.Id);
        var statistics = new RunStatistics();
        var reporter = new RunMetricReporter(metrics, clock, logger, run, statistics, clock.GetTimestamp());
        using var reporting = new CancellationTokenSource();
        var reported = Task.CompletedTask;
        var (state, error) = (JobRunState.SUCCEEDED, (string?)null);
        try
        {
            await store.TransitionAsync(run.Id, [JobRunState.STARTING], JobRunState.RUNNING, clock.GetUtcNow(), null, null, CancellationToken.None);
            // Called, not queued, so its first wait is on the clock before the run does any work.
            reported = reporter.ReportWhileRunningAsync(TimeSpan.FromSeconds(options.Value.MetricsIntervalSeconds), reporting.Token);
            running.Stop.CancelAfter(TimeSpan.FromSeconds((double)run.TimeoutMinutes * options.Value.TimeoutUnitSeconds));
            await log.InfoAsync($"Run {run.Id} of job {job.Name} started (attempt {run.Attempt}) by {run.StartedBy}.", CancellationToken.None);
            await log.InfoAsync($"Arguments: {string.Join(" ", run.Arguments.Select(a => $"{a.Key}={a.Value}"))}", CancellationToken.None);
            var work = await resolver.ResolveAsync(job, token);
            await store.RecordWorkAsync(run.Id, work.Script, work.MappingName, work.MappingVersion, CancellationToken.None);
            if (work.NotRunnable is not null || work.Mapping is null)
            {
                throw new RunFailedException(work.NotRunnable ?? "The job has nothing to run.");
            }

            await log.InfoAsync(work.MappingName is null ? $"Running the script {job.Command.ScriptLocation}." : $"Running mapping {work.MappingName} version {work.MappingVersion}.", CancellationToken.None);
            await execution.RunAsync(run, work.Mapping, log, statistics, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            (state, error) = running.StoppedBy is { } by ? (JobRunState.STOPPED, $"Stopped by {by}; nothing was published.")
                : _shutdown.IsCancellationRequested ? (JobRunState.FAILED, AbandonedReason)
                : (JobRunState.TIMEOUT, $"The run exceeded its timeout of {run.TimeoutMinutes} minute(s) and was stopped; nothing was published.");
        }
        catch (Exception ex) when (ex is RunFailedException or PortalException)
        {
            (state, error) = (JobRunState.FAILED, ex.Message);
        }
        catch (Exception ex)
        {
            LogFailed(ex, run.Id);
            (state, error) = (JobRunState.FAILED, $"The run failed: {ex.Message}");
        }

        try
        {
            await reporting.CancelAsync();
            await reported;
            var elapsedMs = reporter.ElapsedMs;
            if (error is not null)
            {
                await log.ErrorAsync(error, CancellationToken.None);
            }

            await reporter.FinishAsync(elapsedMs);
            await store.TransitionAsync(run.Id, [JobRunState.RUNNING, JobRunState.STOPPING, JobRunState.STARTING], state, clock.GetUtcNow(), error,
                new RunProgress(RunningMs: elapsedMs), CancellationToken.None);
            await log.InfoAsync($"Run {run.Id} {state} after {elapsedMs} ms.", CancellationToken.None);
            LogFinished(run.Id, state, elapsedMs);
            events.Publish(new RunFinished(RunKind.Job, run.JobName, run.Id, state.ToString(), run.TriggerName, run.StartedOn, clock.GetUtcNow(), error));
            if (state is JobRunState.FAILED or JobRunState.TIMEOUT && !_shutdown.IsCancellationRequested && run.Attempt < job.MaxRetries)
            {
                await RetryAsync(run, job);
            }
        }
        catch (Exception ex)
        {
            LogFailed(ex, run.Id);
        }
        finally
        {
            _running.TryRemove(run.Id, out _);
            running.Stop.Dispose();
        }
    }

    private async Task RetryAsync(JobRun run, JobDefinition job)
    {
        try
        {
            // The job as it is now: an update between attempts applies to the retry, as in Glue.
            var current = (await store.GetJobAsync(job.Name, CancellationToken.None))?.Definition ?? job;
            await StartAsync(current, run.Arguments, run.TriggerName, run.StartedBy, run.Attempt + 1, run.Id, CancellationToken.None);
        }
        catch (PortalException ex)
        {
            LogRetryRefused(run.Id, ex.Message);
        }
    }

    private async Task<MappingDefinition?> MappingOfAsync(JobRun? run, CancellationToken cancellationToken)
    {
        try
        {
            if (run?.MappingName is { } name && run.MappingVersion is { } version)
            {
                return (await mappings.GetAsync(Caller.System, name, version, cancellationToken)).Definition;
            }

            return run is { Script.Length: > 0 } ? scripts.Parse(run.Script).Mapping : null;
        }
        catch (PortalException)
        {
            return null;
        }
    }

    private sealed class Running(CancellationTokenSource stop)
    {
        public CancellationTokenSource Stop { get; } = stop;

        public Task Task { get; set; } = Task.CompletedTask;

        public string? StoppedBy { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job run {Id} of {Job} started by {User}, attempt {Attempt}")]
    private partial void LogStarted(string id, string job, string user, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job run {Id} {State} after {Milliseconds} ms")]
    private partial void LogFinished(string id, JobRunState state, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job run {Id} failed unexpectedly")]
    private partial void LogFailed(Exception exception, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job run {Id} of {Job} was left active by a previous process; output published: {Published}")]
    private partial void LogRecovered(string id, string job, bool published);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retry of job run {Id} was refused: {Reason}")]
    private partial void LogRetryRefused(string id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cancelling running jobs at shutdown raised an error")]
    private partial void LogShutdownCancelFailed(Exception ex);
}
