using System.Collections.Concurrent;
using Lakeport.Services.Common;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Security;

namespace Lakeport.Services.Tests.Jobs.Doubles;

/// <summary>Log events kept in memory for the job tests, per group and stream, in the order written.</summary>
public sealed class InMemoryLogs : ILogs
{
    private readonly ConcurrentDictionary<(string Group, string Stream), ConcurrentQueue<InputLogEvent>> _events = new();

    public Task PutEventsAsync(Caller caller, string group, string stream, IReadOnlyList<InputLogEvent> events, CancellationToken cancellationToken)
    {
        var queue = _events.GetOrAdd((group, stream), _ => new ConcurrentQueue<InputLogEvent>());
        foreach (var e in events)
        {
            queue.Enqueue(e);
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<string> Messages(string group, string stream) =>
        _events.TryGetValue((group, stream), out var queue) ? queue.Select(e => e.Message).ToList() : [];

    public Task<LogEventsPage> GetEventsAsync(Caller caller, string group, string stream, long? start, long? end, string? nextToken, int? limit, bool startFromHead, CancellationToken cancellationToken) =>
        Task.FromResult(new LogEventsPage(
            (_events.TryGetValue((group, stream), out var queue) ? queue.ToList() : []).Select(e => new OutputLogEvent(e.Timestamp, e.Message, e.Timestamp)).ToList(), "f", "b"));

    public Task<FilteredLogEventsPage> FilterEventsAsync(Caller caller, string group, IReadOnlyList<string>? streamNames, string? streamPrefix, long? start, long? end, string? filterPattern, string? nextToken, int? limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by the job tests.");

    public Task<Page<LogGroup>> DescribeGroupsAsync(Caller caller, string? prefix, PageRequest page, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by the job tests.");

    public Task<Page<LogStream>> DescribeStreamsAsync(Caller caller, string group, string? prefix, bool byLastEventTime, PageRequest page, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Not used by the job tests.");
}
