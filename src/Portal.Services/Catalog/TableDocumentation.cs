using System.Globalization;
using Lakeport.Services.Common;

namespace Lakeport.Services.Catalog;

/// <summary>
/// An edit of what a table says about itself: its description and comments of columns or partition keys (by name;
/// an empty comment removes it). With <see cref="ExpectedVersionId"/>, a table changed meanwhile is not overwritten.
/// </summary>
public sealed record TableDocumentation(string? Description, IReadOnlyDictionary<string, string?> ColumnComments, string? ExpectedVersionId = null);

public static class TableDocumentationRules
{
    /// <summary>
    /// The table's definition with the edit applied (columns named case-insensitively; a blank comment removes it) and
    /// the audit detail saying what changed. Refuses a column the table does not have.
    /// </summary>
    public static (TableDefinition Edited, string Detail) Apply(CatalogTable current, TableDocumentation documentation)
    {
        var definition = current.Definition;
        var comments = documentation.ColumnComments.ToDictionary(c => CatalogRules.Key(c.Key), c => string.IsNullOrWhiteSpace(c.Value) ? null : c.Value.Trim(), StringComparer.Ordinal);
        var columns = definition.StorageDescriptor.Columns.Concat(definition.PartitionKeys).ToDictionary(c => c.Name, StringComparer.Ordinal);
        if (comments.Keys.FirstOrDefault(c => !columns.ContainsKey(c)) is { } unknown)
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
        var changed = comments.Count(c => columns[c.Key].Comment != c.Value);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"description {(edited.Description == definition.Description ? "kept" : "changed")}, {changed} column comment(s) changed");
        return (edited, detail);
    }
}
