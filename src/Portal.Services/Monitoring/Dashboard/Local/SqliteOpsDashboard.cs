using System.Data.Common;
using Dapper;
using Lakeport.Services.Jobs;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Security;

namespace Lakeport.Services.Monitoring.Dashboard.Local;

/// <summary>
/// The dashboard straight from the state database: a few aggregate queries over the window. Runs are found through the
/// per-job and per-crawler (name, started_at) indexes, one range seek per job or crawler (<see cref="JobRunsInWindow"/>),
/// and running jobs through the active-run partial index, so the cost follows the window, not the whole history.
/// </summary>
public sealed class SqliteOpsDashboard(SqliteDatabase database, IMetrics metrics, TimeProvider clock) : IOpsDashboard
{
    private const string JobFinal = "'STOPPED', 'SUCCEEDED', 'FAILED', 'TIMEOUT', 'ERROR', 'EXPIRED'";
    private const string JobFailed = "'FAILED', 'TIMEOUT', 'ERROR'";
    private const string CrawlFinal = "'SUCCEEDED', 'CANCELLED', 'FAILED'";

    /// <summary>The name list lets SQLite seek (job_name, started_at) per job; a bare range on started_at would scan every run.</summary>
    private const string JobRunsInWindow = "job_name IN (SELECT name FROM jobs) AND started_at >= @From AND started_at <= @To";

    private const string CrawlsInWindow = "crawler_name IN (SELECT name FROM crawlers) AND started_at >= @From AND started_at <= @To";

    public async Task<OpsSnapshot> GetAsync(Caller caller, DashboardWindow window, CancellationToken cancellationToken)
    {
        caller.Require(OpsDashboardRules.Read, "view the ops dashboard");
        var to = clock.GetUtcNow();
        var from = to - window.Span();
        var bucket = (long)window.Bucket().TotalMilliseconds;
        var range = new { From = from.ToUnixTimeMilliseconds(), To = to.ToUnixTimeMilliseconds(), Bucket = bucket };
        await using var connection = await database.OpenAsync(cancellationToken);

        var byState = (await QueryAsync<BucketRow>(connection,
            $"""
            SELECT 'Job' AS Kind, (started_at / @Bucket) * @Bucket AS Start, state AS State, COUNT(*) AS Count
            FROM job_runs WHERE {JobRunsInWindow} GROUP BY Start, State
            UNION ALL
            SELECT 'Crawler', (started_at / @Bucket) * @Bucket AS Start, status, COUNT(*)
            FROM crawler_runs WHERE {CrawlsInWindow} GROUP BY Start, status
            ORDER BY Start, Kind, State
            """, range, cancellationToken))
            .Select(r => new StateBucket(At(r.Start), Enum.Parse<RunKind>(r.Kind), r.State, (int)r.Count)).ToList();

        var rates = (await QueryAsync<RateRow>(connection,
            $"""
             SELECT 'Job' AS Kind, COUNT(*) AS Finished, COALESCE(SUM(state = 'SUCCEEDED'), 0) AS Succeeded
             FROM job_runs WHERE {JobRunsInWindow} AND state IN ({JobFinal})
             UNION ALL
             SELECT 'Crawler', COUNT(*), COALESCE(SUM(status = 'SUCCEEDED'), 0)
             FROM crawler_runs WHERE {CrawlsInWindow} AND status IN ({CrawlFinal})
             """, range, cancellationToken))
            .Select(r => new SuccessRate(Enum.Parse<RunKind>(r.Kind), (int)r.Finished, (int)r.Succeeded)).ToList();

        var failures = (await QueryAsync<FailureRow>(connection,
            $"""
             SELECT 'Job' AS Kind, job_name AS Name, id AS RunId, state AS State, started_at AS StartedAt, completed_at AS CompletedAt, error_message AS ErrorMessage
             FROM job_runs WHERE {JobRunsInWindow} AND state IN ({JobFailed})
             UNION ALL
             SELECT 'Crawler', crawler_name, id, status, started_at, completed_at, error_message
             FROM crawler_runs WHERE {CrawlsInWindow} AND status = 'FAILED'
             ORDER BY StartedAt DESC, RunId DESC LIMIT @Take
             """, new { range.From, range.To, Take = OpsDashboardRules.MaxFailures }, cancellationToken))
            .Select(r => new RunFailure(Enum.Parse<RunKind>(r.Kind), r.Name, r.RunId, r.State, At(r.StartedAt), r.CompletedAt is { } c ? At(c) : null, r.ErrorMessage))
            .ToList();

        return new OpsSnapshot(window, from, to, window.Buckets(from, to), byState, rates,
            await DurationsAsync(connection, range.From, range.To, cancellationToken), failures,
            await RunningJobsAsync(connection, caller, to, cancellationToken), await RunningCrawlsAsync(connection, cancellationToken),
            await QueryWorkload.ReadAsync(connection, from, to, cancellationToken));
    }

    /// <summary>The finished runs of the jobs that ran most in the window, each job's newest runs, oldest first.</summary>
    private static async Task<IReadOnlyList<RunDurationPoint>> DurationsAsync(DbConnection connection, long from, long to, CancellationToken cancellationToken) =>
        (await QueryAsync<DurationRow>(connection,
            $"""
             WITH top_jobs AS (
                 SELECT job_name FROM job_runs WHERE {JobRunsInWindow} AND state IN ({JobFinal})
                 GROUP BY job_name ORDER BY COUNT(*) DESC, job_name LIMIT @Jobs),
             ranked AS (
                 SELECT r.job_name, r.id, r.started_at, r.running_ms, r.state,
                        ROW_NUMBER() OVER (PARTITION BY r.job_name ORDER BY r.started_at DESC, r.id DESC) AS n
                 FROM job_runs r JOIN top_jobs t ON t.job_name = r.job_name
                 WHERE r.started_at >= @From AND r.started_at <= @To AND r.state IN ({JobFinal}))
             SELECT job_name AS JobName, id AS RunId, started_at AS StartedAt, running_ms AS RunningMs, state AS State
             FROM ranked WHERE n <= @Runs ORDER BY job_name, started_at, id
             """,
            new { From = from, To = to, Jobs = OpsDashboardRules.MaxTrendJobs, Runs = OpsDashboardRules.MaxTrendRunsPerJob }, cancellationToken))
        .Select(r => new RunDurationPoint(r.JobName, r.RunId, At(r.StartedAt), (int)(r.RunningMs / 1000), r.State)).ToList();

    private async Task<IReadOnlyList<RunningJob>> RunningJobsAsync(DbConnection connection, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<RunningJobRow>(connection,
            $"SELECT job_name AS JobName, id AS RunId, state AS State, started_at AS StartedAt FROM job_runs WHERE state IN ({Jobs.Local.SqliteJobStore.Active}) ORDER BY started_at, id",
            null, cancellationToken);
        return await RunningJobCounters.ReadAsync(metrics, caller, rows.Select(r => new ActiveJobRun(r.JobName, r.RunId, r.State, At(r.StartedAt))).ToList(), now,
            cancellationToken);
    }

    private static async Task<IReadOnlyList<RunningCrawl>> RunningCrawlsAsync(DbConnection connection, CancellationToken cancellationToken) =>
        (await QueryAsync<RunningCrawlRow>(connection,
            """
            SELECT crawler_name AS CrawlerName, id AS RunId, started_at AS StartedAt, files_seen AS FilesSeen, files_classified AS FilesClassified, problem_count AS Problems
            FROM crawler_runs WHERE crawler_name IN (SELECT name FROM crawlers WHERE state <> 'READY') AND status = 'RUNNING' ORDER BY started_at, id
            """, null, cancellationToken))
        .Select(r => new RunningCrawl(r.CrawlerName, r.RunId, At(r.StartedAt), (int)r.FilesSeen, (int)r.FilesClassified, (int)r.Problems)).ToList();

    // Rows are classes with setters, not positional records: Dapper cannot match a constructor when SQLite reports an
    // empty aggregate's columns without types.
    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, object? parameters, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();

    private static DateTimeOffset At(long epochMs) => DateTimeOffset.FromUnixTimeMilliseconds(epochMs);

    private sealed class BucketRow
    {
        public string Kind { get; init; } = "";

        public long Start { get; init; }

        public string State { get; init; } = "";

        public long Count { get; init; }
    }

    private sealed class RateRow
    {
        public string Kind { get; init; } = "";

        public long Finished { get; init; }

        public long Succeeded { get; init; }
    }

    private sealed class FailureRow
    {
        public string Kind { get; init; } = "";

        public string Name { get; init; } = "";

        public string RunId { get; init; } = "";

        public string State { get; init; } = "";

        public long StartedAt { get; init; }

        public long? CompletedAt { get; init; }

        public string? ErrorMessage { get; init; }
    }

    private sealed class DurationRow
    {
        public string JobName { get; init; } = "";

        public string RunId { get; init; } = "";

        public long StartedAt { get; init; }

        public long RunningMs { get; init; }

        public string State { get; init; } = "";
    }

    private sealed class RunningJobRow
    {
        public string JobName { get; init; } = "";

        public string RunId { get; init; } = "";

        public string State { get; init; } = "";

        public long StartedAt { get; init; }
    }

    private sealed class RunningCrawlRow
    {
        public string CrawlerName { get; init; } = "";

        public string RunId { get; init; } = "";

        public long StartedAt { get; init; }

        public long FilesSeen { get; init; }

        public long FilesClassified { get; init; }

        public long Problems { get; init; }
    }
}
