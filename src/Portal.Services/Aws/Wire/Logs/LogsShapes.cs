using System.Text.Json.Serialization;

namespace Lakeport.Services.Aws.Wire.Logs;

// CloudWatch Logs on the AWS JSON 1.1 wire: the model's members are camelCase (named here with JsonPropertyName), times are
// epoch milliseconds (longs, not timestamps).

[AwsShape("logs", "LogGroup")]
public sealed class LogsLogGroup
{
    [JsonPropertyName("logGroupName")]
    public string? LogGroupName { get; init; }

    [JsonPropertyName("creationTime")]
    public long? CreationTime { get; init; }

    [JsonPropertyName("storedBytes")]
    public long? StoredBytes { get; init; }

    [JsonPropertyName("logGroupClass")]
    public string? LogGroupClass { get; init; }
}

[AwsShape("logs", "LogStream")]
public sealed class LogsLogStream
{
    [JsonPropertyName("logStreamName")]
    public string? LogStreamName { get; init; }

    [JsonPropertyName("creationTime")]
    public long? CreationTime { get; init; }

    [JsonPropertyName("firstEventTimestamp")]
    public long? FirstEventTimestamp { get; init; }

    [JsonPropertyName("lastEventTimestamp")]
    public long? LastEventTimestamp { get; init; }

    [JsonPropertyName("lastIngestionTime")]
    public long? LastIngestionTime { get; init; }
}

[AwsShape("logs", "OutputLogEvent")]
public sealed class LogsOutputLogEvent
{
    [JsonPropertyName("timestamp")]
    public long? Timestamp { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("ingestionTime")]
    public long? IngestionTime { get; init; }
}

[AwsShape("logs", "FilteredLogEvent")]
public sealed class LogsFilteredLogEvent
{
    [JsonPropertyName("logStreamName")]
    public string? LogStreamName { get; init; }

    [JsonPropertyName("timestamp")]
    public long? Timestamp { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("ingestionTime")]
    public long? IngestionTime { get; init; }

    [JsonPropertyName("eventId")]
    public string? EventId { get; init; }
}

[AwsShape("logs", "DescribeLogGroupsRequest")]
public sealed class DescribeLogGroupsRequest
{
    [JsonPropertyName("logGroupNamePrefix")]
    public string? LogGroupNamePrefix { get; init; }

    [JsonPropertyName("logGroupNamePattern")]
    public string? LogGroupNamePattern { get; init; }

    [JsonPropertyName("nextToken")]
    public string? NextToken { get; init; }

    [JsonPropertyName("limit")]
    public int? Limit { get; init; }

    [JsonPropertyName("includeLinkedAccounts")]
    public bool? IncludeLinkedAccounts { get; init; }

    [JsonPropertyName("logGroupClass")]
    public string? LogGroupClass { get; init; }

    [JsonPropertyName("logGroupIdentifiers")]
    public List<string>? LogGroupIdentifiers { get; init; }

    [JsonPropertyName("accountIdentifiers")]
    public List<string>? AccountIdentifiers { get; init; }
}

[AwsShape("logs", "DescribeLogGroupsResponse")]
public sealed class DescribeLogGroupsResponse
{
    [JsonPropertyName("logGroups")]
    public List<LogsLogGroup>? LogGroups { get; init; }

    [JsonPropertyName("nextToken")]
    public string? NextToken { get; init; }
}

[AwsShape("logs", "DescribeLogStreamsRequest")]
public sealed class DescribeLogStreamsRequest
{
    [JsonPropertyName("logGroupName")]
    public string? LogGroupName { get; init; }

    [JsonPropertyName("logGroupIdentifier")]
    public string? LogGroupIdentifier { get; init; }

    [JsonPropertyName("logStreamNamePrefix")]
    public string? LogStreamNamePrefix { get; init; }

    [JsonPropertyName("orderBy")]
    public string? OrderBy { get; init; }

    [JsonPropertyName("descending")]
    public bool? Descending { get; init; }

    [JsonPropertyName("nextToken")]
    public string? NextToken { get; init; }

    [JsonPropertyName("limit")]
    public int? Limit { get; init; }
}

[AwsShape("logs", "DescribeLogStreamsResponse")]
public sealed class DescribeLogStreamsResponse
{
    [JsonPropertyName("logStreams")]
    public List<LogsLogStream>? LogStreams { get; init; }

    [JsonPropertyName("nextToken")]
    public string? NextToken { get; init; }
}

[AwsShape("logs", "GetLogEventsRequest")]
public sealed class GetLogEventsRequest
{
    [JsonPropertyName("logGroupName")]
    public string? LogGroupName { get; init; }

    [JsonPropertyName("logGroupIdentifier")]
    public string? LogGroupIdentifier { get; init; }

    [JsonPropertyName("logStreamName")]
    public string? LogStreamName { get; init; }

    [JsonPropertyName("startTime")]
    public long? StartTime { get; init; }

    [JsonPropertyName("endTime")]
    public long? EndTime { get; init; }

    [JsonPropertyName("nextToken")]
    public string? NextToken { get; init; }

    [JsonPropertyName("limit")]
    public int? Limit { get; init; }

    [JsonPropertyName("startFromHead")]
    public bool? StartFromHead { get; init; }

    [JsonPropertyName("unmask")]
    public bool? Unmask { get; init; }
}

[AwsShape("logs", "GetLogEventsResponse")]
public sealed class GetLogEventsResponse
{
    [JsonPropertyName("events")]
    public List<LogsOutputLogEvent>? Events { get; init; }

    [JsonPropertyName("nextForwardToken")]
    public string? NextForwardToken { get; init; }

    [JsonPropertyName("nextBackwardToken")]
    public string? NextBackwardToken { get; init; }
}

[AwsShape("logs", "FilterLogEventsRequest")]
public sealed class FilterLogEventsRequest
{
    [JsonPropertyName("logGroupName")]
    public string? LogGroupName { get; init; }

    [JsonPropertyName("logGroupIdentifier")]
    public string? LogGroupIdentifier { get; init; }

    [JsonPropertyName("logStreamNames")]
    public List<string>? LogStreamNames { get; init; }

    [JsonPropertyName("logStreamNamePrefix")]
    public string? LogStreamNamePrefix { get; init; }

    [JsonPropertyName("startTime")]
    public long? StartTime { get; init; }

    [JsonPropertyName("endTime")]
    public long? EndTime { get; init; }

    [JsonPropertyName("filterPattern")]
    public string? FilterPattern { get; init; }

    [JsonPropertyName("nextToken")]
    public string? NextToken { get; init; }

    [JsonPropertyName("limit")]
    public int? Limit { get; init; }

    [JsonPropertyName("interleaved")]
    public bool? Interleaved { get; init; }

    [JsonPropertyName("unmask")]
    public bool? Unmask { get; init; }
}

[AwsShape("logs", "FilterLogEventsResponse")]
public sealed class FilterLogEventsResponse
{
    [JsonPropertyName("events")]
    public List<LogsFilteredLogEvent>? Events { get; init; }

    [JsonPropertyName("nextToken")]
    public string? NextToken { get; init; }
}
