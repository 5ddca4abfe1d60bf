using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.Logs;
using Lakeport.Services.Common;
using Lakeport.Services.Security;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Monitoring.Aws;

/// <summary>
/// Logs in CloudWatch Logs itself. Writes sort the events and split them into batches PutLogEvents takes; a missing
/// group or stream is created and the batch sent once more, so a run never fails for want of a stream (as on Local).
/// Filter patterns go to Logs as given: it understands every pattern syntax, not only the terms the Local store does.
/// </summary>
public sealed partial class CloudWatchLogs(LogsClient logs, ILogger<CloudWatchLogs> logger) : ILogs
{
    /// <summary>PutLogEvents refuses a batch whose events span more than 24 hours.</summary>
    private static readonly long MaxBatchSpanMs = (long)TimeSpan.FromHours(24).TotalMilliseconds;

    public async Task PutEventsAsync(Caller caller, string group, string stream, IReadOnlyList<InputLogEvent> events, CancellationToken cancellationToken)
    {
        caller.Require(LogRules.Write, "write logs");
        LogRules.ValidateGroupName(group);
        LogRules.ValidateStreamName(stream);
        if (events.Count == 0)
        {
            throw new InvalidInputException("PutLogEvents takes at least one event.");
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (string.IsNullOrEmpty(events[i].Message) || events[i].Timestamp < 0)
            {
                throw new InvalidInputException($"Log event {i + 1} needs a message and a timestamp in epoch milliseconds.");
            }
        }

        foreach (var batch in Batches(events))
        {
            await PutBatchAsync(group, stream, batch, cancellationToken);
        }
    }

    public async Task<LogEventsPage> GetEventsAsync(Caller caller, string group, string stream, long? start, long? end, string? nextToken, int? limit, bool startFromHead,
        CancellationToken cancellationToken)
    {
        caller.Require(LogRules.Read, "read logs");
        var page = await logs.SendAsync<GetLogEventsRequest, GetLogEventsResponse>("GetLogEvents", new GetLogEventsRequest
        {
            LogGroupName = group,
            LogStreamName = stream,
            StartTime = start,
            EndTime = end,
            NextToken = NullIfEmpty(nextToken),
            Limit = LogRules.ValidateLimit(limit),
            StartFromHead = startFromHead,
        }, cancellationToken);
        return new LogEventsPage((page.Events ?? []).Select(e => e.ToDomain()).ToList(), page.NextForwardToken ?? nextToken ?? "", page.NextBackwardToken ?? nextToken ?? "");
    }

    public async Task<FilteredLogEventsPage> FilterEventsAsync(Caller caller, string group, IReadOnlyList<string>? streamNames, string? streamPrefix, long? start, long? end,
        string? filterPattern, string? nextToken, int? limit, CancellationToken cancellationToken)
    {
        caller.Require(LogRules.Read, "read logs");
        LogRules.ValidateStreamFilter(streamNames, streamPrefix);

        var page = await logs.SendAsync<FilterLogEventsRequest, FilterLogEventsResponse>("FilterLogEvents", new FilterLogEventsRequest
        {
            LogGroupName = group,
            LogStreamNames = streamNames is { Count: > 0 } ? [.. streamNames] : null,
            LogStreamNamePrefix = NullIfEmpty(streamPrefix),
            StartTime = start,
            EndTime = end,
            FilterPattern = NullIfEmpty(filterPattern),
            NextToken = NullIfEmpty(nextToken),
            Limit = LogRules.ValidateLimit(limit),
        }, cancellationToken);
        return new FilteredLogEventsPage((page.Events ?? []).Select(e => e.ToDomain()).ToList(), NullIfEmpty(page.NextToken));
    }

    public async Task<Page<LogGroup>> DescribeGroupsAsync(Caller caller, string? prefix, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(LogRules.Read, "read logs");
        var listed = await logs.SendAsync<DescribeLogGroupsRequest, DescribeLogGroupsResponse>("DescribeLogGroups", new DescribeLogGroupsRequest
        {
            LogGroupNamePrefix = NullIfEmpty(prefix),
            NextToken = NullIfEmpty(page.NextToken),
            Limit = Math.Clamp(page.MaxResults ?? LogRules.MaxGroupsPerPage, 1, LogRules.MaxGroupsPerPage),
        }, cancellationToken);
        return new Page<LogGroup>((listed.LogGroups ?? []).Select(g => g.ToDomain()).ToList(), NullIfEmpty(listed.NextToken));
    }

    public async Task<Page<LogStream>> DescribeStreamsAsync(Caller caller, string group, string? prefix, bool byLastEventTime, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(LogRules.Read, "read logs");
        LogRules.ValidateStreamOrder(prefix, byLastEventTime);

        var listed = await logs.SendAsync<DescribeLogStreamsRequest, DescribeLogStreamsResponse>("DescribeLogStreams", new DescribeLogStreamsRequest
        {
            LogGroupName = group,
            LogStreamNamePrefix = NullIfEmpty(prefix),
            OrderBy = byLastEventTime ? LogsMapping.OrderByLastEventTime : LogsMapping.OrderByName,
            Descending = byLastEventTime ? true : null,
            NextToken = NullIfEmpty(page.NextToken),
            Limit = Math.Clamp(page.MaxResults ?? LogRules.MaxStreamsPerPage, 1, LogRules.MaxStreamsPerPage),
        }, cancellationToken);
        return new Page<LogStream>((listed.LogStreams ?? []).Select(s => s.ToDomain()).ToList(), NullIfEmpty(listed.NextToken));
    }

    /// <summary>
    /// The events oldest first (a stable sort keeps equal times in the order given), cut where a batch would pass 10,000
    /// events, 1 MB (each message plus 26 bytes) or 24 hours. An event too big for any batch goes alone and Logs refuses it.
    /// </summary>
    public static IEnumerable<List<InputLogEvent>> Batches(IReadOnlyList<InputLogEvent> events)
    {
        var batch = new List<InputLogEvent>();
        var bytes = 0L;
        foreach (var e in events.OrderBy(e => e.Timestamp))
        {
            var size = LogRules.Size(e.Message);
            if (batch.Count > 0 && (batch.Count == LogRules.MaxEventsPerPut || bytes + size > LogRules.MaxPageBytes || e.Timestamp - batch[0].Timestamp > MaxBatchSpanMs))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(e);
            bytes += size;
        }

        yield return batch;
    }

    private async Task PutBatchAsync(string group, string stream, List<InputLogEvent> batch, CancellationToken cancellationToken)
    {
        var request = new PutLogEventsRequest { LogGroupName = group, LogStreamName = stream, LogEvents = batch.Select(e => e.ToWire()).ToList() };
        PutLogEventsResponse response;
        try
        {
            response = await logs.SendAsync<PutLogEventsRequest, PutLogEventsResponse>("PutLogEvents", request, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            // Logs says which is missing only in its message; creating both (each "already exists" is fine) covers either.
            await CreateAsync("CreateLogGroup", new CreateLogGroupRequest { LogGroupName = group }, cancellationToken);
            await CreateAsync("CreateLogStream", new CreateLogStreamRequest { LogGroupName = group, LogStreamName = stream }, cancellationToken);
            LogCreated(group, stream);
            response = await logs.SendAsync<PutLogEventsRequest, PutLogEventsResponse>("PutLogEvents", request, cancellationToken);
        }

        if (response.RejectedLogEventsInfo is { } rejected)
        {
            // Logs stored the rest of the batch; what it refused for its age cannot be sent again, only reported.
            LogRejected(group, stream, batch.Count, rejected.TooOldLogEventEndIndex, rejected.ExpiredLogEventEndIndex, rejected.TooNewLogEventStartIndex);
        }
    }

    private async Task CreateAsync<TRequest>(string operation, TRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await logs.SendAsync<TRequest, object>(operation, request, cancellationToken);
        }
        catch (AwsServiceException error) when (error.Code == "ResourceAlreadyExistsException")
        {
            // Another writer created it first.
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created log group {Group} / stream {Stream} for PutLogEvents")]
    private partial void LogCreated(string group, string stream);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "CloudWatch Logs rejected part of a batch of {Count} events to {Group} / {Stream}: too old up to index {TooOld}, expired up to {Expired}, too new from {TooNew}")]
    private partial void LogRejected(string group, string stream, int count, int? tooOld, int? expired, int? tooNew);
}
