namespace Lakeport.Services.Aws.Wire.Glue;

// Glue's job model on the wire. Members Lakeport cannot honour locally (connections, security configurations,
// notification, execution class, …) are not declared, so the endpoint ignores them as Glue ignores unknown input.

[AwsShape("glue", "JobCommand")]
public sealed class GlueJobCommand
{
    public string? Name { get; init; }

    public string? ScriptLocation { get; init; }

    public string? PythonVersion { get; init; }
}

[AwsShape("glue", "ExecutionProperty")]
public sealed class GlueExecutionProperty
{
    public int? MaxConcurrentRuns { get; init; }
}

[AwsShape("glue", "Job")]
public sealed class GlueJob
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Role { get; init; }

    public DateTimeOffset? CreatedOn { get; init; }

    public DateTimeOffset? LastModifiedOn { get; init; }

    public GlueExecutionProperty? ExecutionProperty { get; init; }

    public GlueJobCommand? Command { get; init; }

    public Dictionary<string, string>? DefaultArguments { get; init; }

    public Dictionary<string, string>? NonOverridableArguments { get; init; }

    public int? MaxRetries { get; init; }

    public int? Timeout { get; init; }

    public string? WorkerType { get; init; }

    public int? NumberOfWorkers { get; init; }

    public double? MaxCapacity { get; init; }

    public string? GlueVersion { get; init; }
}

[AwsShape("glue", "JobUpdate")]
public sealed class GlueJobUpdate
{
    public string? Description { get; init; }

    public string? Role { get; init; }

    public GlueExecutionProperty? ExecutionProperty { get; init; }

    public GlueJobCommand? Command { get; init; }

    public Dictionary<string, string>? DefaultArguments { get; init; }

    public Dictionary<string, string>? NonOverridableArguments { get; init; }

    public int? MaxRetries { get; init; }

    public int? Timeout { get; init; }

    public string? WorkerType { get; init; }

    public int? NumberOfWorkers { get; init; }

    public string? GlueVersion { get; init; }
}

[AwsShape("glue", "CreateJobRequest")]
public sealed class CreateJobRequest
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Role { get; init; }

    public GlueExecutionProperty? ExecutionProperty { get; init; }

    public GlueJobCommand? Command { get; init; }

    public Dictionary<string, string>? DefaultArguments { get; init; }

    public Dictionary<string, string>? NonOverridableArguments { get; init; }

    public int? MaxRetries { get; init; }

    public int? Timeout { get; init; }

    public string? WorkerType { get; init; }

    public int? NumberOfWorkers { get; init; }

    public string? GlueVersion { get; init; }

    public Dictionary<string, string>? Tags { get; init; }
}

[AwsShape("glue", "CreateJobResponse")]
public sealed class CreateJobResponse
{
    public string? Name { get; init; }
}

[AwsShape("glue", "UpdateJobRequest")]
public sealed class UpdateJobRequest
{
    public string? JobName { get; init; }

    public GlueJobUpdate? JobUpdate { get; init; }
}

[AwsShape("glue", "UpdateJobResponse")]
public sealed class UpdateJobResponse
{
    public string? JobName { get; init; }
}

[AwsShape("glue", "GetJobRequest")]
public sealed class GetJobRequest
{
    public string? JobName { get; init; }
}

[AwsShape("glue", "GetJobResponse")]
public sealed class GetJobResponse
{
    public GlueJob? Job { get; init; }
}

[AwsShape("glue", "GetJobsRequest")]
public sealed class GetJobsRequest
{
    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }
}

[AwsShape("glue", "GetJobsResponse")]
public sealed class GetJobsResponse
{
    public List<GlueJob>? Jobs { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("glue", "DeleteJobRequest")]
public sealed class DeleteJobRequest
{
    public string? JobName { get; init; }
}

[AwsShape("glue", "DeleteJobResponse")]
public sealed class DeleteJobResponse
{
    public string? JobName { get; init; }
}
