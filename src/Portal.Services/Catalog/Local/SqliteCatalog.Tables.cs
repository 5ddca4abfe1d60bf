using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Catalog.Local;

/// <summary>Tables, their versions and partitions.</summary>
public sealed partial class SqliteCatalog
{
    private const string SelectTable =
        """
        SELECT database_name AS DatabaseName, version_id AS VersionId, definition AS Definition, create_time AS CreateTime,
               update_time AS UpdateTime, created_by AS CreatedBy, updated_by AS UpdatedBy
        """;

    public async Task<CatalogTable> CreateTableAsync(Caller caller, string databaseName, TableDefinition table, CancellationToken cancellationToken)
    {
        caller.Require(TableRules.CreateTable, "create tables");
        var db = CatalogRules.NormalizeName(databaseName);
        var valid = TableRules.Validate(table);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await EnsureDatabaseAsync(connection, db, cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO catalog_tables (database_name, name, version_id, definition, create_time, update_time, created_by, updated_by)
                VALUES (@Db, @Name, 1, @Definition, @Now, @Now, @By, @By)
                """,
                new { Db = db, valid.Name, Definition = JsonSerializer.Serialize(valid), Now = now, By = caller.UserName },
                cancellationToken: cancellationToken));
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new AlreadyExistsException($"Table {valid.Name} already exists in database {db}.");
        }

        await audit.RecordAsync(AuditEntry.For(caller, "Catalog.CreateTable", $"{db}.{valid.Name}"), cancellationToken);
        return await GetTableAsync(caller, db, valid.Name, cancellationToken);
    }

    public async Task<CatalogTable> GetTableAsync(Caller caller, string databaseName, string tableName, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.Read, "read the catalog");
        var (db, name) = (Key(databaseName), Key(tableName));
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TableRow>(new CommandDefinition(
            $"{SelectTable} FROM catalog_tables WHERE database_name = @Db AND name = @Name", new { Db = db, Name = name }, cancellationToken: cancellationToken));
        if (row is null)
        {
            await EnsureDatabaseAsync(connection, db, cancellationToken);
            throw new EntityNotFoundException($"Table {name} not found in database {db}.");
        }

        return row.ToModel();
    }

    public async Task<Page<CatalogTable>> GetTablesAsync(Caller caller, string databaseName, string? expression, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.Read, "read the catalog");
        var db = Key(databaseName);
        var limit = Math.Clamp(page.MaxResults ?? TableRules.MaxTablesPerPage, 1, TableRules.MaxTablesPerPage);
        var filter = NameFilter(expression);
        var after = PageToken.Decode(page.NextToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await EnsureDatabaseAsync(connection, db, cancellationToken);

        // A regex cannot run in SQLite: read name-ordered chunks and filter until the page (plus one, to know of a next) is full.
        var matches = new List<CatalogTable>();
        while (matches.Count <= limit)
        {
            var chunk = (await connection.QueryAsync<TableRow>(new CommandDefinition(
                $"{SelectTable} FROM catalog_tables WHERE database_name = @Db AND (@After IS NULL OR name > @After) ORDER BY name LIMIT 500",
                new { Db = db, After = after }, cancellationToken: cancellationToken))).ToList();
            matches.AddRange(chunk.Select(r => r.ToModel()).Where(t => filter?.IsMatch(t.Name) != false));
            if (chunk.Count < 500)
            {
                break;
            }

            after = chunk[^1].ToModel().Name;
        }

        var items = matches.Take(limit).ToList();
        return new Page<CatalogTable>(items, matches.Count > limit ? PageToken.Encode(items[^1].Name) : null);
    }

    public async Task<CatalogTable> UpdateTableAsync(
        Caller caller, string databaseName, TableDefinition table, string? expectedVersionId, bool skipArchive, CancellationToken cancellationToken)
    {
        caller.Require(TableRules.UpdateTable, "update tables");
        return await UpdateValidTableAsync(caller, Key(databaseName), TableRules.Validate(table), expectedVersionId, skipArchive,
            "Catalog.UpdateTable", detail: null, cancellationToken);
    }

    /// <summary>The one update path: archive (unless skipped), replace, audit under <paramref name="auditAction"/>.</summary>
    private async Task<CatalogTable> UpdateValidTableAsync(Caller caller, string db, TableDefinition valid, string? expectedVersionId, bool skipArchive,
        string auditAction, string? detail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<TableRow>(new CommandDefinition(
            $"{SelectTable} FROM catalog_tables WHERE database_name = @Db AND name = @Name",
            new { Db = db, valid.Name }, transaction, cancellationToken: cancellationToken))
            ?? throw new EntityNotFoundException($"Table {valid.Name} not found in database {db}.");
        if (expectedVersionId is not null && expectedVersionId != current.VersionId.ToString(CultureInfo.InvariantCulture))
        {
            throw new ConcurrentModificationException(
                $"Table {db}.{valid.Name} is at version {current.VersionId}, not {expectedVersionId}: read it again and retry.");
        }

        if (!skipArchive)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO catalog_table_versions (database_name, table_name, version_id, definition, create_time, update_time, created_by, updated_by)
                SELECT database_name, name, version_id, definition, create_time, update_time, created_by, updated_by
                FROM catalog_tables WHERE database_name = @Db AND name = @Name
                """, new { Db = db, valid.Name }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE catalog_tables SET definition = @Definition, version_id = version_id + @Step, update_time = @Now, updated_by = @By
            WHERE database_name = @Db AND name = @Name
            """,
            new { Db = db, valid.Name, Definition = JsonSerializer.Serialize(valid), Step = skipArchive ? 0 : 1, Now = clock.GetUtcNow().ToUnixTimeMilliseconds(), By = caller.UserName },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, auditAction, $"{db}.{valid.Name}", detail: detail), cancellationToken);
        return await GetTableAsync(caller, db, valid.Name, cancellationToken);
    }

    public async Task DeleteTableAsync(Caller caller, string databaseName, string tableName, CancellationToken cancellationToken)
    {
        caller.Require(TableRules.DeleteTable, "delete tables");
        var (db, name) = (Key(databaseName), Key(tableName));
        await using var connection = await database.OpenAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM catalog_tables WHERE database_name = @Db AND name = @Name", new { Db = db, Name = name }, cancellationToken: cancellationToken));
        if (deleted == 0)
        {
            await EnsureDatabaseAsync(connection, db, cancellationToken);
            throw new EntityNotFoundException($"Table {name} not found in database {db}.");
        }

        await audit.RecordAsync(AuditEntry.For(caller, "Catalog.DeleteTable", $"{db}.{name}"), cancellationToken);
    }

    public async Task<Page<CatalogTable>> GetTableVersionsAsync(Caller caller, string databaseName, string tableName, PageRequest page, CancellationToken cancellationToken)
    {
        var current = await GetTableAsync(caller, databaseName, tableName, cancellationToken);
        var limit = Math.Clamp(page.MaxResults ?? TableRules.MaxVersionsPerPage, 1, TableRules.MaxVersionsPerPage);
        var before = PageToken.Decode(page.NextToken) is { } token && long.TryParse(token, CultureInfo.InvariantCulture, out var v) ? v : long.MaxValue;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<TableRow>(new CommandDefinition(
            $"""
            SELECT * FROM (
                {SelectTable} FROM catalog_tables WHERE database_name = @Db AND name = @Name
                UNION ALL
                SELECT database_name, version_id, definition, create_time, update_time, created_by, updated_by
                FROM catalog_table_versions WHERE database_name = @Db AND table_name = @Name)
            WHERE VersionId < @Before ORDER BY VersionId DESC LIMIT @Take
            """,
            new { Db = current.DatabaseName, current.Name, Before = before, Take = limit + 1 }, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => r.ToModel()).ToList();
        return new Page<CatalogTable>(items, rows.Count > limit ? PageToken.Encode(items[^1].VersionId) : null);
    }

    public async Task<Page<CatalogPartition>> GetPartitionsAsync(Caller caller, string databaseName, string tableName, PageRequest page, CancellationToken cancellationToken)
    {
        var table = await GetTableAsync(caller, databaseName, tableName, cancellationToken);
        var limit = Math.Clamp(page.MaxResults ?? TableRules.MaxPartitionsPerPage, 1, TableRules.MaxPartitionsPerPage);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<PartitionRow>(new CommandDefinition(
            """
            SELECT partition_values AS PartitionValues, definition AS Definition, creation_time AS CreationTime
            FROM catalog_partitions
            WHERE database_name = @Db AND table_name = @Name AND (@After IS NULL OR partition_values > @After)
            ORDER BY partition_values LIMIT @Take
            """,
            new { Db = table.DatabaseName, table.Name, After = PageToken.Decode(page.NextToken), Take = limit + 1 }, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => r.ToModel(table)).ToList();
        return new Page<CatalogPartition>(items, rows.Count > limit ? PageToken.Encode(rows[limit - 1].PartitionValues) : null);
    }

    private static string Key(string? name) => CatalogRules.Key(name);

    private static Regex? NameFilter(string? expression)
    {
        if (string.IsNullOrEmpty(expression))
        {
            return null;
        }

        try
        {
            // The whole name must match (UNVERIFIED against Glue, which documents only "a regular expression pattern").
            return new Regex($"^(?:{expression})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidInputException($"Expression '{expression}' is not a valid regular expression: {ex.Message}");
        }
    }

    private static async Task EnsureDatabaseAsync(System.Data.Common.DbConnection connection, string db, CancellationToken cancellationToken)
    {
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM catalog_databases WHERE name = @Db", new { Db = db }, cancellationToken: cancellationToken)) == 0)
        {
            throw new EntityNotFoundException($"Database {db} not found.");
        }
    }

    private sealed record TableRow(string DatabaseName, long VersionId, string Definition, long CreateTime, long UpdateTime, string CreatedBy, string UpdatedBy)
    {
        public CatalogTable ToModel() => new(
            DatabaseName,
            JsonSerializer.Deserialize<TableDefinition>(Definition) ?? throw new InvalidOperationException("A stored table definition is empty."),
            VersionId.ToString(CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeMilliseconds(CreateTime),
            DateTimeOffset.FromUnixTimeMilliseconds(UpdateTime),
            CreatedBy,
            UpdatedBy);
    }

    private sealed record PartitionRow(string PartitionValues, string Definition, long CreationTime)
    {
        public CatalogPartition ToModel(CatalogTable table)
        {
            var stored = JsonSerializer.Deserialize<StoredPartition>(Definition) ?? throw new InvalidOperationException("A stored partition is empty.");
            return new CatalogPartition(table.DatabaseName, table.Name, JsonSerializer.Deserialize<List<string>>(PartitionValues) ?? [],
                stored.StorageDescriptor, stored.Parameters, DateTimeOffset.FromUnixTimeMilliseconds(CreationTime));
        }
    }

    /// <summary>The JSON kept in <c>catalog_partitions.definition</c>.</summary>
    internal sealed record StoredPartition(StorageDescriptor StorageDescriptor, IReadOnlyDictionary<string, string> Parameters);
}
