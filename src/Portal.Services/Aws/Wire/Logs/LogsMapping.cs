using Lakeport.Services.Common;
using Lakeport.Services.Monitoring;

namespace Lakeport.Services.Aws.Wire.Logs;

/// <summary>Logs model ↔ CloudWatch Logs wire shapes. Lakeport has no AWS account, so it answers no ARNs.</summary>
public static class LogsMapping
{
    public const string OrderByName = "LogStreamName";
    public const string OrderByLastEventTime = "LastEventTime";

    public static LogsLogGroup ToWire(this LogGroup group) => new()
    {
        LogGroupName = group.Name,
        CreationTime = group.CreationTime,
        StoredBytes = group.StoredBytes,
        LogGroupClass = "STANDARD",
    };

    public static LogsLogStream ToWire(this LogStream stream) => new()
    {
        LogStreamName = stream.Name,
        CreationTime = stream.CreationTime,
        FirstEventTimestamp = stream.FirstEventTimestamp,
        LastEventTimestamp = stream.LastEventTimestamp,
        LastIngestionTime = stream.LastIngestionTime,
    };

    public static LogsOutputLogEvent ToWire(this OutputLogEvent e) => new() { Timestamp = e.Timestamp, Message = e.Message, IngestionTime = e.IngestionTime };

    public static LogsFilteredLogEvent ToWire(this FilteredLogEvent e) => new()
    {
        LogStreamName = e.LogStreamName,
        EventId = e.EventId,
        Timestamp = e.Timestamp,
        Message = e.Message,
        IngestionTime = e.IngestionTime,
    };

    /// <summary>
    /// The group a request names: <c>logGroupName</c>, or <c>logGroupIdentifier</c> as a name or a log group ARN; one of
    /// them, not both (Logs' rule).
    /// </summary>
    public static string GroupName(string? logGroupName, string? logGroupIdentifier)
    {
        if (!string.IsNullOrEmpty(logGroupName) && !string.IsNullOrEmpty(logGroupIdentifier))
        {
            throw new InvalidInputException("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }

        if (!string.IsNullOrEmpty(logGroupName))
        {
            return logGroupName;
        }

        if (string.IsNullOrEmpty(logGroupIdentifier))
        {
            throw new InvalidInputException("Either input parameter logGroupName or logGroupIdentifier is required.");
        }

        if (!logGroupIdentifier.StartsWith("arn:", StringComparison.Ordinal))
        {
            return logGroupIdentifier;
        }

        var at = logGroupIdentifier.IndexOf(":log-group:", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidInputException($"logGroupIdentifier '{logGroupIdentifier}' is not a log group ARN.");
        }

        var name = logGroupIdentifier[(at + ":log-group:".Length)..];
        return name.EndsWith(":*", StringComparison.Ordinal) ? name[..^2] : name;
    }

    /// <summary>
    /// DescribeLogStreams' order: by name ascending (the default) or by last event time newest first. The other two
    /// combinations are refused rather than answered in an order the caller did not ask for.
    /// </summary>
    public static bool ByLastEventTime(string? orderBy, bool? descending)
    {
        switch (orderBy ?? OrderByName)
        {
            case OrderByName when descending is not true:
                return false;
            case OrderByName:
                throw new InvalidInputException("Lakeport lists log streams by name in ascending order only; leave out descending, or order by LastEventTime.");
            case OrderByLastEventTime when descending is true:
                return true;
            case OrderByLastEventTime:
                throw new InvalidInputException("Lakeport lists log streams by last event time newest first only; add descending (true).");
            default:
                throw new InvalidInputException($"orderBy '{orderBy}' is not one of {OrderByName}, {OrderByLastEventTime}.");
        }
    }
}
