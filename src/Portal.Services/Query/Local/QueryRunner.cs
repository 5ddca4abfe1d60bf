using DuckDB.NET.Data;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Configuration;
using Lakeport.Services.Local;
using Lakeport.Services.Local.DuckDb;
using Lakeport.Services.Security;

namespace Lakeport.Services.Query.Local;

/// <summary>What a finished statement produced: its result columns, rows and the bytes it read.</summary>
public sealed record QueryOutcome(IReadOnlyList<ResultColumn> Columns, long Rows, long BytesRead);

/// <summary>Runs one planned statement to its result file: queries through DuckDB, SHOW/DESCRIBE from the catalog, CTAS and DROP against both.</summary>
public sealed class QueryRunner(DuckDbSandbox sandbox, ICatalog catalog, LakePaths lake, DataFolder folder, QueryLeftovers leftovers)
{
    /// <summary>How often a running statement's progress is read from DuckDB and reported.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <param name="progress">Told how far the statement has got while DuckDB runs it, every <see cref="ProgressInterval"/>.</param>
    public async Task<QueryOutcome> RunAsync(QueryExecution execution, QueryPlan plan, Caller caller, string resultPath, IProgress<QueryProgress>? progress, CancellationToken cancellationToken)
    {
        var statement = plan.Statement;
        switch (statement.Kind)
        {
            case StatementKind.ShowDatabases:
                return await WriteAsync(resultPath, [new ResultColumn("database_name", "varchar")], await DatabasesAsync(caller, cancellationToken), cancellationToken);
            case StatementKind.ShowTables:
                var database = statement.Database ?? execution.Database ?? throw new InvalidInputException("SHOW TABLES needs IN <database> or a default database.");
                return await WriteAsync(resultPath, [new ResultColumn("tab_name", "varchar")], await TablesAsync(caller, database, cancellationToken), cancellationToken);
            case StatementKind.ShowColumns:
                var table = await TableAsync(caller, statement.Table!, execution.Database, cancellationToken);
                var columns = TableRelation.ColumnsOf(table).Select(c => (IReadOnlyList<object?>)[c.Name, c.HiveType, c.IsPartitionKey ? "partition key" : null]).ToList();
                return await WriteAsync(resultPath, [new("col_name", "varchar"), new("data_type", "varchar"), new("comment", "varchar")], columns, cancellationToken);
            case StatementKind.DropTable:
                return await DropAsync(caller, statement, execution.Database, resultPath, cancellationToken);
        }

        if (statement.Kind == StatementKind.CreateTableAs)
        {
            // A new table is written once, from every file: no retry path to lean on.
            return await CreateTableAsAsync(plan.UnprunedTables is { } all ? plan with { Tables = all, UnprunedTables = null } : plan, caller, execution, resultPath, progress, cancellationToken);
        }

        // Parquet tables are first read as if their files share one schema, so a partition filter opens only the files
        // it keeps; if they do not, DuckDB says so (naming union_by_name) and the statement runs again unifying them.
        // Nothing of the first attempt survives it: the result file is written under a temporary name.
        // Likewise a plan pruned to some partitions runs over all of them again when DuckDB finds a column missing: the
        // kept files may lack a column only the others have (schema drift), which union_by_name answers with NULLs.
        var schemas = SchemasFor(plan);
        while (true)
        {
            var opened = false;
            try
            {
                await using var session = await OpenSessionAsync(execution, plan, null, schemas, cancellationToken);
                opened = true;
                return statement.Kind == StatementKind.Explain
                    ? await ExplainAsync(session, plan, resultPath, cancellationToken)
                    : await QueryAsync(session, plan, resultPath, progress, cancellationToken);
            }
            catch (Exception ex) when (schemas == ParquetSchemas.AssumeSame && (!opened || NamesUnionByName(ex)) && IsEngineError(ex))
            {
                // Opening binds only the tables' views, so a failure there under the assumption is retried whatever it
                // says; the unified attempt reports the real error if there is one.
                schemas = ParquetSchemas.Unify;
            }
            catch (Exception ex) when (plan.UnprunedTables is { } all && (!opened || NamesMissingColumn(ex)) && IsEngineError(ex))
            {
                plan = plan with { Tables = all, UnprunedTables = null };
                schemas = SchemasFor(plan);
            }
        }
    }

    private static ParquetSchemas SchemasFor(QueryPlan plan) =>
        plan.Tables.Any(t => t.Source is { Files.Count: > 1 }) ? ParquetSchemas.AssumeSame : ParquetSchemas.Unify;

    private static bool IsEngineError(Exception ex) => ex is DuckDBException or DuckDbStatementException or PrefixedQueryException;

    private static bool NamesMissingColumn(Exception ex) => ex.Message.Contains("does not have a column", StringComparison.OrdinalIgnoreCase);

    private static bool NamesUnionByName(Exception ex) => ex.Message.Contains("union_by_name", StringComparison.OrdinalIgnoreCase);

    private Task<QuerySession> OpenSessionAsync(QueryExecution execution, QueryPlan plan, string? writeFolder, ParquetSchemas schemas, CancellationToken cancellationToken) =>
        QuerySession.OpenAsync(sandbox, folder.QueryWork(execution.Id), plan, execution.Database, writeFolder, schemas, cancellationToken);

    /// <summary>
    /// Streams the query's rows into the result file; memory holds one row at a time, copied cell by cell (<see cref="StreamedRows"/>). The result types come from the
    /// running reader, so the query (and every view under it) is bound once; DESCRIBE binds it again only for types
    /// the reader does not spell out (decimal, nested) or when nothing came back. When the run differs from the SQL as
    /// written (Trino's division), DESCRIBE of the written SQL goes first, so binder errors point into the user's text.
    /// </summary>
    private static async Task<QueryOutcome> QueryAsync(QuerySession session, QueryPlan plan, string resultPath, IProgress<QueryProgress>? progress, CancellationToken cancellationToken)
    {
        var described = plan.RunSql == plan.QuerySql ? null : await session.DescribeAsync(plan.QuerySql, cancellationToken);
        var rows = new StreamedRows(resultPath, described);
        try
        {
            await session.ReportingAsync(progress, ProgressInterval, () => rows.Writer?.Rows ?? 0,
                () => session.StreamAsync(plan.RunSql, rows, cancellationToken), cancellationToken);

            // A type the reader left open (or no row to read it from): the profile of the run is read first, as DESCRIBE
            // would overwrite it.
            var bytes = session.LastBytesRead();
            var read = rows.Columns;
            if (described is null && (read is null || read.Any(c => c.Type is null)))
            {
                described = await session.DescribeAsync(plan.QuerySql, cancellationToken);
            }

            var columns = described is not null
                ? described.Select(c => new ResultColumn(c.Name, ResultTypes.Athena(c.Type))).ToList()
                : read!.Select(c => new ResultColumn(c.Name, ResultTypes.Athena(c.Type!))).ToList();
            var writer = rows.Writer ?? rows.Open(columns.Select(c => c.Name).ToList());
            await writer.CompleteAsync(cancellationToken);
            return new QueryOutcome(columns, writer.Rows, bytes);
        }
        finally
        {
            if (rows.Writer is not null)
            {
                await rows.Writer.DisposeAsync();
            }
        }
    }

    private static async Task<QueryOutcome> ExplainAsync(QuerySession session, QueryPlan plan, string resultPath, CancellationToken cancellationToken)
    {
        var lines = new List<IReadOnlyList<object?>>();
        var analyze = plan.BoundSql.TrimStart().Length > 7 && plan.Statement.QueryOffset > 0
            && plan.BoundSql[..plan.Statement.QueryOffset].Contains("ANALYZE", StringComparison.OrdinalIgnoreCase);
        await session.DescribeAsync(plan.QuerySql, cancellationToken);
        await session.ReadAsync($"EXPLAIN {(analyze ? "ANALYZE " : "")}{plan.RunSql}", r => lines.Add([r.GetString(1)]), cancellationToken);
        return await WriteAsync(resultPath, [new ResultColumn("Query Plan", "varchar")], lines, cancellationToken);
    }

    /// <summary>
    /// CREATE TABLE AS: Parquet written into a hidden staging folder beside the table's folder, moved into place in
    /// one rename, then registered in the catalog. A failure before the rename leaves nothing behind.
    /// </summary>
    private async Task<QueryOutcome> CreateTableAsAsync(QueryPlan plan, Caller caller, QueryExecution execution, string resultPath, IProgress<QueryProgress>? progress, CancellationToken cancellationToken)
    {
        var name = plan.Statement.Table!;
        var databaseName = name.Database ?? execution.Database ?? throw new InvalidInputException("CREATE TABLE needs a qualified name (db.table) or a default database.");
        var database = await catalog.GetDatabaseAsync(caller, databaseName, cancellationToken);
        if (await ExistsAsync(caller, databaseName, name.Table, cancellationToken))
        {
            if (plan.Statement.IfExists)
            {
                return await WriteAsync(resultPath, [], [], cancellationToken);
            }

            throw new AlreadyExistsException($"Table {databaseName}.{name.Table} already exists.");
        }

        var location = string.IsNullOrEmpty(database.LocationUri)
            ? execution.OutputLocation[..(execution.OutputLocation.LastIndexOf('/') + 1)] + $"tables/{execution.Id}/"
            : database.LocationUri.TrimEnd('/') + "/" + name.Table + "/";
        var target = lake.Resolve(location);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new AlreadyExistsException($"{location} already holds files; CREATE TABLE AS writes only into an empty location.");
        }

        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(target))!;
        var staging = Path.Combine(parent, $".{Path.GetFileName(Path.TrimEndingDirectorySeparator(target))}-staging-{execution.Id}");
        // The staging folder is the one place in the lake this session may write.
        await using var session = await OpenSessionAsync(execution, plan, staging, ParquetSchemas.Unify, cancellationToken);
        var described = await session.DescribeAsync(plan.QuerySql, cancellationToken);
        // Noted first: if this process dies while it writes, whoever cleans up after it knows what to remove.
        leftovers.NoteStaging(execution.Id, staging);
        Directory.CreateDirectory(staging);
        long rows = 0;
        try
        {
            await session.ReportingAsync(progress, ProgressInterval, () => 0,
                () => session.ReadAsync($"COPY ({plan.RunSql}) TO {DuckDbSql.Literal(Path.Combine(staging, "part-00000.parquet"))} (FORMAT parquet)",
                    r => rows = r.GetInt64(0), cancellationToken), cancellationToken);
            var bytes = session.LastBytesRead();
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
            var storage = new StorageDescriptor(described.Select(c => new CatalogColumn(c.Name, ResultTypes.Hive(c.Type))).ToList(), location,
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat", false, -1,
                new SerDeInfo(null, "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", new Dictionary<string, string>()), new Dictionary<string, string>());
            await catalog.CreateTableAsync(caller, databaseName, TableDefinition.Create(name.Table, storage,
                parameters: new Dictionary<string, string> { ["classification"] = "parquet", ["lakeport.ctas.execution"] = execution.Id }), cancellationToken);
            var outcome = await WriteAsync(resultPath, [new ResultColumn("rows", "bigint")], [[rows]], cancellationToken);
            return outcome with { BytesRead = bytes };
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private async Task<QueryOutcome> DropAsync(Caller caller, GuardedStatement statement, string? defaultDatabase, string resultPath, CancellationToken cancellationToken)
    {
        var name = statement.Table!;
        var database = name.Database ?? defaultDatabase ?? throw new InvalidInputException("DROP TABLE needs a qualified name (db.table) or a default database.");
        try
        {
            await catalog.DeleteTableAsync(caller, database, name.Table, cancellationToken);
        }
        catch (EntityNotFoundException) when (statement.IfExists)
        {
        }

        return await WriteAsync(resultPath, [], [], cancellationToken);
    }

    private async Task<bool> ExistsAsync(Caller caller, string database, string table, CancellationToken cancellationToken)
    {
        try
        {
            await catalog.GetTableAsync(caller, database, table, cancellationToken);
            return true;
        }
        catch (EntityNotFoundException)
        {
            return false;
        }
    }

    private async Task<CatalogTable> TableAsync(Caller caller, TableName name, string? defaultDatabase, CancellationToken cancellationToken) =>
        await catalog.GetTableAsync(caller, name.Database ?? defaultDatabase ?? throw new InvalidInputException($"Name the database of {name.Table} (db.table) or choose a default database."),
            name.Table, cancellationToken);

    private async Task<List<IReadOnlyList<object?>>> DatabasesAsync(Caller caller, CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyList<object?>>();
        string? token = null;
        do
        {
            var page = await catalog.GetDatabasesAsync(caller, new PageRequest(token), cancellationToken);
            rows.AddRange(page.Items.Select(d => (IReadOnlyList<object?>)[d.Name]));
            token = page.NextToken;
        }
        while (token is not null);
        return rows;
    }

    private async Task<List<IReadOnlyList<object?>>> TablesAsync(Caller caller, string database, CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyList<object?>>();
        string? token = null;
        do
        {
            var page = await catalog.GetTablesAsync(caller, database, null, new PageRequest(token), cancellationToken);
            rows.AddRange(page.Items.Select(t => (IReadOnlyList<object?>)[t.Name]));
            token = page.NextToken;
        }
        while (token is not null);
        return rows;
    }

    private static async Task<QueryOutcome> WriteAsync(string resultPath, IReadOnlyList<ResultColumn> columns, IReadOnlyList<IReadOnlyList<object?>> rows, CancellationToken cancellationToken)
    {
        await using var writer = new ResultFileWriter(resultPath, columns.Select(c => c.Name).ToList());
        foreach (var row in rows)
        {
            writer.WriteRow(row);
        }

        await writer.CompleteAsync(cancellationToken);
        return new QueryOutcome(columns, writer.Rows, 0);
    }
}
