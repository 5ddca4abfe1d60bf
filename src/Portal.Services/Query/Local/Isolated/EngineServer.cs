using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Lakeport.Services.Common;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Query.Local.Isolated;

/// <summary>
/// The query engine process's loop: reads requests from the portal, plans and runs each on its own task with
/// <see cref="InProcessStatements"/>, and answers through <see cref="EngineOutput"/>. A plan is kept for the run that
/// follows it; the run plans again if the plan is gone.
/// </summary>
public sealed partial class EngineServer(InProcessStatements statements, EngineOutput output, TimeProvider clock, ILogger<EngineServer> logger)
{
    // A plan whose run never came (stopped while QUEUED) is dropped after this long.
    private static readonly TimeSpan PlanLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<long, Handling> _running = new();
    private readonly ConcurrentDictionary<string, (PlannedStatement Planned, DateTimeOffset At)> _plans = new(StringComparer.Ordinal);

    /// <summary>
    /// Serves until the portal closes the pipe (or the process is told to stop), then stops whatever still runs and
    /// returns once it has.
    /// </summary>
    public async Task ServeAsync(Stream input, CancellationToken cancellationToken)
    {
        // Reading a pipe blocks the thread that reads it (its async read is a blocking read on a pool thread), so the
        // requests are read on a thread of their own: on two cores a pool thread held for good would leave one for the
        // statements, their DuckDB instance refills and the replies. A stop does not wait for the read: the thread
        // is a background one and ends with the process.
        var reading = Task.Factory.StartNew(() => Read(input, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await reading.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // The portal stopped, or died: nothing it asked for is wanted any more.
        foreach (var id in _running.Keys)
        {
            Stop(id);
        }

        await Task.WhenAll(_running.Values.Select(h => h.Task));
    }

    private void Read(Stream input, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, Encoding.UTF8);
        while (!cancellationToken.IsCancellationRequested && reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line) || Parse(line) is not { } request)
            {
                continue;
            }

            if (request.Op == EngineRequest.Cancel)
            {
                Stop(request.Id);
                continue;
            }

            // Recorded before it starts, so its own end always finds it to remove.
            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var start = new Task<Task>(() => HandleAsync(request, stop));
            _running[request.Id] = new Handling(stop, start.Unwrap());
            start.Start(TaskScheduler.Default);
        }
    }

    private EngineRequest? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<EngineRequest>(line, EngineJson.Options);
        }
        catch (JsonException ex)
        {
            LogUnreadable(ex);
            return null;
        }
    }

    private void Stop(long id)
    {
        if (_running.TryGetValue(id, out var handling))
        {
            try
            {
                handling.Stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It finished as the cancel came.
            }
        }
    }

    private async Task HandleAsync(EngineRequest request, CancellationTokenSource stop)
    {
        try
        {
            output.Send(request.Op switch
            {
                EngineRequest.Plan => await PlanAsync(request, stop.Token),
                EngineRequest.Run => await RunAsync(request, stop.Token),
                _ => throw new InvalidOperationException($"Unknown operation '{request.Op}'."),
            });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            output.Send(new EngineReply(request.Id, Cancelled: true));
        }
        catch (Exception ex)
        {
            var failure = EngineFailures.ToWire(ex);
            if (failure.Kind == "Internal")
            {
                LogFailed(ex, request.Op, request.ExecutionId);
            }

            output.Send(new EngineReply(request.Id, Failure: failure));
        }
        finally
        {
            _running.TryRemove(request.Id, out _);
            stop.Dispose();
        }
    }

    private async Task<EngineReply> PlanAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        var id = request.ExecutionId ?? throw new InvalidOperationException("A plan request names no execution.");
        var planned = await statements.PlanAsync(id, Require(request.Caller), Require(request.Request), cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var (old, kept) in _plans)
        {
            if (now - kept.At > PlanLifetime)
            {
                _plans.TryRemove(old, out _);
            }
        }

        _plans[id] = (planned, now);
        return new EngineReply(request.Id, Planned: planned.Type);
    }

    private async Task<EngineReply> RunAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        var execution = Require(request.Execution);
        var planned = _plans.TryRemove(execution.Id, out var kept) ? kept.Planned : new PlannedStatement(execution.StatementType);
        var progress = new ReportTo<QueryProgress>(p => output.Send(new EngineReply(request.Id, Progress: p)));
        var outcome = await statements.RunAsync(execution, planned, Require(request.Caller), Require(request.Request), Require(request.ResultPath), progress, cancellationToken);
        return new EngineReply(request.Id, Outcome: outcome);
    }

    private sealed record Handling(CancellationTokenSource Stop, Task Task);

    private static T Require<T>(T? value) where T : class => value ?? throw new InvalidOperationException($"The request lacks its {typeof(T).Name}.");

    [LoggerMessage(Level = LogLevel.Error, Message = "A request from the portal was not readable")]
    private partial void LogUnreadable(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The engine failed a {Op} request for query {Id}")]
    private partial void LogFailed(Exception exception, string op, string? id);
}
