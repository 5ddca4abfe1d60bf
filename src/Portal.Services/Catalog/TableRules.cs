using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Catalog;

/// <summary>Who may change tables, and what a valid table definition is (shared by the catalog, crawlers and /aws).</summary>
public static class TableRules
{
    public const PortalRole CreateTable = PortalRole.Analyst;
    public const PortalRole UpdateTable = PortalRole.Analyst;

    /// <summary>Describing tables and columns is an Analyst's job, as is any other table update.</summary>
    public const PortalRole EditDocumentation = PortalRole.Analyst;
    public const PortalRole DeleteTable = PortalRole.Admin;

    public const int MaxTablesPerPage = 100;
    public const int MaxVersionsPerPage = 100;
    public const int MaxPartitionsPerPage = 1000;
    public const int MaxColumnNameLength = 255;
    public const int MaxCommentLength = 255;

    /// <summary>Names lowercased, types normalized, locations checked; throws <see cref="InvalidInputException"/> on the first problem.</summary>
    public static TableDefinition Validate(TableDefinition table)
    {
        var name = CatalogRules.NormalizeName(table.Name, "Table");
        if (table.Description is { Length: > CatalogRules.MaxDescriptionLength })
        {
            throw new InvalidInputException($"The description of table {name} is longer than {CatalogRules.MaxDescriptionLength} characters.");
        }

        var tableType = string.IsNullOrEmpty(table.TableType) ? TableDefinition.ExternalTable : table.TableType.ToUpperInvariant();
        if (tableType != TableDefinition.ExternalTable)
        {
            throw new InvalidInputException($"Table {name} has TableType '{table.TableType}': Lakeport keeps EXTERNAL_TABLE tables over lake files.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var columns = table.StorageDescriptor.Columns.Select(c => ValidateColumn(name, c, seen, partitionKey: false)).ToList();
        var keys = table.PartitionKeys.Select(c => ValidateColumn(name, c, seen, partitionKey: true)).ToList();
        var location = ValidateLocation(name, table.StorageDescriptor.Location);

        return table with
        {
            Name = name,
            TableType = tableType,
            PartitionKeys = keys,
            StorageDescriptor = table.StorageDescriptor with { Columns = columns, Location = location },
        };
    }

    public static StorageDescriptor ValidatePartitionStorage(string table, StorageDescriptor storage) =>
        storage with { Location = ValidateLocation(table, storage.Location) };

    private static CatalogColumn ValidateColumn(string table, CatalogColumn column, HashSet<string> seen, bool partitionKey)
    {
        var name = (column.Name ?? "").Trim().ToLowerInvariant();
        if (name.Length is 0 or > MaxColumnNameLength || name.Any(char.IsControl))
        {
            throw new InvalidInputException(
                $"Table {table} has a column name that is not valid: '{column.Name}' (1–{MaxColumnNameLength} characters, no control characters).");
        }

        if (!seen.Add(name))
        {
            throw new InvalidInputException($"Table {table} has the column '{name}' twice (columns and partition keys share one namespace).");
        }

        if (column.Comment is { Length: > MaxCommentLength })
        {
            throw new InvalidInputException($"The comment of column '{name}' in table {table} is longer than {MaxCommentLength} characters.");
        }

        var type = HiveTypes.Normalize(column.Type, name);
        if (partitionKey && !HiveTypes.IsPrimitive(type))
        {
            throw new InvalidInputException($"Partition key '{name}' of table {table} has type {type}; partition keys must have primitive types.");
        }

        return new CatalogColumn(name, type, column.Comment);
    }

    private static string? ValidateLocation(string table, string? location)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            return null;
        }

        return S3Uri.TryParse(location.Trim(), out _, out var error)
            ? location.Trim()
            : throw new InvalidInputException($"The location of table {table} is not valid: {error}");
    }
}
