namespace Lakeport.Services.Aws.Wire.Glue;

// Glue's CreatePartition: how partitions are registered outside a crawl (tests seed them this way on AWS).

[AwsShape("glue", "PartitionInput")]
public sealed class GluePartitionInput
{
    public List<string>? Values { get; init; }

    public GlueStorageDescriptor? StorageDescriptor { get; init; }

    public Dictionary<string, string>? Parameters { get; init; }
}

[AwsShape("glue", "CreatePartitionRequest")]
public sealed class CreatePartitionRequest
{
    public string? CatalogId { get; init; }

    public required string DatabaseName { get; init; }

    public required string TableName { get; init; }

    public required GluePartitionInput PartitionInput { get; init; }
}

[AwsShape("glue", "CreatePartitionResponse")]
public sealed class CreatePartitionResponse;
