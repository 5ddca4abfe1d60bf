namespace Lakeport.Services.Aws.Wire.Glue;

// Glue's job runs and bookmarks on the wire.

[AwsShape("glue", "JobRun")]
public sealed class GlueJobRun
{
    public string? Id { get; init; }

    public int? Attempt { get; init; }

    public string? PreviousRunId { get; init; }

    public string? TriggerName { get; init; }

    public string? JobName { get; init; }

    public DateTimeOffset? StartedOn { get; init; }

    public DateTimeOffset? LastModifiedOn { get; init; }

    public DateTimeOffset? CompletedOn { get; init; }

    public string? JobRunState { get; init; }

    public Dictionary<string, string>? Arguments { get; init; }

    public string? ErrorMessage { get; init; }

    public int? ExecutionTime { get; init; }

    public int? Timeout { get; init; }

    public string? WorkerType { get; init; }

    public int? NumberOfWorkers { get; init; }

    public string? LogGroupName { get; init; }

    public string? GlueVersion { get; init; }
}

[AwsShape("glue", "StartJobRunRequest")]
public sealed class StartJobRunRequest
{
    public string? JobName { get; init; }

    public string? JobRunId { get; init; }

    public Dictionary<string, string>? Arguments { get; init; }

    public int? Timeout { get; init; }

    public string? WorkerType { get; init; }

    public int? NumberOfWorkers { get; init; }
}

[AwsShape("glue", "StartJobRunResponse")]
public sealed class StartJobRunResponse
{
    public string? JobRunId { get; init; }
}

[AwsShape("glue", "GetJobRunRequest")]
public sealed class GetJobRunRequest
{
    public string? JobName { get; init; }

    public string? RunId { get; init; }

    public bool? PredecessorsIncluded { get; init; }
}

[AwsShape("glue", "GetJobRunResponse")]
public sealed class GetJobRunResponse
{
    public GlueJobRun? JobRun { get; init; }
}

[AwsShape("glue", "GetJobRunsRequest")]
public sealed class GetJobRunsRequest
{
    public string? JobName { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }
}

[AwsShape("glue", "GetJobRunsResponse")]
public sealed class GetJobRunsResponse
{
    public List<GlueJobRun>? JobRuns { get; init; }

    public string? NextToken { get; init; }
}

[AwsShape("glue", "BatchStopJobRunRequest")]
public sealed class BatchStopJobRunRequest
{
    public string? JobName { get; init; }

    public List<string>? JobRunIds { get; init; }
}

[AwsShape("glue", "BatchStopJobRunSuccessfulSubmission")]
public sealed class GlueBatchStopJobRunSuccessfulSubmission
{
    public string? JobName { get; init; }

    public string? JobRunId { get; init; }
}

[AwsShape("glue", "ErrorDetail")]
public sealed class GlueErrorDetail
{
    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }
}

[AwsShape("glue", "BatchStopJobRunError")]
public sealed class GlueBatchStopJobRunError
{
    public string? JobName { get; init; }

    public string? JobRunId { get; init; }

    public GlueErrorDetail? ErrorDetail { get; init; }
}

[AwsShape("glue", "BatchStopJobRunResponse")]
public sealed class BatchStopJobRunResponse
{
    public List<GlueBatchStopJobRunSuccessfulSubmission>? SuccessfulSubmissions { get; init; }

    public List<GlueBatchStopJobRunError>? Errors { get; init; }
}

[AwsShape("glue", "JobBookmarkEntry")]
public sealed class GlueJobBookmarkEntry
{
    public string? JobName { get; init; }

    public int? Version { get; init; }

    public int? Run { get; init; }

    public int? Attempt { get; init; }

    public string? PreviousRunId { get; init; }

    public string? RunId { get; init; }

    public string? JobBookmark { get; init; }
}

[AwsShape("glue", "GetJobBookmarkRequest")]
public sealed class GetJobBookmarkRequest
{
    public string? JobName { get; init; }

    public string? RunId { get; init; }
}

[AwsShape("glue", "GetJobBookmarkResponse")]
public sealed class GetJobBookmarkResponse
{
    public GlueJobBookmarkEntry? JobBookmarkEntry { get; init; }
}

[AwsShape("glue", "ResetJobBookmarkRequest")]
public sealed class ResetJobBookmarkRequest
{
    public string? JobName { get; init; }

    public string? RunId { get; init; }
}

[AwsShape("glue", "ResetJobBookmarkResponse")]
public sealed class ResetJobBookmarkResponse
{
    public GlueJobBookmarkEntry? JobBookmarkEntry { get; init; }
}
