using System.Globalization;
using System.Text.RegularExpressions;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Catalog.Aws;

/// <summary>Tables, their versions and partitions in Glue.</summary>
public sealed partial class GlueCatalog
{
    public async Task<CatalogTable> CreateTableAsync(Caller caller, string databaseName, TableDefinition table, CancellationToken cancellationToken)
    {
        caller.Require(TableRules.CreateTable, "create tables");
        var db = CatalogRules.NormalizeName(databaseName);
        var valid = TableRules.Validate(table);
        await glue.SendAsync<CreateTableRequest, CreateTableResponse>("CreateTable",
            new CreateTableRequest { DatabaseName = db, TableInput = valid.ToWire() }, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Catalog.CreateTable", $"{db}.{valid.Name}"), cancellationToken);
        return await GetTableAsync(caller, db, valid.Name, cancellationToken);
    }

    public async Task<CatalogTable> GetTableAsync(Caller caller, string databaseName, string tableName, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.Read, "read the catalog");
        var (db, name) = (Key(databaseName), Key(tableName));
        var response = await glue.SendAsync<GetTableRequest, GetTableResponse>("GetTable", new GetTableRequest { DatabaseName = db, Name = name }, cancellationToken);
        return response.Table?.ToDomain(db) ?? throw new EntityNotFoundException($"Table {name} not found in database {db}.");
    }

    public async Task<Page<CatalogTable>> GetTablesAsync(Caller caller, string databaseName, string? expression, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.Read, "read the catalog");
        var db = Key(databaseName);
        var filter = NameFilter(expression);
        var response = await glue.SendAsync<GetTablesRequest, GetTablesResponse>("GetTables", new GetTablesRequest
        {
            DatabaseName = db,
            Expression = string.IsNullOrEmpty(expression) ? null : expression,
            MaxResults = Math.Clamp(page.MaxResults ?? TableRules.MaxTablesPerPage, 1, TableRules.MaxTablesPerPage),
            NextToken = NullIfEmpty(page.NextToken),
        }, cancellationToken);

        // Glue documents Expression only as "a regular expression pattern" (moto matches it at the start of the name);
        // the interface promises a whole-name match, so the page is narrowed to that, as the Local catalog does.
        var items = (response.TableList ?? []).Select(t => t.ToDomain(db)).Where(t => filter?.IsMatch(t.Name) != false)
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        return new Page<CatalogTable>(items, NullIfEmpty(response.NextToken));
    }

    public async Task<CatalogTable> UpdateTableAsync(
        Caller caller, string databaseName, TableDefinition table, string? expectedVersionId, bool skipArchive, CancellationToken cancellationToken)
    {
        caller.Require(TableRules.UpdateTable, "update tables");
        return await UpdateValidTableAsync(caller, Key(databaseName), TableRules.Validate(table), expectedVersionId, skipArchive,
            "Catalog.UpdateTable", detail: null, cancellationToken);
    }

    /// <summary>
    /// The one update path. Glue's VersionId makes the update conditional on the server; the table is also read first,
    /// so a stale version fails with the same message as the Local catalog's (and on emulators that ignore VersionId).
    /// </summary>
    private async Task<CatalogTable> UpdateValidTableAsync(Caller caller, string db, TableDefinition valid, string? expectedVersionId, bool skipArchive,
        string auditAction, string? detail, CancellationToken cancellationToken)
    {
        var current = await GetTableAsync(caller, db, valid.Name, cancellationToken);
        if (expectedVersionId is not null && expectedVersionId != current.VersionId)
        {
            throw new ConcurrentModificationException(
                $"Table {db}.{valid.Name} is at version {current.VersionId}, not {expectedVersionId}: read it again and retry.");
        }

        await glue.SendAsync<UpdateTableRequest, UpdateTableResponse>("UpdateTable", new UpdateTableRequest
        {
            DatabaseName = db,
            TableInput = valid.ToWire(),
            SkipArchive = skipArchive ? true : null,
            VersionId = expectedVersionId,
        }, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, auditAction, $"{db}.{valid.Name}", detail: detail), cancellationToken);
        return await GetTableAsync(caller, db, valid.Name, cancellationToken);
    }

    public async Task DeleteTableAsync(Caller caller, string databaseName, string tableName, CancellationToken cancellationToken)
    {
        caller.Require(TableRules.DeleteTable, "delete tables");
        var (db, name) = (Key(databaseName), Key(tableName));
        await glue.SendAsync<DeleteTableRequest, DeleteTableResponse>("DeleteTable", new DeleteTableRequest { DatabaseName = db, Name = name }, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Catalog.DeleteTable", $"{db}.{name}"), cancellationToken);
    }

    public async Task<Page<CatalogTable>> GetTableVersionsAsync(Caller caller, string databaseName, string tableName, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.Read, "read the catalog");
        var (db, name) = (Key(databaseName), Key(tableName));
        var response = await glue.SendAsync<GetTableVersionsRequest, GetTableVersionsResponse>("GetTableVersions", new GetTableVersionsRequest
        {
            DatabaseName = db,
            TableName = name,
            MaxResults = Math.Clamp(page.MaxResults ?? TableRules.MaxVersionsPerPage, 1, TableRules.MaxVersionsPerPage),
            NextToken = NullIfEmpty(page.NextToken),
        }, cancellationToken);

        // Glue does not document the order (moto answers oldest first): newest first within the page, as the interface says.
        var items = (response.TableVersions ?? []).Where(v => v.Table is not null)
            .Select(v => v.Table!.ToDomain(db, v.VersionId))
            .OrderByDescending(t => long.TryParse(t.VersionId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .ToList();
        return new Page<CatalogTable>(items, NullIfEmpty(response.NextToken));
    }

    public async Task<Page<CatalogPartition>> GetPartitionsAsync(Caller caller, string databaseName, string tableName, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.Read, "read the catalog");
        var (db, name) = (Key(databaseName), Key(tableName));
        var response = await glue.SendAsync<GetPartitionsRequest, GetPartitionsResponse>("GetPartitions", new GetPartitionsRequest
        {
            DatabaseName = db,
            TableName = name,
            MaxResults = Math.Clamp(page.MaxResults ?? TableRules.MaxPartitionsPerPage, 1, TableRules.MaxPartitionsPerPage),
            NextToken = NullIfEmpty(page.NextToken),
        }, cancellationToken);

        // Glue returns partitions in no documented order: ordered by values within the page, as the interface says.
        var items = (response.Partitions ?? []).Select(p => p.ToDomain(db, name))
            .OrderBy(p => string.Join('\u001f', p.Values), StringComparer.Ordinal).ToList();
        return new Page<CatalogPartition>(items, NullIfEmpty(response.NextToken));
    }

    private static Regex? NameFilter(string? expression)
    {
        if (string.IsNullOrEmpty(expression))
        {
            return null;
        }

        try
        {
            return new Regex($"^(?:{expression})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidInputException($"Expression '{expression}' is not a valid regular expression: {ex.Message}");
        }
    }
}
