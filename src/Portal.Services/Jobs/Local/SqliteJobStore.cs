using System.Globalization;
using System.Text.Json;
using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;
using Microsoft.Data.Sqlite;

namespace Lakeport.Services.Jobs.Local;

/// <summary>A job as stored: its definition and who made it when.</summary>
public sealed record StoredJob(JobDefinition Definition, string CreatedBy, DateTimeOffset CreatedOn, DateTimeOffset LastModifiedOn);

/// <summary>A run left unfinished in the state database, with what a restart must clean up or finish.</summary>
public sealed record AbandonedRun(string Id, string JobName, string? StagingFolder, IReadOnlyList<string> PublishManifest, string? PendingBookmark);

/// <summary>Jobs, runs, their timelines and bookmarks in the state database.</summary>
public sealed class SqliteJobStore(SqliteDatabase database)
{
    public const string Active = "'STARTING', 'RUNNING', 'STOPPING'";

    private const string RunColumns =
        "id AS Id, job_name AS JobName, attempt AS Attempt, previous_run_id AS PreviousRunId, trigger_name AS TriggerName, state AS State, "
        + "started_at AS StartedAt, modified_at AS ModifiedAt, completed_at AS CompletedAt, running_ms AS RunningMs, arguments AS Arguments, "
        + "error_message AS ErrorMessage, timeout_minutes AS TimeoutMinutes, log_group AS LogGroup, started_by AS StartedBy, "
        + "mapping_name AS MappingName, mapping_version AS MappingVersion, script AS Script";

    public async Task InsertJobAsync(JobDefinition job, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO jobs (name, definition, created_by, created_at, modified_by, modified_at) VALUES (@Name, @Definition, @By, @Now, @By, @Now)",
                new { job.Name, Definition = JsonSerializer.Serialize(job), By = by, Now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new AlreadyExistsException($"Job {job.Name} already exists.");
        }
    }

    public async Task<bool> UpdateJobAsync(JobDefinition job, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE jobs SET definition = @Definition, modified_by = @By, modified_at = @Now WHERE name = @Name",
            new { job.Name, Definition = JsonSerializer.Serialize(job), By = by, Now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> DeleteJobAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM jobs WHERE name = @Name", new { Name = name }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<StoredJob?> GetJobAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            "SELECT definition AS Definition, created_by AS CreatedBy, created_at AS CreatedAt, modified_at AS ModifiedAt FROM jobs WHERE name = @Name",
            new { Name = name }, cancellationToken: cancellationToken));
        return row?.ToModel();
    }

    /// <summary>By name; the token carries the last name returned.</summary>
    public async Task<Page<StoredJob>> ListJobsAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(page.MaxResults ?? 100, 1, JobRules.MaxPerPage);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<JobRow>(new CommandDefinition(
            """
            SELECT definition AS Definition, created_by AS CreatedBy, created_at AS CreatedAt, modified_at AS ModifiedAt
            FROM jobs WHERE @After IS NULL OR name > @After ORDER BY name LIMIT @Limit
            """,
            new { After = PageToken.Decode(page.NextToken), Limit = limit + 1 }, cancellationToken: cancellationToken))).Select(r => r.ToModel()).ToList();
        var next = rows.Count > limit ? PageToken.Encode(rows[limit - 1].Definition.Name) : null;
        return new Page<StoredJob>(rows.Take(limit).ToList(), next);
    }

    /// <summary>
    /// Inserts the run STARTING unless the job already has <paramref name="maxForJob"/> active runs or the portal
    /// <paramref name="maxTotal"/>: the count and the insert are one statement, so two starts racing cannot both pass.
    /// </summary>
    public async Task<bool> TryInsertRunAsync(JobRun run, int maxForJob, int maxTotal, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO job_runs (id, job_name, attempt, previous_run_id, trigger_name, state, started_at, modified_at, arguments, timeout_minutes,
                log_group, started_by, mapping_name, mapping_version, script)
            SELECT @Id, @JobName, @Attempt, @PreviousRunId, @TriggerName, @State, @At, @At, @Arguments, @Timeout, @LogGroup, @StartedBy, @MappingName, @MappingVersion, @Script
            WHERE (SELECT count(*) FROM job_runs WHERE job_name = @JobName AND state IN ({Active})) < @MaxForJob
              AND (SELECT count(*) FROM job_runs WHERE state IN ({Active})) < @MaxTotal
            """,
            new
            {
                run.Id, run.JobName, run.Attempt, run.PreviousRunId, run.TriggerName, State = run.State.ToString(), At = run.StartedOn.ToUnixTimeMilliseconds(),
                Arguments = JsonSerializer.Serialize(run.Arguments), Timeout = run.TimeoutMinutes, LogGroup = run.LogGroupName, run.StartedBy,
                run.MappingName, run.MappingVersion, run.Script, MaxForJob = maxForJob, MaxTotal = maxTotal,
            },
            transaction, cancellationToken: cancellationToken)) > 0;
        if (inserted)
        {
            await AddStateAsync(connection, transaction, run.Id, run.State, run.StartedOn, null, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    /// <summary>
    /// Moves a run to <paramref name="state"/> if it is in one of <paramref name="from"/>, appending to its timeline; false when
    /// another transition came first (a stop and a finish racing: the first wins).
    /// </summary>
    public async Task<bool> TransitionAsync(string runId, JobRunState[] from, JobRunState state, DateTimeOffset at, string? error, RunProgress? progress, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var finished = new JobRun("", "", 0, null, null, state, at, at, null, new Dictionary<string, string>(), null, 0, 0, "", "", null, null, "").IsFinished;
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE job_runs SET state = @State, modified_at = @At, error_message = coalesce(@Error, error_message),
                completed_at = CASE WHEN @Finished = 1 THEN @At ELSE completed_at END,
                running_ms = coalesce(@RunningMs, running_ms), script = coalesce(@Script, script),
                mapping_name = coalesce(@MappingName, mapping_name), mapping_version = coalesce(@MappingVersion, mapping_version),
                staging_folder = CASE WHEN @Finished = 1 THEN NULL ELSE staging_folder END,
                publish_manifest = CASE WHEN @Finished = 1 THEN NULL ELSE publish_manifest END,
                pending_bookmark = CASE WHEN @Finished = 1 THEN NULL ELSE pending_bookmark END
            WHERE id = @Id AND state IN ({string.Join(", ", from.Select(f => $"'{f}'"))})
            """,
            new
            {
                Id = runId, State = state.ToString(), At = at.ToUnixTimeMilliseconds(), Error = error, Finished = finished ? 1 : 0,
                progress?.RunningMs, progress?.Script, progress?.MappingName, progress?.MappingVersion,
            },
            transaction, cancellationToken: cancellationToken)) > 0;
        if (changed)
        {
            await AddStateAsync(connection, transaction, runId, state, at, error, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>Records where a run stages its output, or the target files it is about to move into place.</summary>
    public async Task SetCleanupAsync(string runId, string? stagingFolder, IReadOnlyList<string>? manifest, CancellationToken cancellationToken, string? pendingBookmark = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE job_runs SET staging_folder = coalesce(@Staging, staging_folder), publish_manifest = coalesce(@Manifest, publish_manifest),
                pending_bookmark = coalesce(@Bookmark, pending_bookmark)
            WHERE id = @Id
            """,
            new { Id = runId, Staging = stagingFolder, Manifest = manifest is null ? null : JsonSerializer.Serialize(manifest), Bookmark = pendingBookmark },
            cancellationToken: cancellationToken));
    }

    /// <summary>Keeps the exact script and mapping version a run executes, once it knows them (just after RUNNING).</summary>
    public async Task RecordWorkAsync(string runId, string script, string? mappingName, int? mappingVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE job_runs SET script = @Script, mapping_name = @MappingName, mapping_version = @MappingVersion WHERE id = @Id",
            new { Id = runId, Script = script, MappingName = mappingName, MappingVersion = mappingVersion }, cancellationToken: cancellationToken));
    }

    public async Task<JobRun?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            $"SELECT {RunColumns} FROM job_runs WHERE id = @Id", new { Id = runId }, cancellationToken: cancellationToken));
        return row?.ToModel();
    }

    /// <summary>Newest first; the token carries the last (time, id) returned.</summary>
    public async Task<Page<JobRun>> ListRunsAsync(string jobName, PageRequest page, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(page.MaxResults ?? 100, 1, JobRules.MaxPerPage);
        var after = PageToken.Decode(page.NextToken)?.Split('|', 2);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RunRow>(new CommandDefinition(
            $"""
            SELECT {RunColumns} FROM job_runs WHERE job_name = @Job
              AND (@AfterAt IS NULL OR started_at < @AfterAt OR (started_at = @AfterAt AND id < @AfterId))
            ORDER BY started_at DESC, id DESC LIMIT @Limit
            """,
            new
            {
                Job = jobName, AfterAt = after is [var at, _] ? long.Parse(at, CultureInfo.InvariantCulture) : (long?)null,
                AfterId = after is [_, var id] ? id : null, Limit = limit + 1,
            },
            cancellationToken: cancellationToken))).Select(r => r.ToModel()).ToList();
        var next = rows.Count > limit ? PageToken.Encode($"{rows[limit - 1].StartedOn.ToUnixTimeMilliseconds()}|{rows[limit - 1].Id}") : null;
        return new Page<JobRun>(rows.Take(limit).ToList(), next);
    }

    public async Task<IReadOnlyList<JobRunStateChange>> TimelineAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(string State, long At, string? Reason)>(new CommandDefinition(
                "SELECT state, at, reason FROM job_run_states WHERE run_id = @Id ORDER BY seq", new { Id = runId }, cancellationToken: cancellationToken)))
            .Select(r => new JobRunStateChange(runId, Enum.Parse<JobRunState>(r.State), DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Reason)).ToList();
    }

    public async Task<IReadOnlyList<AbandonedRun>> ActiveRunsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(string Id, string JobName, string? Staging, string? Manifest, string? Bookmark)>(new CommandDefinition(
                $"SELECT id, job_name, staging_folder, publish_manifest, pending_bookmark FROM job_runs WHERE state IN ({Active})", cancellationToken: cancellationToken)))
            .Select(r => new AbandonedRun(r.Id, r.JobName, r.Staging, r.Manifest is null ? [] : JsonSerializer.Deserialize<List<string>>(r.Manifest) ?? [], r.Bookmark)).ToList();
    }

    public async Task<JobBookmarkEntry?> GetBookmarkAsync(string jobName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<BookmarkRow>(new CommandDefinition(
            """
            SELECT job_name AS JobName, version AS Version, run AS Run, attempt AS Attempt, previous_run_id AS PreviousRunId, run_id AS RunId, state AS State
            FROM job_bookmarks WHERE job_name = @Job
            """, new { Job = jobName }, cancellationToken: cancellationToken));
        return row is null ? null : new JobBookmarkEntry(row.JobName, (int)row.Version, (int)row.Run, (int)row.Attempt, row.PreviousRunId, row.RunId, row.State);
    }

    /// <summary>Saves the bookmark a run committed: its version and run count go up by one.</summary>
    public async Task SaveBookmarkAsync(JobRun run, string state, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO job_bookmarks (job_name, version, run, attempt, previous_run_id, run_id, state) VALUES (@Job, 1, 1, @Attempt, @Previous, @RunId, @State)
            ON CONFLICT (job_name) DO UPDATE SET version = version + 1, run = run + 1, attempt = excluded.attempt,
                previous_run_id = excluded.previous_run_id, run_id = excluded.run_id, state = excluded.state
            """,
            new { Job = run.JobName, run.Attempt, Previous = run.PreviousRunId, RunId = run.Id, State = state }, cancellationToken: cancellationToken));
    }

    public async Task ResetBookmarkAsync(string jobName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE job_bookmarks SET version = version + 1, state = '{}' WHERE job_name = @Job", new { Job = jobName }, cancellationToken: cancellationToken));
    }

    private static Task AddStateAsync(SqliteConnection connection, System.Data.Common.DbTransaction transaction, string runId, JobRunState state, DateTimeOffset at, string? reason,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO job_run_states (run_id, seq, state, at, reason) SELECT @Id, coalesce(max(seq), 0) + 1, @State, @At, @Reason FROM job_run_states WHERE run_id = @Id",
            new { Id = runId, State = state.ToString(), At = at.ToUnixTimeMilliseconds(), Reason = reason }, transaction, cancellationToken: cancellationToken));

    private sealed record BookmarkRow(string JobName, long Version, long Run, long Attempt, string? PreviousRunId, string? RunId, string State);

    private sealed record JobRow(string Definition, string CreatedBy, long CreatedAt, long ModifiedAt)
    {
        public StoredJob ToModel() => new(JsonSerializer.Deserialize<JobDefinition>(Definition)!, CreatedBy,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), DateTimeOffset.FromUnixTimeMilliseconds(ModifiedAt));
    }

    private sealed record RunRow(string Id, string JobName, long Attempt, string? PreviousRunId, string? TriggerName, string State, long StartedAt, long ModifiedAt,
        long? CompletedAt, long RunningMs, string Arguments, string? ErrorMessage, long TimeoutMinutes, string LogGroup, string StartedBy, string? MappingName,
        long? MappingVersion, string Script)
    {
        public JobRun ToModel() => new(Id, JobName, (int)Attempt, PreviousRunId, TriggerName, Enum.Parse<JobRunState>(State),
            DateTimeOffset.FromUnixTimeMilliseconds(StartedAt), DateTimeOffset.FromUnixTimeMilliseconds(ModifiedAt),
            CompletedAt is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(CompletedAt.Value),
            JsonSerializer.Deserialize<Dictionary<string, string>>(Arguments) ?? [], ErrorMessage, (int)(RunningMs / 1000), (int)TimeoutMinutes, LogGroup, StartedBy,
            MappingName, MappingVersion is null ? null : (int)MappingVersion.Value, Script);
    }
}

/// <summary>What a transition also records: the time spent RUNNING, and (on RUNNING) the exact script and mapping version.</summary>
public sealed record RunProgress(long? RunningMs = null, string? Script = null, string? MappingName = null, int? MappingVersion = null);
