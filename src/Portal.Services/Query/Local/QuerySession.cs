using System.Data.Common;
using System.Text.Json;
using DuckDB.NET.Data;
using Lakeport.Services.Local.DuckDb;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// One execution's DuckDB: the sandbox opened to exactly the data files of the tables the statement names (not the
/// rest of the lake: other tables' files, other users' result files), profiling into a private folder, Trino's
/// integer division, the Athena macros, and a schema per catalog database with a pruning view for each table the
/// statement names — only those, so session cost does not grow with the catalog.
/// </summary>
public sealed class QuerySession : IAsyncDisposable
{
    private readonly DuckDbSandbox _sandbox;
    private readonly string _profileFolder;

    private QuerySession(DuckDbSandbox sandbox, DuckDBConnection connection, string profileFolder)
    {
        _sandbox = sandbox;
        Connection = connection;
        _profileFolder = profileFolder;
    }

    public DuckDBConnection Connection { get; }

    private string ProfilePath => Path.Combine(_profileFolder, "profile.json");

    /// <param name="writeFolder">A folder the statement writes into (a CTAS staging folder), or null.</param>
    public static async Task<QuerySession> OpenAsync(DuckDbSandbox sandbox, string profileFolder, QueryPlan plan, string? database, string? writeFolder, ParquetSchemas parquetSchemas, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(profileFolder);
        var folder = profileFolder.EndsWith(Path.DirectorySeparatorChar) ? profileFolder : profileFolder + Path.DirectorySeparatorChar;
        var profile = Path.Combine(folder, "profile.json");
        // TOTAL_BYTES_READ is the scan size Athena bills; DuckDB 1.5.6 writes no profile unless EXTRA_INFO and
        // OPERATOR_CARDINALITY are on too (measured: the query fails with "DuckDB execution failed" otherwise).
        var settings = new[]
        {
            "SET enable_profiling = 'json'",
            $"SET profiling_output = {DuckDbSql.Literal(profile)}",
            """SET custom_profiling_settings = '{"TOTAL_BYTES_READ": "true", "OPERATOR_CARDINALITY": "true", "EXTRA_INFO": "true", "ROWS_RETURNED": "true", "LATENCY": "true"}'""",
            // Trino divides integers as integers (7 / 2 = 3).
            "SET integer_division = true",
            // The pruning view is bound when it is created and again by the query: the second bind reuses the Parquet
            // footers (a Hive table's view lists every partition's file) instead of opening them all again.
            "SET parquet_metadata_cache = true",
            // Progress (duckdb_query_progress) is tracked only with the progress bar on; it is never printed.
            "SET enable_progress_bar = true",
            "SET enable_progress_bar_print = false",
        };
        var files = plan.Tables.Where(t => t.Source is not null).SelectMany(t => t.Source!.Files.Select(f => f.Path)).ToList();
        var connection = await sandbox.OpenAsync(new SandboxExtras(writeFolder is null ? [folder] : [folder, writeFolder], settings, files), cancellationToken);
        var session = new QuerySession(sandbox, connection, profileFolder);
        try
        {
            // DESCRIBE binds the user's SQL and the run uses the rewritten one (division macros), so both name macros.
            var statements = AthenaFunctions.MacrosFor(plan.RunSql == plan.QuerySql ? plan.QuerySql : plan.QuerySql + "\n" + plan.RunSql).ToList();
            var schemas = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (table, source) in plan.Tables)
            {
                if (schemas.Add(table.DatabaseName))
                {
                    statements.Add($"CREATE SCHEMA IF NOT EXISTS {DuckDbSql.Identifier(table.DatabaseName)}");
                }

                statements.Add($"CREATE OR REPLACE VIEW {DuckDbSql.Identifier(table.DatabaseName)}.{DuckDbSql.Identifier(table.Name)} AS {await RelationAsync(connection, table, source, parquetSchemas, cancellationToken)}");
            }

            if (database is not null)
            {
                statements.Add($"CREATE SCHEMA IF NOT EXISTS {DuckDbSql.Identifier(database)}");
                statements.Add($"USE {DuckDbSql.Identifier(database)}");
            }

            // One command: DuckDB runs the statements in order and stops at the first that fails.
            if (statements.Count > 0)
            {
                await session.ExecuteAsync(string.Join(";\n", statements), cancellationToken);
            }

            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>How far the statement running on this session has got; safe to ask from another thread while it runs.</summary>
    public QueryProgress Progress(long rowsWritten)
    {
        var progress = Connection.GetQueryProgress();
        // With nothing to read that DuckDB can measure (range(), a VALUES list), it says 0 of 0: no estimate.
        return new QueryProgress(progress.TotalRowsToProcess > 0 && progress.Percentage is >= 0 and <= 100 ? Math.Round(progress.Percentage, 1) : null,
            (long)progress.RowsProcessed, (long)progress.TotalRowsToProcess, rowsWritten);
    }

    /// <summary>
    /// Runs <paramref name="work"/> while reporting <see cref="Progress"/> to <paramref name="progress"/> every
    /// <paramref name="interval"/>.
    /// </summary>
    public async Task ReportingAsync(IProgress<QueryProgress>? progress, TimeSpan interval, Func<long> rowsWritten, Func<Task> work, CancellationToken cancellationToken)
    {
        if (progress is null)
        {
            await work();
            return;
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporting = ReportAsync(progress, interval, rowsWritten, done.Token);
        try
        {
            await work();
        }
        finally
        {
            await done.CancelAsync();
            await reporting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ReportAsync(IProgress<QueryProgress> progress, TimeSpan interval, Func<long> rowsWritten, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            progress.Report(Progress(rowsWritten()));
        }
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The column names and DuckDB types of a query, from DESCRIBE (binds it, runs nothing).</summary>
    public async Task<IReadOnlyList<(string Name, string Type)>> DescribeAsync(string query, CancellationToken cancellationToken)
    {
        const string Describe = "DESCRIBE ";
        var columns = new List<(string, string)>();
        try
        {
            await DuckDbSandbox.ReadAsync(Connection, Describe + query, r => columns.Add((r.GetString(0), r.GetString(1))), cancellationToken);
        }
        catch (DuckDBException ex)
        {
            throw new PrefixedQueryException(ex, Describe.Length);
        }

        return columns;
    }

    public Task ReadAsync(string sql, Action<DbDataReader> row, CancellationToken cancellationToken) => DuckDbSandbox.ReadAsync(Connection, sql, row, cancellationToken);

    /// <summary>Streams a query's rows into <paramref name="rows"/>: as DuckDB's chunks when <see cref="ChunkCells"/> reads every column, else through DuckDB.NET's reader.</summary>
    public async Task StreamAsync(string sql, StreamedRows rows, CancellationToken cancellationToken)
    {
        if (!await DuckDbChunks.ReadAsync(Connection, sql, rows.OpenChunks, cancellationToken))
        {
            await ReadAsync(sql, rows.Write, cancellationToken);
        }
    }

    /// <summary>
    /// Bytes the last statement scanned, from DuckDB's profile: the larger of TOTAL_BYTES_READ and the summed sizes of
    /// the files its scans list ("Filename(s)"). The first is exact for CSV and JSON (measured: the pruned partition's
    /// file size to the byte); for Parquet DuckDB 1.5.6 counts far less than it reads (19 KB for a 30 MB file), so the
    /// pruned plan's file sizes stand in — an upper bound, where Athena bills only the columns read.
    /// </summary>
    public long LastBytesRead()
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(ProfilePath), new JsonDocumentOptions { MaxDepth = 4096 });
            var counted = document.RootElement.TryGetProperty("total_bytes_read", out var bytes) ? bytes.GetInt64() : 0;
            var files = new HashSet<string>(StringComparer.Ordinal);
            CollectFiles(document.RootElement, files);
            return Math.Max(counted, files.Sum(f => File.Exists(f) ? new FileInfo(f).Length : 0));
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return 0;
        }
    }

    private static void CollectFiles(JsonElement node, HashSet<string> files)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("extra_info", out var info) && info.ValueKind == JsonValueKind.Object
                && info.TryGetProperty("Filename(s)", out var names) && names.ValueKind == JsonValueKind.String)
            {
                files.UnionWith(names.GetString()!.Split(", ", StringSplitOptions.RemoveEmptyEntries));
            }

            if (node.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array)
            {
                foreach (var child in children.EnumerateArray())
                {
                    CollectFiles(child, files);
                }
            }
        }
    }

    /// <summary>Hands the instance to the pool to close in the background (its statement is over; the result is written) and removes the profile.</summary>
    public ValueTask DisposeAsync()
    {
        _sandbox.Release(Connection);
        try
        {
            Directory.Delete(_profileFolder, recursive: true);
        }
        catch (IOException)
        {
            // Only the profile of a finished statement is left behind; the next session uses its own folder.
        }

        return ValueTask.CompletedTask;
    }

    private static async Task<string> RelationAsync(DuckDBConnection connection, Catalog.CatalogTable table, TableSource? source, ParquetSchemas schemas, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            // No files yet: the table's columns, no rows.
            var columns = TableRelation.ColumnsOf(table);
            return "SELECT " + (columns.Count == 0 ? "NULL AS \"_\"" : string.Join(", ", columns.Select(c => $"CAST(NULL AS {DuckDbTypes.FromHive(c.HiveType, c.Name)}) AS {DuckDbSql.Identifier(c.Name)}")))
                + " WHERE false";
        }

        var keys = TableFormat.Of(table).Kind == TableFileKind.Json
            ? await JsonKeys.SampleAsync(connection, source.Files.Select(f => f.Path).ToList(), cancellationToken)
            : null;
        return PrunedRelation.Build(source, keys, schemas).Sql;
    }
}

/// <summary>DuckDB failed on the query run behind a prefix (DESCRIBE …): columns on its first line are shifted by the prefix.</summary>
public sealed class PrefixedQueryException(DuckDBException inner, int prefixLength) : Exception(inner.Message, inner)
{
    public int PrefixLength { get; } = prefixLength;
}
