using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Security;

namespace Lakeport.Services.Catalog.Aws;

/// <summary>
/// The Data Catalog in AWS Glue. The same roles, validation and audit entries as the Local catalog; Glue keeps the
/// data, and its errors arrive as the same portal exceptions (EntityNotFound, AlreadyExists, …).
/// </summary>
public sealed partial class GlueCatalog(GlueClient glue, IAuditLog audit) : ICatalog
{
    public async Task<CatalogDatabase> CreateDatabaseAsync(Caller caller, DatabaseInput input, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.CreateDatabase, "create databases");
        var valid = CatalogRules.Validate(input);
        await glue.SendAsync<CreateDatabaseRequest, CreateDatabaseResponse>("CreateDatabase",
            new CreateDatabaseRequest { DatabaseInput = valid.ToWire() }, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Catalog.CreateDatabase", valid.Name), cancellationToken);
        return await GetDatabaseAsync(caller, valid.Name, cancellationToken);
    }

    public async Task<CatalogDatabase> GetDatabaseAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.Read, "read the catalog");
        var response = await glue.SendAsync<GetDatabaseRequest, GetDatabaseResponse>("GetDatabase",
            new GetDatabaseRequest { Name = Key(name) }, cancellationToken);
        return response.Database?.ToDomain() ?? throw new EntityNotFoundException($"Database {name} not found.");
    }

    public async Task<Page<CatalogDatabase>> GetDatabasesAsync(Caller caller, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.Read, "read the catalog");
        var response = await glue.SendAsync<GetDatabasesRequest, GetDatabasesResponse>("GetDatabases", new GetDatabasesRequest
        {
            MaxResults = Math.Clamp(page.MaxResults ?? CatalogRules.MaxDatabasesPerPage, 1, CatalogRules.MaxDatabasesPerPage),
            NextToken = NullIfEmpty(page.NextToken),
        }, cancellationToken);

        // Glue pages in its own order; the page is sorted by name as the interface promises (across pages Glue decides).
        return new Page<CatalogDatabase>(response.DatabaseList.Select(d => d.ToDomain()).OrderBy(d => d.Name, StringComparer.Ordinal).ToList(),
            NullIfEmpty(response.NextToken));
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

        await glue.SendAsync<UpdateDatabaseRequest, UpdateDatabaseResponse>("UpdateDatabase",
            new UpdateDatabaseRequest { Name = target, DatabaseInput = valid.ToWire() }, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Catalog.UpdateDatabase", target), cancellationToken);
        return await GetDatabaseAsync(caller, target, cancellationToken);
    }

    public async Task DeleteDatabaseAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        caller.Require(CatalogRules.DeleteDatabase, "delete databases");
        var target = Key(name);
        await glue.SendAsync<DeleteDatabaseRequest, DeleteDatabaseResponse>("DeleteDatabase", new DeleteDatabaseRequest { Name = target }, cancellationToken);
        await audit.RecordAsync(AuditEntry.For(caller, "Catalog.DeleteDatabase", target), cancellationToken);
    }

    /// <summary>On AWS, Glue's own crawler writes what it finds into the catalog; Lakeport never writes a crawl itself.</summary>
    public Task<CrawlWriteSummary> ApplyCrawlAsync(
        Caller caller, string databaseName, string crawlerName, CrawlPlan plan, CrawlerPolicy policy, CancellationToken cancellationToken) =>
        throw new NotSupportedByBackendException(
            $"On AWS, the Glue crawler {crawlerName} writes its findings into the Data Catalog itself; Lakeport does not apply crawl results to Glue.");

    private static string Key(string? name) => CatalogRules.Key(name);

    private static string? NullIfEmpty(string? token) => string.IsNullOrEmpty(token) ? null : token;
}
