namespace Lakeport.Services.Catalog;

/// <summary>A column as Glue keeps it: a Hive type string (<c>bigint</c>, <c>array&lt;struct&lt;a:int&gt;&gt;</c>, …).</summary>
public sealed record CatalogColumn(string Name, string Type, string? Comment = null);

public sealed record SerDeInfo(string? Name, string? SerializationLibrary, IReadOnlyDictionary<string, string> Parameters)
{
    public static SerDeInfo Empty { get; } = new(null, null, new Dictionary<string, string>());
}

/// <summary>Where a table's (or partition's) files are and how to read them.</summary>
public sealed record StorageDescriptor(
    IReadOnlyList<CatalogColumn> Columns,
    string? Location,
    string? InputFormat,
    string? OutputFormat,
    bool Compressed,
    int NumberOfBuckets,
    SerDeInfo SerdeInfo,
    IReadOnlyDictionary<string, string> Parameters)
{
    public static StorageDescriptor Empty { get; } = new([], null, null, null, false, -1, SerDeInfo.Empty, new Dictionary<string, string>());
}

/// <summary>What a caller (or a crawler) supplies to create or replace a table: Glue's <c>TableInput</c>.</summary>
public sealed record TableDefinition(
    string Name,
    string? Description,
    string TableType,
    IReadOnlyList<CatalogColumn> PartitionKeys,
    StorageDescriptor StorageDescriptor,
    IReadOnlyDictionary<string, string> Parameters)
{
    public const string ExternalTable = "EXTERNAL_TABLE";

    public static TableDefinition Create(string name, StorageDescriptor storage, IReadOnlyList<CatalogColumn>? partitionKeys = null,
        IReadOnlyDictionary<string, string>? parameters = null, string? description = null) =>
        new(name, description, ExternalTable, partitionKeys ?? [], storage, parameters ?? new Dictionary<string, string>());
}

/// <summary>A table in the catalog, at its current version.</summary>
public sealed record CatalogTable(
    string DatabaseName,
    TableDefinition Definition,
    string VersionId,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    string CreatedBy,
    string UpdatedBy)
{
    public string Name => Definition.Name;
}

/// <summary>One partition: its values in partition-key order and its own storage (location = its folder).</summary>
public sealed record CatalogPartition(
    string DatabaseName,
    string TableName,
    IReadOnlyList<string> Values,
    StorageDescriptor StorageDescriptor,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset CreationTime);
