using System.Text.Json;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Local.DuckDb;
using Lakeport.Services.Security;

namespace Lakeport.Services.Query.Local;

/// <summary>A catalog table a statement reads, with its files (null when the table has none yet).</summary>
public sealed record ReferencedTable(CatalogTable Table, TableSource? Source);

/// <summary>
/// A statement ready to run: bound, classified, rewritten, its tables resolved. <see cref="QuerySql"/> is the query as
/// written (bound; DESCRIBE binds it so errors point into the user's text), <see cref="RunSql"/> what DuckDB runs.
/// </summary>
public sealed record QueryPlan(string BoundSql, GuardedStatement Statement, string QuerySql, IReadOnlyList<ReferencedTable> Tables)
{
    public string RunSql { get; init; } = QuerySql;

    public SqlBinding Binding { get; init; } = SqlBinding.None(BoundSql);

    /// <summary>
    /// The tables with all their files when <see cref="Tables"/> holds fewer (<see cref="PartitionPruning"/>): a kept
    /// file may lack a column that only the dropped ones have, and then the statement runs again over these.
    /// </summary>
    public IReadOnlyList<ReferencedTable>? UnprunedTables { get; init; }
}

/// <summary>
/// Checks a request before it is queued: size, parameters, the statement guard, DuckDB's own parse of the query
/// (json_serialize_sql, which serialises SELECT statements only), the tables it names, and the confirmations it needs.
/// Only the tables the statement names are looked up, so a catalog of thousands of tables costs nothing extra.
/// </summary>
public sealed class QueryPlanner(ICatalog catalog, TableSources sources, DuckDbSandbox sandbox) : IAsyncDisposable
{
    // One sandboxed, locked connection parses every statement (json_serialize_sql runs nothing): opening a sandbox per
    // statement cost each query tens of milliseconds. A DuckDB connection serves one command at a time.
    private readonly SemaphoreSlim _parserLock = new(1, 1);
    private DuckDB.NET.Data.DuckDBConnection? _parser;

    public async Task<QueryPlan> PlanAsync(Caller caller, QueryRequest request, long largeScanBytes, CancellationToken cancellationToken)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(request.Sql) > QueryRules.MaxSqlBytes)
        {
            throw new InvalidInputException($"The statement is {System.Text.Encoding.UTF8.GetByteCount(request.Sql):N0} bytes; Athena accepts at most {QueryRules.MaxSqlBytes:N0} bytes.");
        }

        var tokens = SqlText.Tokenize(request.Sql);
        var binding = tokens.Any(t => t.Kind == SqlTokenKind.Placeholder) || request.ExecutionParameters is { Count: > 0 }
            ? SqlText.BindParameters(request.Sql, tokens, request.ExecutionParameters ?? [])
            : SqlBinding.None(request.Sql);
        var bound = binding.Bound;
        if (!ReferenceEquals(bound, request.Sql))
        {
            tokens = SqlText.Tokenize(bound);
        }

        var statement = StatementGuard.Classify(bound, tokens, caller);
        if (statement.IsDestructive && !request.ConfirmedDestructive)
        {
            throw new ConfirmationRequiredException($"DROP TABLE {statement.Table} removes the table from the catalog (its files stay in the lake). Confirm to run it.", ConfirmationKind.Destructive);
        }

        if (statement.Kind is not (StatementKind.Query or StatementKind.Explain or StatementKind.CreateTableAs))
        {
            return new QueryPlan(bound, statement, "", []) { Binding = binding };
        }

        var querySql = AthenaFunctions.Rewrite(statement.QuerySql, SqlText.Tokenize(statement.QuerySql));
        var parsed = await ParseAsync(binding, statement, querySql, cancellationToken);
        using var tree = parsed.Tree;
        var json = parsed.Json;
        TrinoArithmetic.CheckTableFunctions(tree.RootElement);
        var runSql = TrinoArithmetic.Rewrite(json) is { } rewritten ? await DeserializeAsync(rewritten, cancellationToken) : querySql;
        var tables = new List<ReferencedTable>();
        foreach (var name in BaseTables(tree.RootElement).Distinct())
        {
            var database = name.Database ?? request.Database;
            if (database is null || await FindAsync(caller, database, name.Table, cancellationToken) is not { } table)
            {
                continue;
            }

            TableSource? source;
            try
            {
                source = await sources.ResolveAsync(caller, table.DatabaseName, table.Name, cancellationToken);
            }
            catch (EntityNotFoundException)
            {
                source = null;
            }

            tables.Add(new ReferencedTable(table, source));
        }

        if (!request.ConfirmedLargeScan)
        {
            CheckLargeScan(tree.RootElement, tables, largeScanBytes);
        }

        var pruned = PartitionPruning.Restrict(tree.RootElement, tables);
        return new QueryPlan(bound, statement, querySql, pruned)
        {
            RunSql = runSql, Binding = binding, UnprunedTables = ReferenceEquals(pruned, tables) ? null : tables,
        };
    }

    private async Task<CatalogTable?> FindAsync(Caller caller, string database, string table, CancellationToken cancellationToken)
    {
        try
        {
            return await catalog.GetTableAsync(caller, database, table, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            // A CTE, or a table that does not exist: DuckDB reports the latter with its position.
            return null;
        }
    }

    /// <summary>A parse tree back to SQL text (DuckDB prints it fully parenthesised, as it parses it).</summary>
    private async Task<string> DeserializeAsync(string json, CancellationToken cancellationToken)
    {
        await using var connection = await sandbox.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT json_deserialize_sql({DuckDbSql.Literal(json)})";
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<(JsonDocument Tree, string Json)> ParseAsync(SqlBinding binding, GuardedStatement statement, string querySql, CancellationToken cancellationToken)
    {
        // json_serialize_sql takes a constant only; the literal is quoted like any other (a NUL is refused).
        var sql = querySql.Contains('\0', StringComparison.Ordinal)
            ? throw new InvalidInputException("The statement contains a NUL character.")
            : $"SELECT json_serialize_sql({DuckDbSql.Literal(querySql)})";
        string json;
        await _parserLock.WaitAsync(cancellationToken);
        try
        {
            _parser ??= await sandbox.OpenAsync(cancellationToken);
            await using var command = _parser.CreateCommand();
            command.CommandText = sql;
            json = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            _parserLock.Release();
        }

        var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4096 });
        var root = document.RootElement;
        if (!root.GetProperty("error").GetBoolean())
        {
            if (root.GetProperty("statements").GetArrayLength() == 1)
            {
                return (document, json);
            }

            document.Dispose();
            throw new InvalidInputException("Only one statement can run at a time.");
        }

        var message = root.GetProperty("error_message").GetString() ?? "The statement does not parse.";
        var type = root.GetProperty("error_type").GetString();
        var at = root.TryGetProperty("position", out var position) && int.TryParse(position.GetString(), out var p) ? p : 0;
        document.Dispose();
        if (type == "parser")
        {
            var (line, column) = SqlText.LineAndColumn(binding.Original, binding.OriginalOffset(statement.QueryOffset + at));
            throw new SqlSyntaxException($"line {line}:{column}: {message}", line, column);
        }

        throw new AccessDeniedException($"Only queries can run here: the statement after {statement.Kind.ToString().ToUpperInvariant()} is not a single SELECT ({message}).");
    }

    public async ValueTask DisposeAsync()
    {
        if (_parser is not null)
        {
            await _parser.DisposeAsync();
        }

        _parserLock.Dispose();
    }

    /// <summary>Every table reference (BASE_TABLE) anywhere in DuckDB's parse tree, CTE names included (they are not found in the catalog).</summary>
    private static IEnumerable<TableName> BaseTables(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "BASE_TABLE")
            {
                var schema = node.GetProperty("schema_name").GetString();
                yield return new TableName(string.IsNullOrEmpty(schema) ? null : schema, node.GetProperty("table_name").GetString() ?? "");
            }

            foreach (var property in node.EnumerateObject())
            {
                foreach (var name in BaseTables(property.Value))
                {
                    yield return name;
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                foreach (var name in BaseTables(item))
                {
                    yield return name;
                }
            }
        }
    }

    /// <summary>
    /// The guardrail Athena lacks: a partitioned table that no WHERE or join condition filters by any of its partition
    /// keys, whose files are larger than the limit, needs a confirmation.
    /// </summary>
    private static void CheckLargeScan(JsonElement tree, IReadOnlyList<ReferencedTable> tables, long limit)
    {
        var filtered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        CollectFilterColumns(tree, false, filtered);
        foreach (var (table, source) in tables)
        {
            var keys = table.Definition.PartitionKeys;
            if (keys.Count == 0 || source is null || keys.Any(k => filtered.Contains(k.Name)))
            {
                continue;
            }

            var bytes = source.Files.Sum(f => new FileInfo(f.Path).Length);
            if (bytes > limit)
            {
                throw new ConfirmationRequiredException(
                    $"This query reads all of {table.DatabaseName}.{table.Name} ({bytes / 1048576.0:N1} MiB, Athena cost {AthenaPricing.Cost(bytes, StatementType.DML, QueryState.SUCCEEDED):C4}) "
                    + $"because nothing filters its partition keys ({string.Join(", ", keys.Select(k => k.Name))}). Add a filter or confirm to run it.",
                    ConfirmationKind.LargeScan);
            }
        }
    }

    private static void CollectFilterColumns(JsonElement node, bool inFilter, HashSet<string> names)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (inFilter && node.TryGetProperty("class", out var kind) && kind.GetString() == "COLUMN_REF" && node.TryGetProperty("column_names", out var parts))
            {
                names.Add(parts[parts.GetArrayLength() - 1].GetString() ?? "");
            }

            foreach (var property in node.EnumerateObject())
            {
                CollectFilterColumns(property.Value, inFilter || property.Name is "where_clause" or "condition" or "having" or "qualify", names);
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                CollectFilterColumns(item, inFilter, names);
            }
        }
    }
}
