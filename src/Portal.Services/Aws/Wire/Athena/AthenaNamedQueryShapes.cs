namespace Lakeport.Services.Aws.Wire.Athena;

// Athena's named queries and work groups on the wire.

[AwsShape("athena", "NamedQuery")]
public sealed class AthenaNamedQuery
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required string Database { get; init; }

    public required string QueryString { get; init; }

    public string? NamedQueryId { get; init; }

    public string? WorkGroup { get; init; }
}

[AwsShape("athena", "CreateNamedQueryInput")]
public sealed class CreateNamedQueryInput
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Database { get; init; }

    public string? QueryString { get; init; }

    public string? ClientRequestToken { get; init; }

    public string? WorkGroup { get; init; }
}

[AwsShape("athena", "CreateNamedQueryOutput")]
public sealed class CreateNamedQueryOutput
{
    public string? NamedQueryId { get; init; }
}

[AwsShape("athena", "GetNamedQueryInput")]
public sealed class GetNamedQueryInput
{
    public string? NamedQueryId { get; init; }
}

[AwsShape("athena", "GetNamedQueryOutput")]
public sealed class GetNamedQueryOutput
{
    public AthenaNamedQuery? NamedQuery { get; init; }
}

[AwsShape("athena", "ListNamedQueriesInput")]
public sealed class ListNamedQueriesInput
{
    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }

    public string? WorkGroup { get; init; }
}

[AwsShape("athena", "ListNamedQueriesOutput")]
public sealed class ListNamedQueriesOutput
{
    public List<string>? NamedQueryIds { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("athena", "DeleteNamedQueryInput")]
public sealed class DeleteNamedQueryInput
{
    public string? NamedQueryId { get; init; }
}

[AwsShape("athena", "DeleteNamedQueryOutput")]
public sealed class DeleteNamedQueryOutput;

[AwsShape("athena", "WorkGroupConfiguration")]
public sealed class AthenaWorkGroupConfiguration
{
    public AthenaResultConfiguration? ResultConfiguration { get; init; }

    public bool? EnforceWorkGroupConfiguration { get; init; }

    public bool? PublishCloudWatchMetricsEnabled { get; init; }

    public long? BytesScannedCutoffPerQuery { get; init; }

    public bool? RequesterPaysEnabled { get; init; }

    public AthenaEngineVersion? EngineVersion { get; init; }
}

[AwsShape("athena", "WorkGroup")]
public sealed class AthenaWorkGroup
{
    public required string Name { get; init; }

    public string? State { get; init; }

    public AthenaWorkGroupConfiguration? Configuration { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? CreationTime { get; init; }
}

[AwsShape("athena", "WorkGroupSummary")]
public sealed class AthenaWorkGroupSummary
{
    public string? Name { get; init; }

    public string? State { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public AthenaEngineVersion? EngineVersion { get; init; }
}

[AwsShape("athena", "ListWorkGroupsInput")]
public sealed class ListWorkGroupsInput
{
    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }
}

[AwsShape("athena", "ListWorkGroupsOutput")]
public sealed class ListWorkGroupsOutput
{
    public List<AthenaWorkGroupSummary>? WorkGroups { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("athena", "GetWorkGroupInput")]
public sealed class GetWorkGroupInput
{
    public string? WorkGroup { get; init; }
}

[AwsShape("athena", "GetWorkGroupOutput")]
public sealed class GetWorkGroupOutput
{
    public AthenaWorkGroup? WorkGroup { get; init; }
}
