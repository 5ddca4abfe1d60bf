namespace Lakeport.Services.Aws.Wire.Glue;

// Glue's database operations as they travel on the wire; members named and typed as in the service model.

[AwsShape("glue", "DatabaseInput")]
public sealed class GlueDatabaseInput
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? LocationUri { get; init; }

    public Dictionary<string, string>? Parameters { get; init; }
}

[AwsShape("glue", "Database")]
public sealed class GlueDatabase
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public string? LocationUri { get; init; }

    public Dictionary<string, string>? Parameters { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public string? CatalogId { get; init; }
}

[AwsShape("glue", "CreateDatabaseRequest")]
public sealed class CreateDatabaseRequest
{
    public string? CatalogId { get; init; }

    public GlueDatabaseInput? DatabaseInput { get; init; }

    public Dictionary<string, string>? Tags { get; init; }
}

[AwsShape("glue", "CreateDatabaseResponse")]
public sealed class CreateDatabaseResponse;

[AwsShape("glue", "GetDatabaseRequest")]
public sealed class GetDatabaseRequest
{
    public string? CatalogId { get; init; }

    public string? Name { get; init; }
}

[AwsShape("glue", "GetDatabaseResponse")]
public sealed class GetDatabaseResponse
{
    public GlueDatabase? Database { get; init; }
}

[AwsShape("glue", "GetDatabasesRequest")]
public sealed class GetDatabasesRequest
{
    public string? CatalogId { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }
}

[AwsShape("glue", "GetDatabasesResponse")]
public sealed class GetDatabasesResponse
{
    public required List<GlueDatabase> DatabaseList { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("glue", "UpdateDatabaseRequest")]
public sealed class UpdateDatabaseRequest
{
    public string? CatalogId { get; init; }

    public string? Name { get; init; }

    public GlueDatabaseInput? DatabaseInput { get; init; }
}

[AwsShape("glue", "UpdateDatabaseResponse")]
public sealed class UpdateDatabaseResponse;

[AwsShape("glue", "DeleteDatabaseRequest")]
public sealed class DeleteDatabaseRequest
{
    public string? CatalogId { get; init; }

    public string? Name { get; init; }
}

[AwsShape("glue", "DeleteDatabaseResponse")]
public sealed class DeleteDatabaseResponse;
