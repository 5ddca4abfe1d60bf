using Lakeport.Services.Catalog;

namespace Lakeport.Services.Aws.Wire.Glue;

/// <summary>
/// The Aws backend's side of <see cref="GlueCatalogMapping"/>: Glue's answers read into the catalog model, and the
/// catalog model written as Glue's inputs.
/// </summary>
public static class GlueCatalogReading
{
    /// <summary>The crawler parameter Glue sets on the tables a crawler writes (the Local catalog sets the same).</summary>
    public const string UpdatedByCrawler = "UPDATED_BY_CRAWLER";

    public static CatalogDatabase ToDomain(this GlueDatabase database) => new(
        database.Name,
        database.Description,
        database.LocationUri,
        database.Parameters ?? [],
        database.CreateTime ?? DateTimeOffset.UnixEpoch);

    public static GlueDatabaseInput ToWire(this ValidDatabaseInput input) => new()
    {
        Name = input.Name,
        Description = input.Description,
        LocationUri = input.LocationUri,
        Parameters = input.Parameters.ToDictionary(),
    };

    /// <summary>
    /// A table as Glue returns it. Table versions carry the table without its database (moto's do), hence
    /// <paramref name="databaseName"/>. Glue records who created a table but not who last changed it: UpdatedBy is the
    /// crawler that wrote it when Glue's crawler parameter says so, else empty.
    /// </summary>
    public static CatalogTable ToDomain(this GlueTable table, string databaseName, string? versionId = null)
    {
        var parameters = table.Parameters ?? [];
        var created = table.CreateTime ?? DateTimeOffset.UnixEpoch;
        return new CatalogTable(
            table.DatabaseName ?? databaseName,
            new TableDefinition(
                table.Name,
                table.Description,
                table.TableType ?? TableDefinition.ExternalTable,
                (table.PartitionKeys ?? []).Select(GlueCatalogMapping.ToDomain).ToList(),
                table.StorageDescriptor?.ToDomain() ?? StorageDescriptor.Empty,
                parameters),
            table.VersionId ?? versionId ?? "",
            created,
            table.UpdateTime ?? created,
            table.CreatedBy ?? "",
            parameters.GetValueOrDefault(UpdatedByCrawler) ?? "");
    }

    public static CatalogPartition ToDomain(this GluePartition partition, string databaseName, string tableName) => new(
        partition.DatabaseName ?? databaseName,
        partition.TableName ?? tableName,
        partition.Values ?? [],
        partition.StorageDescriptor?.ToDomain() ?? StorageDescriptor.Empty,
        partition.Parameters ?? [],
        partition.CreationTime ?? DateTimeOffset.UnixEpoch);

    public static GlueTableInput ToWire(this TableDefinition table) => new()
    {
        Name = table.Name,
        Description = table.Description,
        TableType = table.TableType,
        PartitionKeys = table.PartitionKeys.Select(GlueCatalogMapping.ToWire).ToList(),
        StorageDescriptor = table.StorageDescriptor.ToWire(),
        Parameters = table.Parameters.ToDictionary(),
    };

    public static GluePropertyPredicate ToWire(this TableSearchFilter filter) => new()
    {
        Key = filter.Field switch
        {
            TableSearchField.DatabaseName => "DatabaseName",
            _ => "Name",
        },
        Value = filter.Value,
        Comparator = filter.Comparator.ToString(),
    };

    /// <summary>
    /// Where the text occurs in the table, by the ranking <see cref="ICatalog.SearchTablesAsync"/> documents
    /// (case-insensitive, literal); <see cref="TableMatch.Listed"/> when Glue matched on something Lakeport does not
    /// rank (a parameter, a token of a name) or there is no text.
    /// </summary>
    public static (TableMatch Match, string? Column) MatchOf(CatalogTable table, string? text)
    {
        if (text is null)
        {
            return (TableMatch.Listed, null);
        }

        var name = table.Name;
        if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
        {
            return (TableMatch.ExactName, null);
        }

        if (name.StartsWith(text, StringComparison.OrdinalIgnoreCase))
        {
            return (TableMatch.NamePrefix, null);
        }

        if (name.Contains(text, StringComparison.OrdinalIgnoreCase))
        {
            return (TableMatch.NameContains, null);
        }

        var columns = table.Definition.StorageDescriptor.Columns.Concat(table.Definition.PartitionKeys).ToList();
        if (columns.FirstOrDefault(c => c.Name.Contains(text, StringComparison.OrdinalIgnoreCase)) is { } byName)
        {
            return (TableMatch.ColumnName, byName.Name);
        }

        if (columns.FirstOrDefault(c => c.Comment?.Contains(text, StringComparison.OrdinalIgnoreCase) == true) is { } byComment)
        {
            return (TableMatch.ColumnComment, byComment.Name);
        }

        return table.Definition.Description?.Contains(text, StringComparison.OrdinalIgnoreCase) == true
            ? (TableMatch.Description, null)
            : (TableMatch.Listed, null);
    }
}
