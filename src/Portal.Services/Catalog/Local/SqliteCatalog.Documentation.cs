using Lakeport.Services.Security;

namespace Lakeport.Services.Catalog.Local;

/// <summary>Editing a table's description and column comments, through the normal (archiving) update path.</summary>
public sealed partial class SqliteCatalog
{
    public async Task<CatalogTable> UpdateTableDocumentationAsync(
        Caller caller, string databaseName, string tableName, TableDocumentation documentation, CancellationToken cancellationToken)
    {
        caller.Require(TableRules.EditDocumentation, "edit table descriptions and column comments");
        var current = await GetTableAsync(caller, databaseName, tableName, cancellationToken);
        var (edited, detail) = TableDocumentationRules.Apply(current, documentation);

        // Without an expected version, the one just read: an edit never silently overwrites a crawl that landed meanwhile.
        return await UpdateValidTableAsync(caller, current.DatabaseName, TableRules.Validate(edited), documentation.ExpectedVersionId ?? current.VersionId,
            skipArchive: false, "Catalog.EditTableDocumentation", detail, cancellationToken);
    }
}
