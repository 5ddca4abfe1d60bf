using Dapper;
using Lakeport.Services.Local.Sqlite;

namespace Lakeport.Services.Alerts.Local;

/// <summary>
/// The two questions of <see cref="IRunWatch"/>, read straight from the jobs' tables in one query each: going through
/// IJobs would page through every job and run on every tick.
/// </summary>
public sealed class SqliteRunWatch(SqliteDatabase database) : IRunWatch
{
    public async Task<IReadOnlyList<ActiveRun>> ActiveRunsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string JobName, long StartedAt)>(new CommandDefinition(
            "SELECT id, job_name, started_at FROM job_runs WHERE state IN ('STARTING', 'RUNNING', 'STOPPING')", cancellationToken: cancellationToken));
        return rows.Select(r => new ActiveRun(r.Id, r.JobName, DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAt))).ToList();
    }

    public async Task<IReadOnlyList<JobSilence>> SilencesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Name, long CreatedAt, long? LastSuccess, string? LastRun)>(new CommandDefinition(
            """
            SELECT j.name, j.created_at,
                (SELECT max(r.completed_at) FROM job_runs r WHERE r.job_name = j.name AND r.state = 'SUCCEEDED'),
                (SELECT r.id FROM job_runs r WHERE r.job_name = j.name ORDER BY r.started_at DESC, r.id DESC LIMIT 1)
            FROM jobs j
            """, cancellationToken: cancellationToken));
        return rows.Select(r => new JobSilence(r.Name, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt),
            r.LastSuccess is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : null, r.LastRun)).ToList();
    }
}
