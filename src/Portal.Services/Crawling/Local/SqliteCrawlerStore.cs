using System.Data.Common;
using System.Text.Json;
using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;

namespace Lakeport.Services.Crawling.Local;

/// <summary>Crawler rows, crawl runs and their problems in the state database.</summary>
public sealed class SqliteCrawlerStore(SqliteDatabase database, TimeProvider clock)
{
    private const string SelectCrawler =
        """
        SELECT c.definition AS Definition, c.state AS State, c.creation_time AS CreationTime, c.last_updated AS LastUpdated, c.version AS Version,
               r.id AS RunId
        FROM crawlers c
        LEFT JOIN crawler_runs r ON r.id = (SELECT id FROM crawler_runs WHERE crawler_name = c.name ORDER BY started_at DESC, id DESC LIMIT 1)
        """;

    private const string SelectRun =
        """
        SELECT id AS Id, crawler_name AS CrawlerName, status AS Status, started_at AS StartedAt, completed_at AS CompletedAt, started_by AS StartedBy,
               files_seen AS FilesSeen, files_classified AS FilesClassified, summary AS Summary, error_message AS ErrorMessage, problem_count AS ProblemCount,
               trigger_name AS TriggerName
        FROM crawler_runs
        """;

    public async Task InsertAsync(CrawlerDefinition definition, string by, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO crawlers (name, definition, state, version, creation_time, last_updated, created_by, updated_by)
                VALUES (@Name, @Definition, 'READY', 1, @Now, @Now, @By, @By)
                """, new { definition.Name, Definition = JsonSerializer.Serialize(definition), Now = Now(), By = by }, cancellationToken: cancellationToken));
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new AlreadyExistsException($"Crawler {definition.Name} already exists.");
        }
    }

    /// <summary>Replaces the definition unless a crawl is running (its definition must not change under it).</summary>
    public async Task UpdateAsync(CrawlerDefinition definition, string by, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE crawlers SET definition = @Definition, version = version + 1, last_updated = @Now, updated_by = @By WHERE name = @Name AND state = 'READY'",
            new { definition.Name, Definition = JsonSerializer.Serialize(definition), Now = Now(), By = by }, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            await ThrowNotReadyAsync(connection, definition.Name, cancellationToken);
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition("DELETE FROM crawlers WHERE name = @Name AND state = 'READY'", new { Name = name }, cancellationToken: cancellationToken)) == 0)
        {
            await ThrowNotReadyAsync(connection, name, cancellationToken);
        }
    }

    public async Task<Crawler?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CrawlerRow>(new CommandDefinition(
            $"{SelectCrawler} WHERE c.name = @Name", new { Name = name }, cancellationToken: cancellationToken));
        return row is null ? null : await ToCrawlerAsync(connection, row, cancellationToken);
    }

    public async Task<Page<Crawler>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(page.MaxResults ?? CrawlerRules.MaxPerPage, 1, CrawlerRules.MaxPerPage);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<CrawlerRow>(new CommandDefinition(
            $"{SelectCrawler} WHERE @After IS NULL OR c.name > @After ORDER BY c.name LIMIT @Take",
            new { After = PageToken.Decode(page.NextToken), Take = limit + 1 }, cancellationToken: cancellationToken))).ToList();
        var items = new List<Crawler>();
        foreach (var row in rows.Take(limit))
        {
            items.Add(await ToCrawlerAsync(connection, row, cancellationToken));
        }

        return new Page<Crawler>(items, rows.Count > limit ? PageToken.Encode(items[^1].Definition.Name) : null);
    }

    /// <summary>READY → RUNNING and a new run row, atomically: two starts of one crawler cannot both win.</summary>
    /// <param name="triggerName">The trigger starting the crawl, or null when a user does.</param>
    public async Task<CrawlRun?> TryStartAsync(string name, string by, string? triggerName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE crawlers SET state = 'RUNNING' WHERE name = @Name AND state = 'READY'", new { Name = name }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return null;
        }

        var id = $"cr_{Guid.NewGuid():N}";
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO crawler_runs (id, crawler_name, status, started_at, started_by, trigger_name) VALUES (@Id, @Name, 'RUNNING', @Now, @By, @Trigger)",
            new { Id = id, Name = name, Now = Now(), By = by, Trigger = triggerName }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return await FindRunAsync(id, cancellationToken);
    }

    public async Task<bool> TryMarkStoppingAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE crawlers SET state = 'STOPPING' WHERE name = @Name AND state = 'RUNNING'", new { Name = name }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task ReportProgressAsync(string runId, CrawlProgress progress, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE crawler_runs SET files_seen = @Seen, files_classified = @Classified, problem_count = @Problems WHERE id = @Id",
            new { Id = runId, Seen = progress.FilesSeen, Classified = progress.FilesClassified, Problems = progress.Problems }, cancellationToken: cancellationToken));
    }

    /// <summary>The folders (<c>s3://bucket/prefix/</c>) earlier successful crawls of the crawler read files from.</summary>
    public async Task<IReadOnlySet<string>> CrawledFoldersAsync(string crawlerName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT folder FROM crawler_folders WHERE crawler_name = @Name", new { Name = crawlerName }, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Ends the run, stores its problems and sets the crawler READY again, in one transaction.</summary>
    /// <param name="folders">The folders the crawl read; remembered only when it succeeded.</param>
    public async Task FinishAsync(string runId, string crawlerName, string status, CrawlWriteSummary? summary, IReadOnlyList<CrawlProblem> problems, string? error,
        IReadOnlyList<string>? folders = null)
    {
        // Not the crawl's token: a cancelled crawl must still be recorded as cancelled.
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE crawler_runs SET status = @Status, completed_at = @Now, summary = @Summary, error_message = @Error, problem_count = @Count
            WHERE id = @Id
            """,
            new { Id = runId, Status = status, Now = Now(), Summary = summary is null ? null : JsonSerializer.Serialize(summary), Error = error, Count = problems.Count },
            transaction));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO crawler_run_problems (run_id, seq, path, message) VALUES (@Id, @Seq, @Path, @Message)",
            problems.Select((p, i) => new { Id = runId, Seq = i, p.Path, p.Message }), transaction));
        if (status == CrawlerStates.Succeeded && folders is { Count: > 0 })
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO crawler_folders (crawler_name, folder, run_id) VALUES (@Name, @Folder, @Id) ON CONFLICT DO NOTHING",
                folders.Select(f => new { Name = crawlerName, Folder = f, Id = runId }), transaction));
        }

        await connection.ExecuteAsync(new CommandDefinition("UPDATE crawlers SET state = 'READY' WHERE name = @Name", new { Name = crawlerName }, transaction));
        await transaction.CommitAsync();
    }

    /// <summary>After a restart nothing is running: runs left RUNNING failed with the process, and their crawlers are READY.</summary>
    public async Task<int> RecoverInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var runs = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE crawler_runs SET status = 'FAILED', completed_at = @Now, error_message = 'Lakeport stopped during the crawl; nothing was written.' WHERE status = 'RUNNING'",
            new { Now = Now() }, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("UPDATE crawlers SET state = 'READY' WHERE state <> 'READY'", cancellationToken: cancellationToken));
        return runs;
    }

    public async Task<CrawlRun?> FindRunAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition($"{SelectRun} WHERE id = @Id", new { Id = runId }, cancellationToken: cancellationToken)))?.ToModel();
    }

    public async Task<Page<CrawlRun>> RunsAsync(string crawlerName, PageRequest page, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(page.MaxResults ?? 50, 1, 200);
        // Keyset paging on (started_at, id), newest first; the token carries the last pair returned.
        var before = PageToken.Decode(page.NextToken)?.Split('|');
        var (beforeTime, beforeId) = before is [var t, var i] && long.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var at) ? (at, i) : (long.MaxValue, "");
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RunRow>(new CommandDefinition(
            $"{SelectRun} WHERE crawler_name = @Name AND (started_at < @T OR (started_at = @T AND id < @Id)) ORDER BY started_at DESC, id DESC LIMIT @Take",
            new { Name = crawlerName, T = beforeTime, Id = beforeId, Take = limit + 1 }, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => r.ToModel()).ToList();
        return new Page<CrawlRun>(items, rows.Count > limit
            ? PageToken.Encode($"{items[^1].StartedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}|{items[^1].Id}")
            : null);
    }

    public async Task<IReadOnlyList<CrawlProblem>> ProblemsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<CrawlProblem>(new CommandDefinition(
            "SELECT path AS Path, message AS Message FROM crawler_run_problems WHERE run_id = @Id ORDER BY seq", new { Id = runId }, cancellationToken: cancellationToken))).ToList();
    }

    private async Task<Crawler> ToCrawlerAsync(DbConnection connection, CrawlerRow row, CancellationToken cancellationToken)
    {
        var last = row.RunId is null ? null
            : (await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition($"{SelectRun} WHERE id = @Id", new { Id = row.RunId }, cancellationToken: cancellationToken)))?.ToModel();
        return new Crawler(
            JsonSerializer.Deserialize<CrawlerDefinition>(row.Definition) ?? throw new InvalidOperationException("A stored crawler is empty."),
            row.State, DateTimeOffset.FromUnixTimeMilliseconds(row.CreationTime), DateTimeOffset.FromUnixTimeMilliseconds(row.LastUpdated), row.Version, last);
    }

    private static async Task ThrowNotReadyAsync(DbConnection connection, string name, CancellationToken cancellationToken)
    {
        var state = await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT state FROM crawlers WHERE name = @Name", new { Name = name }, cancellationToken: cancellationToken));
        throw state is null
            ? new EntityNotFoundException($"Crawler {name} not found.")
            : new CrawlerRunningException($"Crawler {name} is {state}; wait for the crawl to end or stop it.");
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed record CrawlerRow(string Definition, string State, long CreationTime, long LastUpdated, long Version, string? RunId);

    private sealed record RunRow(string Id, string CrawlerName, string Status, long StartedAt, long? CompletedAt, string StartedBy,
        long FilesSeen, long FilesClassified, string? Summary, string? ErrorMessage, long ProblemCount, string? TriggerName)
    {
        public CrawlRun ToModel() => new(Id, CrawlerName, Status, DateTimeOffset.FromUnixTimeMilliseconds(StartedAt),
            CompletedAt is { } c ? DateTimeOffset.FromUnixTimeMilliseconds(c) : null, StartedBy, (int)FilesSeen, (int)FilesClassified,
            Summary is null ? null : JsonSerializer.Deserialize<CrawlWriteSummary>(Summary), ErrorMessage, (int)ProblemCount)
        {
            TriggerName = TriggerName,
        };
    }
}
