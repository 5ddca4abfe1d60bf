namespace Lakeport.Services.Aws.Wire.Glue;

// Requests and responses of Glue's table operations.

[AwsShape("glue", "CreateTableRequest")]
public sealed class CreateTableRequest
{
    public string? CatalogId { get; init; }

    public string? DatabaseName { get; init; }

    public GlueTableInput? TableInput { get; init; }
}

[AwsShape("glue", "CreateTableResponse")]
public sealed class CreateTableResponse;

[AwsShape("glue", "GetTableRequest")]
public sealed class GetTableRequest
{
    public string? CatalogId { get; init; }

    public string? DatabaseName { get; init; }

    public string? Name { get; init; }
}

[AwsShape("glue", "GetTableResponse")]
public sealed class GetTableResponse
{
    public GlueTable? Table { get; init; }
}

[AwsShape("glue", "GetTablesRequest")]
public sealed class GetTablesRequest
{
    public string? CatalogId { get; init; }

    public string? DatabaseName { get; init; }

    public string? Expression { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }
}

[AwsShape("glue", "GetTablesResponse")]
public sealed class GetTablesResponse
{
    public List<GlueTable>? TableList { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("glue", "UpdateTableRequest")]
public sealed class UpdateTableRequest
{
    public string? CatalogId { get; init; }

    public string? DatabaseName { get; init; }

    public GlueTableInput? TableInput { get; init; }

    public bool? SkipArchive { get; init; }

    public string? VersionId { get; init; }
}

[AwsShape("glue", "UpdateTableResponse")]
public sealed class UpdateTableResponse;

[AwsShape("glue", "DeleteTableRequest")]
public sealed class DeleteTableRequest
{
    public string? CatalogId { get; init; }

    public string? DatabaseName { get; init; }

    public string? Name { get; init; }
}

[AwsShape("glue", "DeleteTableResponse")]
public sealed class DeleteTableResponse;

[AwsShape("glue", "GetTableVersionsRequest")]
public sealed class GetTableVersionsRequest
{
    public string? CatalogId { get; init; }

    public string? DatabaseName { get; init; }

    public string? TableName { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }
}

[AwsShape("glue", "GetTableVersionsResponse")]
public sealed class GetTableVersionsResponse
{
    public List<GlueTableVersion>? TableVersions { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("glue", "GetPartitionsRequest")]
public sealed class GetPartitionsRequest
{
    public string? CatalogId { get; init; }

    public string? DatabaseName { get; init; }

    public string? TableName { get; init; }

    public string? Expression { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }
}

[AwsShape("glue", "GetPartitionsResponse")]
public sealed class GetPartitionsResponse
{
    public List<GluePartition>? Partitions { get; init; }

    public string? NextToken { get; init; }
}
