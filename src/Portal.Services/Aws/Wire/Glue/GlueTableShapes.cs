namespace Lakeport.Services.Aws.Wire.Glue;

// Glue's table model on the wire; members named and typed as in the service model.

[AwsShape("glue", "Column")]
public sealed class GlueColumn
{
    public string? Name { get; init; }

    public string? Type { get; init; }

    public string? Comment { get; init; }

    public Dictionary<string, string>? Parameters { get; init; }
}

[AwsShape("glue", "SerDeInfo")]
public sealed class GlueSerDeInfo
{
    public string? Name { get; init; }

    public string? SerializationLibrary { get; init; }

    public Dictionary<string, string>? Parameters { get; init; }
}

[AwsShape("glue", "StorageDescriptor")]
public sealed class GlueStorageDescriptor
{
    public List<GlueColumn>? Columns { get; init; }

    public string? Location { get; init; }

    public string? InputFormat { get; init; }

    public string? OutputFormat { get; init; }

    public bool? Compressed { get; init; }

    public int? NumberOfBuckets { get; init; }

    public GlueSerDeInfo? SerdeInfo { get; init; }

    public Dictionary<string, string>? Parameters { get; init; }

    public bool? StoredAsSubDirectories { get; init; }
}

[AwsShape("glue", "TableInput")]
public sealed class GlueTableInput
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Owner { get; init; }

    public GlueStorageDescriptor? StorageDescriptor { get; init; }

    public List<GlueColumn>? PartitionKeys { get; init; }

    public string? TableType { get; init; }

    public Dictionary<string, string>? Parameters { get; init; }
}

[AwsShape("glue", "Table")]
public sealed class GlueTable
{
    public required string Name { get; init; }

    public string? DatabaseName { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public DateTimeOffset? UpdateTime { get; init; }

    public GlueStorageDescriptor? StorageDescriptor { get; init; }

    public List<GlueColumn>? PartitionKeys { get; init; }

    public string? TableType { get; init; }

    public Dictionary<string, string>? Parameters { get; init; }

    public string? CreatedBy { get; init; }

    public bool? IsRegisteredWithLakeFormation { get; init; }

    public string? VersionId { get; init; }
}

[AwsShape("glue", "Partition")]
public sealed class GluePartition
{
    public List<string>? Values { get; init; }

    public string? DatabaseName { get; init; }

    public string? TableName { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public GlueStorageDescriptor? StorageDescriptor { get; init; }

    public Dictionary<string, string>? Parameters { get; init; }
}

[AwsShape("glue", "TableVersion")]
public sealed class GlueTableVersion
{
    public GlueTable? Table { get; init; }

    public string? VersionId { get; init; }
}
