using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Catalog;

/// <summary>The Data Catalog: databases now; tables, partitions and versions join as the crawler lands.</summary>
public interface ICatalog
{
    Task<CatalogDatabase> CreateDatabaseAsync(Caller caller, DatabaseInput input, CancellationToken cancellationToken);

    Task<CatalogDatabase> GetDatabaseAsync(Caller caller, string name, CancellationToken cancellationToken);

    /// <summary>Ordered by name; at most <see cref="CatalogRules.MaxDatabasesPerPage"/> a page, as in Glue.</summary>
    Task<Page<CatalogDatabase>> GetDatabasesAsync(Caller caller, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Replaces description, location and parameters; the name cannot change (Glue refuses renames too).</summary>
    Task<CatalogDatabase> UpdateDatabaseAsync(Caller caller, string name, DatabaseInput input, CancellationToken cancellationToken);

    /// <summary>Drops the database with its tables, partitions and versions (the files stay in the lake).</summary>
    Task DeleteDatabaseAsync(Caller caller, string name, CancellationToken cancellationToken);

    Task<CatalogTable> CreateTableAsync(Caller caller, string databaseName, TableDefinition table, CancellationToken cancellationToken);

    Task<CatalogTable> GetTableAsync(Caller caller, string databaseName, string tableName, CancellationToken cancellationToken);

    /// <summary>Ordered by name. <paramref name="expression"/> is a regular expression the whole table name must match.</summary>
    Task<Page<CatalogTable>> GetTablesAsync(Caller caller, string databaseName, string? expression, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the definition and archives the previous one as a table version (unless <paramref name="skipArchive"/>).
    /// With <paramref name="expectedVersionId"/>, refuses to overwrite a newer version.
    /// </summary>
    Task<CatalogTable> UpdateTableAsync(Caller caller, string databaseName, TableDefinition table, string? expectedVersionId, bool skipArchive, CancellationToken cancellationToken);

    Task DeleteTableAsync(Caller caller, string databaseName, string tableName, CancellationToken cancellationToken);

    /// <summary>The current version first, then archived ones, newest first.</summary>
    Task<Page<CatalogTable>> GetTableVersionsAsync(Caller caller, string databaseName, string tableName, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Writes one crawl's tables and partitions in a single transaction, under the crawler's schema-change policy:
    /// all of it lands or none of it does.
    /// </summary>
    Task<Crawling.CrawlWriteSummary> ApplyCrawlAsync(
        Caller caller, string databaseName, string crawlerName, Crawling.CrawlPlan plan, Crawling.CrawlerPolicy policy, CancellationToken cancellationToken);

    /// <summary>Ordered by partition values.</summary>
    Task<Page<CatalogPartition>> GetPartitionsAsync(Caller caller, string databaseName, string tableName, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Tables whose name, column names, column comments or description contain the text, ranked exact name, name
    /// prefix, name contains, column name, column comment, description (then by database and name); without text,
    /// every table by database and name. At most <see cref="TableSearchRules.MaxResultsPerPage"/> a page.
    /// </summary>
    Task<Page<TableSearchHit>> SearchTablesAsync(Caller caller, TableSearchQuery query, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the table's description and the comments of the named columns (or partition keys) through the normal
    /// update path: the previous definition is archived as a version, as Glue's UpdateTable does.
    /// </summary>
    Task<CatalogTable> UpdateTableDocumentationAsync(Caller caller, string databaseName, string tableName, TableDocumentation documentation, CancellationToken cancellationToken);
}
