using Lakeport.Services.Catalog;

namespace Lakeport.Services.Aws.Wire.Glue;

/// <summary>Catalog model ↔ Glue wire shapes, used by the /aws endpoint now and the Aws backend client later.</summary>
public static class GlueCatalogMapping
{
    public static GlueTable ToWire(this CatalogTable table) => new()
    {
        Name = table.Name,
        DatabaseName = table.DatabaseName,
        Description = table.Definition.Description,
        CreateTime = table.CreateTime,
        UpdateTime = table.UpdateTime,
        StorageDescriptor = table.Definition.StorageDescriptor.ToWire(),
        PartitionKeys = table.Definition.PartitionKeys.Select(ToWire).ToList(),
        TableType = table.Definition.TableType,
        Parameters = table.Definition.Parameters.ToDictionary(),
        CreatedBy = table.CreatedBy,
        IsRegisteredWithLakeFormation = false,
        VersionId = table.VersionId,
    };

    public static GluePartition ToWire(this CatalogPartition partition) => new()
    {
        Values = partition.Values.ToList(),
        DatabaseName = partition.DatabaseName,
        TableName = partition.TableName,
        CreationTime = partition.CreationTime,
        StorageDescriptor = partition.StorageDescriptor.ToWire(),
        Parameters = partition.Parameters.ToDictionary(),
    };

    public static GlueStorageDescriptor ToWire(this StorageDescriptor storage) => new()
    {
        Columns = storage.Columns.Select(ToWire).ToList(),
        Location = storage.Location,
        InputFormat = storage.InputFormat,
        OutputFormat = storage.OutputFormat,
        Compressed = storage.Compressed,
        NumberOfBuckets = storage.NumberOfBuckets,
        SerdeInfo = new GlueSerDeInfo
        {
            Name = storage.SerdeInfo.Name,
            SerializationLibrary = storage.SerdeInfo.SerializationLibrary,
            Parameters = storage.SerdeInfo.Parameters.ToDictionary(),
        },
        Parameters = storage.Parameters.ToDictionary(),
        StoredAsSubDirectories = false,
    };

    public static GlueColumn ToWire(this CatalogColumn column) => new() { Name = column.Name, Type = column.Type, Comment = column.Comment };

    /// <summary>Missing members take Glue's defaults (EXTERNAL_TABLE, -1 buckets, no columns).</summary>
    public static TableDefinition ToDomain(this GlueTableInput input, string name) => new(
        name,
        input.Description,
        input.TableType ?? TableDefinition.ExternalTable,
        (input.PartitionKeys ?? []).Select(ToDomain).ToList(),
        input.StorageDescriptor?.ToDomain() ?? StorageDescriptor.Empty,
        input.Parameters ?? []);

    public static StorageDescriptor ToDomain(this GlueStorageDescriptor storage) => new(
        (storage.Columns ?? []).Select(ToDomain).ToList(),
        storage.Location,
        storage.InputFormat,
        storage.OutputFormat,
        storage.Compressed ?? false,
        storage.NumberOfBuckets ?? -1,
        storage.SerdeInfo is { } serde ? new SerDeInfo(serde.Name, serde.SerializationLibrary, serde.Parameters ?? []) : SerDeInfo.Empty,
        storage.Parameters ?? []);

    public static CatalogColumn ToDomain(this GlueColumn column) => new(column.Name ?? "", column.Type ?? "", column.Comment);
}
