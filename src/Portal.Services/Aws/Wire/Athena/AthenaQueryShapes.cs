namespace Lakeport.Services.Aws.Wire.Athena;

// Athena's query executions on the wire.

[AwsShape("athena", "QueryExecutionContext")]
public sealed class AthenaQueryExecutionContext
{
    public string? Database { get; init; }

    public string? Catalog { get; init; }
}

[AwsShape("athena", "ResultConfiguration")]
public sealed class AthenaResultConfiguration
{
    public string? OutputLocation { get; init; }
}

[AwsShape("athena", "AthenaError")]
public sealed class AthenaError
{
    public int? ErrorCategory { get; init; }

    public int? ErrorType { get; init; }

    public bool? Retryable { get; init; }

    public string? ErrorMessage { get; init; }
}

[AwsShape("athena", "QueryExecutionStatus")]
public sealed class AthenaQueryExecutionStatus
{
    public string? State { get; init; }

    public string? StateChangeReason { get; init; }

    public DateTimeOffset? SubmissionDateTime { get; init; }

    public DateTimeOffset? CompletionDateTime { get; init; }

    public AthenaError? AthenaError { get; init; }
}

[AwsShape("athena", "QueryExecutionStatistics")]
public sealed class AthenaQueryExecutionStatistics
{
    public long? EngineExecutionTimeInMillis { get; init; }

    public long? DataScannedInBytes { get; init; }

    public long? TotalExecutionTimeInMillis { get; init; }

    public long? QueryQueueTimeInMillis { get; init; }

    public long? ServiceProcessingTimeInMillis { get; init; }
}

[AwsShape("athena", "EngineVersion")]
public sealed class AthenaEngineVersion
{
    public string? SelectedEngineVersion { get; init; }

    public string? EffectiveEngineVersion { get; init; }
}

[AwsShape("athena", "QueryExecution")]
public sealed class AthenaQueryExecution
{
    public string? QueryExecutionId { get; init; }

    public string? Query { get; init; }

    public string? StatementType { get; init; }

    public AthenaResultConfiguration? ResultConfiguration { get; init; }

    public AthenaQueryExecutionContext? QueryExecutionContext { get; init; }

    public AthenaQueryExecutionStatus? Status { get; init; }

    public AthenaQueryExecutionStatistics? Statistics { get; init; }

    public string? WorkGroup { get; init; }

    public AthenaEngineVersion? EngineVersion { get; init; }

    public List<string>? ExecutionParameters { get; init; }
}

[AwsShape("athena", "StartQueryExecutionInput")]
public sealed class StartQueryExecutionInput
{
    public string? QueryString { get; init; }

    public string? ClientRequestToken { get; init; }

    public AthenaQueryExecutionContext? QueryExecutionContext { get; init; }

    public AthenaResultConfiguration? ResultConfiguration { get; init; }

    public string? WorkGroup { get; init; }

    public List<string>? ExecutionParameters { get; init; }
}

[AwsShape("athena", "StartQueryExecutionOutput")]
public sealed class StartQueryExecutionOutput
{
    public string? QueryExecutionId { get; init; }
}

[AwsShape("athena", "GetQueryExecutionInput")]
public sealed class GetQueryExecutionInput
{
    public string? QueryExecutionId { get; init; }
}

[AwsShape("athena", "GetQueryExecutionOutput")]
public sealed class GetQueryExecutionOutput
{
    public AthenaQueryExecution? QueryExecution { get; init; }
}

[AwsShape("athena", "StopQueryExecutionInput")]
public sealed class StopQueryExecutionInput
{
    public string? QueryExecutionId { get; init; }
}

[AwsShape("athena", "StopQueryExecutionOutput")]
public sealed class StopQueryExecutionOutput;

[AwsShape("athena", "ListQueryExecutionsInput")]
public sealed class ListQueryExecutionsInput
{
    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }

    public string? WorkGroup { get; init; }
}

[AwsShape("athena", "ListQueryExecutionsOutput")]
public sealed class ListQueryExecutionsOutput
{
    public List<string>? QueryExecutionIds { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("athena", "BatchGetQueryExecutionInput")]
public sealed class BatchGetQueryExecutionInput
{
    public List<string>? QueryExecutionIds { get; init; }
}

[AwsShape("athena", "UnprocessedQueryExecutionId")]
public sealed class AthenaUnprocessedQueryExecutionId
{
    public string? QueryExecutionId { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }
}

[AwsShape("athena", "BatchGetQueryExecutionOutput")]
public sealed class BatchGetQueryExecutionOutput
{
    public List<AthenaQueryExecution>? QueryExecutions { get; init; }

    public List<AthenaUnprocessedQueryExecutionId>? UnprocessedQueryExecutionIds { get; init; }
}
