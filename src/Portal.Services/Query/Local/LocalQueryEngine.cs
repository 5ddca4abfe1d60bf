using System.Collections.Concurrent;
using System.Diagnostics;
using Lakeport.Services.Common;
using Lakeport.Services.Local;
using Lakeport.Services.Local.DuckDb;
using Lakeport.Services.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// Athena's executions over the local lake: checked and recorded at start, run in the background (at most
/// <see cref="QueryOptions.MaxConcurrent"/> at once, the rest QUEUED), interrupted on stop, timeout or shutdown,
/// results streamed to <c>&lt;results location&gt;/&lt;id&gt;.csv</c> and read back from there.
/// </summary>
public sealed partial class LocalQueryEngine(
    SqliteQueryStore store,
    IStatementEngine statements,
    QueryLeftovers leftovers,
    LakePaths lake,
    IOptions<QueryOptions> options,
    TimeProvider clock,
    ILogger<LocalQueryEngine> logger) : IQueryEngine, IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();

    // The test host can dispose the container before it stops the hosted services; a disposed engine has nothing to stop.
    private volatile bool _disposed;
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrent);

    public async Task<QueryExecution> StartAsync(Caller caller, QueryRequest request, CancellationToken cancellationToken)
    {
        caller.Require(QueryRules.Read, "run queries");
        if (request.ClientRequestToken is { } token && await store.FindByTokenAsync(caller.UserName, token, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var id = Guid.NewGuid().ToString();
        var folder = OutputFolder(request.OutputLocation);
        var now = clock.GetUtcNow();
        var execution = new QueryExecution(id, request.Sql, request.Database, StatementType.DML, QueryState.QUEUED, null, null, caller.UserName, now, null,
            QueryStatistics.None, folder.TrimEnd('/') + "/" + id + ".csv", request.WorkGroup ?? QueryRules.PrimaryWorkGroup, null)
        {
            ExecutionParameters = request.ExecutionParameters is { Count: > 0 } parameters ? parameters : null,
        };
        PlannedStatement? planned = null;
        try
        {
            planned = await statements.PlanAsync(id, caller, request, cancellationToken);
            execution = execution with { StatementType = planned.Type };
        }
        catch (SqlSyntaxException ex)
        {
            // As in Athena, a statement that does not parse is an execution that FAILED, with where it went wrong.
            execution = execution with
            {
                State = QueryState.FAILED, StateChangeReason = ex.Message, CompletedAt = now,
                Error = QueryErrors.From(ex, null),
            };
        }

        if (!await store.InsertAsync(execution, request.ClientRequestToken, cancellationToken))
        {
            return (await store.FindByTokenAsync(caller.UserName, request.ClientRequestToken!, cancellationToken))!;
        }

        LogStarted(id, caller.UserName, execution.State);
        if (planned is not null)
        {
            Launch(execution, planned, caller, request);
        }

        return execution;
    }

    public async Task<QueryExecution> GetAsync(Caller caller, string executionId, CancellationToken cancellationToken)
    {
        caller.Require(QueryRules.Read, "see query executions");
        var execution = await store.GetAsync(executionId, cancellationToken);
        return execution is not null && (execution.SubmittedBy == caller.UserName || caller.Role.Allows(QueryRules.Administer))
            ? WithProgress(execution)
            : throw new EntityNotFoundException($"Query execution {executionId} was not found.");
    }

    public async Task<QueryExecution> WaitAsync(Caller caller, string executionId, TimeSpan atMost, CancellationToken cancellationToken)
    {
        var execution = await GetAsync(caller, executionId, cancellationToken);
        if (execution.IsFinished || !_running.TryGetValue(executionId, out var running))
        {
            return execution;
        }

        await running.Finished.Task.WaitAsync(atMost, clock, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        return await GetAsync(caller, executionId, cancellationToken);
    }

    public async Task StopAsync(Caller caller, string executionId, CancellationToken cancellationToken)
    {
        var execution = await GetAsync(caller, executionId, cancellationToken);
        if (execution.IsFinished)
        {
            return;
        }

        if (_running.TryGetValue(executionId, out var running))
        {
            running.StoppedBy = caller.UserName;
            await running.Stop.CancelAsync();
            return;
        }

        await store.UpdateAsync(execution with { State = QueryState.CANCELLED, StateChangeReason = $"Stopped by {caller.UserName}.", CompletedAt = clock.GetUtcNow() }, cancellationToken);
    }

    public async Task<Page<QueryExecution>> ListAsync(Caller caller, QueryListFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(QueryRules.Read, "list query executions");
        if (filter.AllUsers)
        {
            caller.Require(QueryRules.Administer, "see everyone's query executions");
        }

        var listed = await store.ListAsync(filter.AllUsers ? null : caller.UserName, filter, page, cancellationToken);
        return listed with { Items = listed.Items.Select(WithProgress).ToList() };
    }

    public async Task<ResultRows> ReadResultsAsync(Caller caller, string executionId, long startRow, int count, CancellationToken cancellationToken)
    {
        var (execution, path) = await ResultAsync(caller, executionId, cancellationToken);
        if (startRow < 0 || count < 0)
        {
            throw new InvalidInputException("The start row and count cannot be negative.");
        }

        var rows = await ResultFileReader.ReadAsync(path, startRow, Math.Min(count, 10_000), cancellationToken);
        return new ResultRows(execution.Columns ?? [], rows, execution.Statistics.ResultRows ?? 0);
    }

    public async Task<Stream> OpenResultFileAsync(Caller caller, string executionId, CancellationToken cancellationToken)
    {
        var (_, path) = await ResultAsync(caller, executionId, cancellationToken);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
    }

    async Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        // Fails fast on a results location outside the lake.
        lake.Resolve(options.Value.ResultsLocation);
        // Statements that were running when the portal (or its engine process) last stopped cannot have cleaned up.
        foreach (var (id, output) in await store.FailAbandonedAsync(clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken))
        {
            leftovers.Remove(id, lake.Resolve(output));
        }

        leftovers.RemoveAll();
    }

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await _shutdown.CancelAsync();
        }
        catch (AggregateException ex)
        {
            // A run's cancellation callback (DuckDB's interrupt) may throw when its connection is already closing;
            // shutdown goes on and still waits for every run below.
            LogShutdownCancelFailed(ex);
        }

        await Task.WhenAll(_running.Values.Select(r => r.Task)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        // The container disposes this instance once as itself and once as the hosted service it also is.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            // Interrupts whatever still runs, in case the host never called StopAsync.
            _shutdown.Cancel();
        }
        catch (AggregateException ex)
        {
            LogShutdownCancelFailed(ex);
        }

        _shutdown.Dispose();
        _slots.Dispose();
    }

    private async Task<(QueryExecution Execution, string Path)> ResultAsync(Caller caller, string executionId, CancellationToken cancellationToken)
    {
        var execution = await GetAsync(caller, executionId, cancellationToken);
        if (execution.State != QueryState.SUCCEEDED)
        {
            throw new InvalidInputException($"Query execution {executionId} is {execution.State}; only a SUCCEEDED execution has results.");
        }

        var path = lake.Resolve(execution.OutputLocation);
        return File.Exists(path) ? (execution, path) : throw new EntityNotFoundException($"The result file {execution.OutputLocation} is gone.");
    }

    private string OutputFolder(string? requested)
    {
        var location = string.IsNullOrWhiteSpace(requested) ? options.Value.ResultsLocation : requested;
        lake.Resolve(location);
        return location;
    }

    private void Launch(QueryExecution execution, PlannedStatement planned, Caller caller, QueryRequest request)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        var running = new Running(stop);
        _running[execution.Id] = running;
        running.Task = Task.Run(() => RunAsync(execution, planned, caller, request, running), CancellationToken.None);
    }

    private async Task RunAsync(QueryExecution execution, PlannedStatement planned, Caller caller, QueryRequest request, Running running)
    {
        var token = running.Stop.Token;
        var engine = new Stopwatch();
        try
        {
            await _slots.WaitAsync(token);
            try
            {
                var started = clock.GetUtcNow();
                var queued = (long)(started - execution.SubmittedAt).TotalMilliseconds;
                execution = execution with { State = QueryState.RUNNING, Statistics = execution.Statistics with { QueryQueueTimeInMillis = queued } };
                await store.UpdateAsync(execution, CancellationToken.None);
                running.Stop.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
                engine.Start();
                var outcome = await statements.RunAsync(execution, planned, caller, request, lake.Resolve(execution.OutputLocation), new ReportTo<QueryProgress>(p => running.Progress = p), token);
                engine.Stop();
                await FinishAsync(execution with
                {
                    State = QueryState.SUCCEEDED, Columns = outcome.Columns,
                    Statistics = Statistics(execution, engine, queued, outcome.BytesRead, outcome.Rows),
                });
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            var reason = running.StoppedBy is { } by ? $"Stopped by {by}."
                : _shutdown.IsCancellationRequested ? "The portal shut down while the query ran."
                : $"The query ran longer than the {options.Value.TimeoutSeconds} s limit and was stopped.";
            var failed = running.StoppedBy is null;
            await FinishAsync(execution with
            {
                State = failed ? QueryState.FAILED : QueryState.CANCELLED, StateChangeReason = reason,
                Error = failed ? new QueryError(_shutdown.IsCancellationRequested ? 1 : 2, _shutdown.IsCancellationRequested ? "GENERIC_INTERNAL_ERROR" : "EXCEEDED_TIME_LIMIT", reason) : null,
                Statistics = Statistics(execution, engine, execution.Statistics.QueryQueueTimeInMillis, 0, null),
            });
        }
        catch (Exception ex)
        {
            var error = ex is QueryFailedException failed ? failed.Error : QueryErrors.From(ex, planned.Plan);
            if (error.ErrorCategory == 1)
            {
                LogFailed(ex is QueryFailedException { InnerException: { } cause } ? cause : ex, execution.Id);
            }

            await FinishAsync(execution with
            {
                State = QueryState.FAILED, StateChangeReason = error.Message, Error = error,
                Statistics = Statistics(execution, engine, execution.Statistics.QueryQueueTimeInMillis, 0, null),
            });
        }
        finally
        {
            _running.TryRemove(execution.Id, out _);
            running.Stop.Dispose();
            // After the final state is stored, so a waiter woken by this reads it.
            running.Finished.TrySetResult();
        }
    }

    /// <summary>A running execution with how far it has got, which lives only here (never in the store).</summary>
    private QueryExecution WithProgress(QueryExecution execution) =>
        execution.State == QueryState.RUNNING && _running.TryGetValue(execution.Id, out var running) && running.Progress is { } progress
            ? execution with { Progress = progress }
            : execution;

    private QueryStatistics Statistics(QueryExecution execution, Stopwatch engine, long queued, long bytes, long? rows) =>
        new(bytes, engine.ElapsedMilliseconds, (long)(clock.GetUtcNow() - execution.SubmittedAt).TotalMilliseconds, queued, rows);

    private async Task FinishAsync(QueryExecution execution)
    {
        await store.UpdateAsync(execution with { CompletedAt = clock.GetUtcNow() }, CancellationToken.None);
        LogFinished(execution.Id, execution.State, execution.Statistics.EngineExecutionTimeInMillis, execution.Statistics.DataScannedInBytes);
    }

    private sealed class Running(CancellationTokenSource stop)
    {
        public CancellationTokenSource Stop { get; } = stop;

        public Task Task { get; set; } = Task.CompletedTask;

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? StoppedBy { get; set; }

        /// <summary>The last report of how far the statement has got (set by the run, read by every look at it).</summary>
        public QueryProgress? Progress
        {
            get => Volatile.Read(ref _progress);
            set => Volatile.Write(ref _progress, value);
        }

        private QueryProgress? _progress;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Query {Id} submitted by {User}: {State}")]
    private partial void LogStarted(string id, string user, QueryState state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Query {Id} {State} after {Milliseconds} ms, {Bytes} bytes scanned")]
    private partial void LogFinished(string id, QueryState state, long milliseconds, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Query {Id} failed inside the engine")]
    private partial void LogFailed(Exception exception, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cancelling running queries at shutdown raised an error")]
    private partial void LogShutdownCancelFailed(Exception ex);
}
