using System.Collections.Concurrent;
using Lakeport.Services.Common;
using Lakeport.Services.Jobs.Local;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Monitoring.Local;
using Lakeport.Services.Security;

namespace Lakeport.Services.Tests.Jobs;

/// <summary>
/// The portal's real logs (<see cref="SqliteLogs"/>) with one addition: after a run's driver output line that starts
/// with a given text is stored, a test's action runs on the run's own path, with the run's token. A run writes its
/// log lines as it goes (started, the source files it will read, the rows it staged), so these are the points a test
/// can hold a run RUNNING at (a gate, released by the test or cancelled by a stop or the timeout) or change the lake
/// between the run's listing and its reading. Every line is stored exactly as the real service stores it.
/// </summary>
internal sealed class RunLogHooks(SqliteLogs inner) : ILogs
{
    private readonly ConcurrentDictionary<string, Func<CancellationToken, Task>> _hooks = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="action"/> once, after the first driver output line starting with <paramref name="linePrefix"/> is stored.</summary>
    public void After(string linePrefix, Func<CancellationToken, Task> action) => _hooks[linePrefix] = action;

    /// <summary>Holds the run after the line until the returned gate is opened, or the run's token is cancelled (stop, timeout).</summary>
    public TaskCompletionSource HoldAfter(string linePrefix)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        After(linePrefix, token => gate.Task.WaitAsync(token));
        return gate;
    }

    public async Task PutEventsAsync(Caller caller, string group, string stream, IReadOnlyList<InputLogEvent> events, CancellationToken cancellationToken)
    {
        await inner.PutEventsAsync(caller, group, stream, events, cancellationToken);
        if (group != RunLog.OutputGroup || !stream.EndsWith("-driver", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var e in events)
        {
            foreach (var prefix in _hooks.Keys.Where(p => e.Message.StartsWith(p, StringComparison.Ordinal)))
            {
                if (_hooks.TryRemove(prefix, out var action))
                {
                    await action(cancellationToken);
                }
            }
        }
    }

    public Task<LogEventsPage> GetEventsAsync(Caller caller, string group, string stream, long? start, long? end, string? nextToken, int? limit, bool startFromHead,
        CancellationToken cancellationToken) =>
        inner.GetEventsAsync(caller, group, stream, start, end, nextToken, limit, startFromHead, cancellationToken);

    public Task<FilteredLogEventsPage> FilterEventsAsync(Caller caller, string group, IReadOnlyList<string>? streamNames, string? streamPrefix, long? start, long? end,
        string? filterPattern, string? nextToken, int? limit, CancellationToken cancellationToken) =>
        inner.FilterEventsAsync(caller, group, streamNames, streamPrefix, start, end, filterPattern, nextToken, limit, cancellationToken);

    public Task<Page<LogGroup>> DescribeGroupsAsync(Caller caller, string? prefix, PageRequest page, CancellationToken cancellationToken) =>
        inner.DescribeGroupsAsync(caller, prefix, page, cancellationToken);

    public Task<Page<LogStream>> DescribeStreamsAsync(Caller caller, string group, string? prefix, bool byLastEventTime, PageRequest page, CancellationToken cancellationToken) =>
        inner.DescribeStreamsAsync(caller, group, prefix, byLastEventTime, page, cancellationToken);
}
