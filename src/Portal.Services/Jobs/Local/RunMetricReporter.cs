using Lakeport.Services.Monitoring;
using Lakeport.Services.Security;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Jobs.Local;

/// <summary>
/// Puts one run's counters as Glue reports them: every interval while the run goes, then once at its end. Glue's
/// counts are deltas from the last report, read with Sum, so each point here is the change since the previous put and
/// a Sum over the run is the run's total whether it had one point or many. A mid-run put carries the elapsed time and
/// only the counters the run has measured since the last put: a count the run learns at its end (records read comes
/// from the one COPY) appears only then. A put that fails is logged and never fails the run; its change is carried
/// into the next put.
/// </summary>
internal sealed partial class RunMetricReporter(IMetrics metrics, TimeProvider clock, ILogger logger, JobRun run, RunStatistics statistics, long startTimestamp)
{
    private readonly Dictionary<string, double> _put = new(StringComparer.Ordinal);

    /// <summary>Milliseconds since the run began, on the injected clock (what the final put and the run record use too).</summary>
    public long ElapsedMs => (long)clock.GetElapsedTime(startTimestamp).TotalMilliseconds;

    /// <summary>Puts at each multiple of <paramref name="interval"/> after it is called until the token is cancelled.</summary>
    public async Task ReportWhileRunningAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        // Due times are counted from the first, so a slow put does not shift the cadence.
        var due = clock.GetUtcNow();
        try
        {
            while (true)
            {
                due += interval;
                var wait = due - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, cancellationToken);
                }

                cancellationToken.ThrowIfCancellationRequested();
                await PutAsync(ElapsedMs, final: false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run's work ended; the final put follows.
        }
    }

    /// <summary>Puts every counter (what remains of it after the mid-run puts), as the run's last report.</summary>
    public Task FinishAsync(long elapsedMs) => PutAsync(elapsedMs, final: true);

    private async Task PutAsync(long elapsedMs, bool final)
    {
        var now = clock.GetUtcNow();
        var changes = Current(elapsedMs)
            .Select(c => (c.Name, c.Value, c.Unit, Change: c.Value - _put.GetValueOrDefault(c.Name)))
            .Where(c => final || c.Name == GlueMetricNames.ElapsedTime || c.Change != 0)
            .ToList();
        try
        {
            // Not cancellable: a put cut short would leave unknown what was recorded, and the deltas would drift.
            await metrics.PutAsync(Caller.System,
                changes.Select(c => new MetricDatum(GlueMetricNames.RunCounter(c.Name, run.JobName, run.Id), now, c.Change, c.Unit)).ToList(), CancellationToken.None);
            foreach (var change in changes)
            {
                _put[change.Name] = change.Value;
            }
        }
        catch (Exception ex)
        {
            LogPutFailed(ex, run.Id, final);
        }
    }

    private (string Name, double Value, string Unit)[] Current(long elapsedMs) =>
    [
        (GlueMetricNames.RecordsRead, statistics.RecordsRead, "Count"),
        (GlueMetricNames.BytesRead, statistics.BytesRead, "Bytes"),
        (GlueMetricNames.ElapsedTime, elapsedMs, "Milliseconds"),
        (GlueMetricNames.RecordsWritten, statistics.RecordsWritten, "Count"),
        (GlueMetricNames.BytesWritten, statistics.BytesWritten, "Bytes"),
        (GlueMetricNames.FilesWritten, statistics.FilesWritten, "Count"),
        (GlueMetricNames.RecordsRejected, statistics.RecordsRejected, "Count"),
    ];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Putting the metrics of job run {Id} failed (final: {Final}); the run goes on")]
    private partial void LogPutFailed(Exception exception, string id, bool final);
}
