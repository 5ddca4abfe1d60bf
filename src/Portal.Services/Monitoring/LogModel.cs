namespace Lakeport.Services.Monitoring;

/// <summary>A log event as written (PutLogEvents' InputLogEvent): epoch milliseconds and a message.</summary>
public sealed record InputLogEvent(long Timestamp, string Message);

/// <summary>A stored log event; <paramref name="IngestionTime"/> is when Lakeport stored it.</summary>
public sealed record OutputLogEvent(long Timestamp, string Message, long IngestionTime);

/// <summary>A FilterLogEvents match: the event and its stream.</summary>
public sealed record FilteredLogEvent(string LogStreamName, string EventId, long Timestamp, string Message, long IngestionTime);

public sealed record LogGroup(string Name, long CreationTime, long StoredBytes);

public sealed record LogStream(string Name, long CreationTime, long? FirstEventTimestamp, long? LastEventTimestamp, long LastIngestionTime);

/// <summary>GetLogEvents' page: the tokens Logs returns, which a reader follows until the forward token stops changing.</summary>
public sealed record LogEventsPage(IReadOnlyList<OutputLogEvent> Events, string NextForwardToken, string NextBackwardToken);

public sealed record FilteredLogEventsPage(IReadOnlyList<FilteredLogEvent> Events, string? NextToken);
