using System.Text.Json.Serialization;

namespace Lakeport.Services.Aws.Wire.Logs;

// CloudWatch Logs' write operations, which the Aws backend sends (the /aws endpoint writes through ILogs instead).

[AwsShape("logs", "InputLogEvent")]
public sealed class LogsInputLogEvent
{
    [JsonPropertyName("timestamp")]
    public long? Timestamp { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}

[AwsShape("logs", "PutLogEventsRequest")]
public sealed class PutLogEventsRequest
{
    [JsonPropertyName("logGroupName")]
    public string? LogGroupName { get; init; }

    [JsonPropertyName("logStreamName")]
    public string? LogStreamName { get; init; }

    [JsonPropertyName("logEvents")]
    public List<LogsInputLogEvent>? LogEvents { get; init; }
}

[AwsShape("logs", "RejectedLogEventsInfo")]
public sealed class LogsRejectedLogEventsInfo
{
    [JsonPropertyName("tooNewLogEventStartIndex")]
    public int? TooNewLogEventStartIndex { get; init; }

    [JsonPropertyName("tooOldLogEventEndIndex")]
    public int? TooOldLogEventEndIndex { get; init; }

    [JsonPropertyName("expiredLogEventEndIndex")]
    public int? ExpiredLogEventEndIndex { get; init; }
}

[AwsShape("logs", "PutLogEventsResponse")]
public sealed class PutLogEventsResponse
{
    [JsonPropertyName("nextSequenceToken")]
    public string? NextSequenceToken { get; init; }

    [JsonPropertyName("rejectedLogEventsInfo")]
    public LogsRejectedLogEventsInfo? RejectedLogEventsInfo { get; init; }
}

[AwsShape("logs", "CreateLogGroupRequest")]
public sealed class CreateLogGroupRequest
{
    [JsonPropertyName("logGroupName")]
    public string? LogGroupName { get; init; }
}

[AwsShape("logs", "CreateLogStreamRequest")]
public sealed class CreateLogStreamRequest
{
    [JsonPropertyName("logGroupName")]
    public string? LogGroupName { get; init; }

    [JsonPropertyName("logStreamName")]
    public string? LogStreamName { get; init; }
}
