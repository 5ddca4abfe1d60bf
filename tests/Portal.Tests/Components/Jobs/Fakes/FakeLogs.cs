using Lakeport.Services.Common;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.Components.Jobs.Fakes;

/// <summary>
/// In-memory log groups with GetLogEvents' token contract: a forward token points after the last event returned, and a
/// read with nothing new returns the token it was given. A stream nobody wrote to is not found, as in Logs.
/// </summary>
public sealed class FakeLogs : ILogs
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Group, string Stream), List<OutputLogEvent>> _streams = [];

    /// <summary>How many GetEventsAsync calls were made.</summary>
    public int Reads { get; private set; }

    public void Append(string group, string stream, params string[] messages)
    {
        lock (_lock)
        {
            if (!_streams.TryGetValue((group, stream), out var events))
            {
                _streams[(group, stream)] = events = [];
            }

            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            events.AddRange(messages.Select((m, i) => new OutputLogEvent(now + i, m, now + i)));
        }
    }

    public Task PutEventsAsync(Caller caller, string group, string stream, IReadOnlyList<InputLogEvent> events, CancellationToken cancellationToken)
    {
        Append(group, stream, [.. events.Select(e => e.Message)]);
        return Task.CompletedTask;
    }

    public Task<LogEventsPage> GetEventsAsync(Caller caller, string group, string stream, long? start, long? end, string? nextToken, int? limit,
        bool startFromHead, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Reads++;
            if (!_streams.TryGetValue((group, stream), out var events))
            {
                throw new EntityNotFoundException($"The specified log stream does not exist: {group} {stream}.");
            }

            var from = nextToken is { } token ? int.Parse(token[2..], System.Globalization.CultureInfo.InvariantCulture) : startFromHead ? 0 : Math.Max(0, events.Count - (limit ?? 10_000));
            var page = events.Skip(from).Take(limit ?? 10_000).ToList();
            var after = from + page.Count;
            return Task.FromResult(new LogEventsPage(page, $"f/{after}", $"b/{from}"));
        }
    }

    public Task<FilteredLogEventsPage> FilterEventsAsync(Caller caller, string group, IReadOnlyList<string>? streamNames, string? streamPrefix, long? start, long? end,
        string? filterPattern, string? nextToken, int? limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var matches = _streams.Where(s => s.Key.Group == group
                    && (streamNames is null || streamNames.Contains(s.Key.Stream)) && (streamPrefix is null || s.Key.Stream.StartsWith(streamPrefix, StringComparison.Ordinal)))
                .SelectMany(s => s.Value.Select((e, i) => new FilteredLogEvent(s.Key.Stream, $"{s.Key.Stream}/{i}", e.Timestamp, e.Message, e.IngestionTime)))
                .Where(e => filterPattern is null || e.Message.Contains(filterPattern, StringComparison.Ordinal))
                .ToList();
            return Task.FromResult(new FilteredLogEventsPage(matches, null));
        }
    }

    public Task<Page<LogGroup>> DescribeGroupsAsync(Caller caller, string? prefix, PageRequest page, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var groups = _streams.Keys.Select(k => k.Group).Distinct().Where(g => prefix is null || g.StartsWith(prefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).Select(g => new LogGroup(g, 0, 0)).ToList();
            return Task.FromResult(new Page<LogGroup>(groups, null));
        }
    }

    public Task<Page<LogStream>> DescribeStreamsAsync(Caller caller, string group, string? prefix, bool byLastEventTime, PageRequest page, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var streams = _streams.Where(s => s.Key.Group == group && (prefix is null || s.Key.Stream.StartsWith(prefix, StringComparison.Ordinal)))
                .Select(s => new LogStream(s.Key.Stream, 0, s.Value.FirstOrDefault()?.Timestamp, s.Value.LastOrDefault()?.Timestamp, s.Value.LastOrDefault()?.IngestionTime ?? 0))
                .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
            return Task.FromResult(new Page<LogStream>(streams, null));
        }
    }
}
