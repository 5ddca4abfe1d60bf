using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Monitoring;

/// <summary>
/// Logs in CloudWatch Logs' shape: groups, streams, events. Job runs write <c>/aws-glue/jobs/output</c> and
/// <c>/aws-glue/jobs/error</c>, stream <c>&lt;runId&gt;-driver</c>; crawlers <c>/aws-glue/crawlers</c>. Writing needs the
/// Analyst role (runs write as <see cref="Caller.System"/>); every role reads.
/// </summary>
public interface ILogs
{
    /// <summary>Appends events, creating the group and stream when missing (runs never fail for want of a stream).</summary>
    Task PutEventsAsync(Caller caller, string group, string stream, IReadOnlyList<InputLogEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// GetLogEvents: events of one stream in [start, end) epoch ms, oldest first; <paramref name="nextToken"/> is a
    /// forward or backward token from an earlier page; <paramref name="startFromHead"/> false (the default in Logs) gives the newest page.
    /// </summary>
    Task<LogEventsPage> GetEventsAsync(Caller caller, string group, string stream, long? start, long? end, string? nextToken, int? limit, bool startFromHead, CancellationToken cancellationToken);

    /// <summary>FilterLogEvents: events of the group (optionally some streams or a stream prefix) matching a filter pattern (terms, quoted phrases, -exclusions).</summary>
    Task<FilteredLogEventsPage> FilterEventsAsync(Caller caller, string group, IReadOnlyList<string>? streamNames, string? streamPrefix, long? start, long? end, string? filterPattern, string? nextToken, int? limit, CancellationToken cancellationToken);

    Task<Page<LogGroup>> DescribeGroupsAsync(Caller caller, string? prefix, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Streams of a group by name, or by last event time newest first when <paramref name="byLastEventTime"/>.</summary>
    Task<Page<LogStream>> DescribeStreamsAsync(Caller caller, string group, string? prefix, bool byLastEventTime, PageRequest page, CancellationToken cancellationToken);
}
