using System.Text.Json;
using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Security;

namespace Lakeport.Services.Catalog.Local;

/// <summary>The Data Catalog kept in the portal's SQLite database.</summary>
public sealed partial class SqliteCatalog(SqliteDatabase database, IAuditLog audit, TimeProvider clock) : ICatalog
{
    private const string SelectDatabase =
        """
        SELECT name AS Name, description AS Description, location_uri AS LocationUri, parameters AS Parameters, create_time AS CreateTime
        FROM catalog_databases
        """;

    public async Task<CatalogDatabase> CreateDatabaseAsync(Caller caller, DatabaseInput input, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.CreateDatabase, "create databases");
        var valid = CatalogRules.Validate(input);
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO catalog_databases (name, description, location_uri, parameters, create_time, created_by, updated_at, updated_by)
                VALUES (@Name, @Description, @LocationUri, @Parameters, @Now, @By, @Now, @By)
                """,
                new { valid.Name, valid.Description, valid.LocationUri, Parameters = Serialize(valid.Parameters), Now = now.ToUnixTimeMilliseconds(), By = caller.UserName },
                cancellationToken: cancellationToken));
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new AlreadyExistsException($"Database {valid.Name} already exists.");
        }

        await audit.RecordAsync(AuditEntry.For(caller, "Catalog.CreateDatabase", valid.Name), cancellationToken);
        return new CatalogDatabase(valid.Name, valid.Description, valid.LocationUri, valid.Parameters, now);
    }

    public async Task<CatalogDatabase> GetDatabaseAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.Read, "read the catalog");
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DatabaseRow>(new CommandDefinition(
            $"{SelectDatabase} WHERE name = @Name", new { Name = (name ?? "").Trim().ToLowerInvariant() }, cancellationToken: cancellationToken));
        return row?.ToModel() ?? throw NotFound(name);
    }

    public async Task<Page<CatalogDatabase>> GetDatabasesAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.Read, "read the catalog");
        var limit = Math.Clamp(page.MaxResults ?? CatalogRules.MaxDatabasesPerPage, 1, CatalogRules.MaxDatabasesPerPage);
        var after = PageToken.Decode(page.NextToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<DatabaseRow>(new CommandDefinition(
            $"{SelectDatabase} WHERE @After IS NULL OR name > @After ORDER BY name LIMIT @Take",
            new { After = after, Take = limit + 1 }, cancellationToken: cancellationToken))).ToList();
        var items = rows.Take(limit).Select(r => r.ToModel()).ToList();
        return new Page<CatalogDatabase>(items, rows.Count > limit ? PageToken.Encode(items[^1].Name) : null);
    }

    public async Task<CatalogDatabase> UpdateDatabaseAsync(Caller caller, string name, DatabaseInput input, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.UpdateDatabase, "update databases");
        var target = CatalogRules.NormalizeName(name);
        var valid = CatalogRules.Validate(input);
        if (valid.Name != target)
        {
            throw new InvalidInputException($"Database {target} cannot be renamed to {valid.Name}.");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE catalog_databases SET description = @Description, location_uri = @LocationUri, parameters = @Parameters,
                   updated_at = @Now, updated_by = @By
            WHERE name = @Name
            """,
            new { valid.Name, valid.Description, valid.LocationUri, Parameters = Serialize(valid.Parameters), Now = clock.GetUtcNow().ToUnixTimeMilliseconds(), By = caller.UserName },
            cancellationToken: cancellationToken));
        if (changed == 0)
        {
            throw NotFound(target);
        }

        await audit.RecordAsync(AuditEntry.For(caller, "Catalog.UpdateDatabase", target), cancellationToken);
        return await GetDatabaseAsync(caller, target, cancellationToken);
    }

    public async Task DeleteDatabaseAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.DeleteDatabase, "delete databases");
        var target = (name ?? "").Trim().ToLowerInvariant();
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM catalog_databases WHERE name = @Name", new { Name = target }, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            throw NotFound(target);
        }

        await audit.RecordAsync(AuditEntry.For(caller, "Catalog.DeleteDatabase", target), cancellationToken);
    }

    private static EntityNotFoundException NotFound(string? name) => new($"Database {name} not found.");

    private static string Serialize(IReadOnlyDictionary<string, string> parameters) => JsonSerializer.Serialize(parameters);

    private sealed record DatabaseRow(string Name, string? Description, string? LocationUri, string Parameters, long CreateTime)
    {
        public CatalogDatabase ToModel() => new(
            Name, Description, LocationUri,
            JsonSerializer.Deserialize<Dictionary<string, string>>(Parameters) ?? [],
            DateTimeOffset.FromUnixTimeMilliseconds(CreateTime));
    }
}
