using System.Globalization;
using Lakeport.Services.Common;
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
        var definition = current.Definition;
        var comments = documentation.ColumnComments.ToDictionary(c => Key(c.Key), c => string.IsNullOrWhiteSpace(c.Value) ? null : c.Value.Trim(), StringComparer.Ordinal);
        var known = definition.StorageDescriptor.Columns.Concat(definition.PartitionKeys).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        if (comments.Keys.FirstOrDefault(c => !known.Contains(c)) is { } unknown)
        {
            throw new InvalidInputException($"Table {current.DatabaseName}.{current.Name} has no column '{unknown}'.");
        }

        CatalogColumn Commented(CatalogColumn column) => comments.TryGetValue(column.Name, out var comment) ? column with { Comment = comment } : column;
        var edited = definition with
        {
            Description = string.IsNullOrWhiteSpace(documentation.Description) ? null : documentation.Description.Trim(),
            StorageDescriptor = definition.StorageDescriptor with { Columns = definition.StorageDescriptor.Columns.Select(Commented).ToList() },
            PartitionKeys = definition.PartitionKeys.Select(Commented).ToList(),
        };
        var changed = comments.Count(c => definition.StorageDescriptor.Columns.Concat(definition.PartitionKeys).First(k => k.Name == c.Key).Comment != c.Value);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"description {(edited.Description == definition.Description ? "kept" : "changed")}, {changed} column comment(s) changed");

        // Without an expected version, the one just read: an edit never silently overwrites a crawl that landed meanwhile.
        return await UpdateValidTableAsync(caller, current.DatabaseName, TableRules.Validate(edited), documentation.ExpectedVersionId ?? current.VersionId,
            skipArchive: false, "Catalog.EditTableDocumentation", detail, cancellationToken);
    }
}
