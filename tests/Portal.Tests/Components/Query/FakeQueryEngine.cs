using System.Collections.Concurrent;
using System.Text;
using Lakeport.Services.Common;
using Lakeport.Services.Query;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.Components.Query;

/// <summary>
/// A hand-written engine for page tests: it records what it is asked, answers starts with <see cref="OnStart"/>
/// (by default a finished run with <see cref="Result"/>), and pages that result as the real one pages its file.
/// </summary>
public sealed class FakeQueryEngine : IQueryEngine
{
    private readonly ConcurrentDictionary<string, QueryExecution> _executions = new();

    public static ResultRows SampleResult { get; } = new(
        [new ResultColumn("id", "bigint"), new ResultColumn("name", "varchar")],
        [["1", "alpha"], ["2", null], ["3", "NULL"]],
        3);

    public ConcurrentQueue<QueryRequest> Requests { get; } = new();

    public ConcurrentQueue<string> Stopped { get; } = new();

    public ResultRows Result { get; set; } = SampleResult;

    /// <summary>What a start returns (or throws); the returned execution is kept for Get, List and results.</summary>
    public Func<Caller, QueryRequest, QueryExecution> OnStart { get; set; }

    public FakeQueryEngine() => OnStart = (caller, request) => Execution(caller.UserName, request.Sql, QueryState.SUCCEEDED, request.Database);

    public static QueryExecution Execution(string user, string sql, QueryState state, string? database = null, QueryError? error = null,
        DateTimeOffset? submittedAt = null) =>
        new(Guid.NewGuid().ToString(), sql, database, StatementType.DML, state, null, error, user, submittedAt ?? DateTimeOffset.UtcNow,
            state is QueryState.SUCCEEDED or QueryState.FAILED or QueryState.CANCELLED ? DateTimeOffset.UtcNow : null,
            new QueryStatistics(1_048_576, 120, 150, 5, state == QueryState.SUCCEEDED ? SampleResult.TotalRows : null),
            "s3://results/query-results/", QueryRules.PrimaryWorkGroup, state == QueryState.SUCCEEDED ? SampleResult.Columns : null);

    public QueryExecution Add(QueryExecution execution)
    {
        _executions[execution.Id] = execution;
        return execution;
    }

    public Task<QueryExecution> StartAsync(Caller caller, QueryRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(Add(OnStart(caller, request)));
    }

    public Task<QueryExecution> GetAsync(Caller caller, string executionId, CancellationToken cancellationToken) =>
        Task.FromResult(_executions.TryGetValue(executionId, out var e) ? e : throw new EntityNotFoundException($"Query {executionId} not found."));

    /// <summary>As Athena waits: at once when finished, otherwise after the whole span.</summary>
    public async Task<QueryExecution> WaitAsync(Caller caller, string executionId, TimeSpan atMost, CancellationToken cancellationToken)
    {
        if ((await GetAsync(caller, executionId, cancellationToken)).IsFinished)
        {
            return await GetAsync(caller, executionId, cancellationToken);
        }

        await Task.Delay(atMost, cancellationToken);
        return await GetAsync(caller, executionId, cancellationToken);
    }

    public Task StopAsync(Caller caller, string executionId, CancellationToken cancellationToken)
    {
        Stopped.Enqueue(executionId);
        if (_executions.TryGetValue(executionId, out var e) && !e.IsFinished)
        {
            _executions[executionId] = e with { State = QueryState.CANCELLED, CompletedAt = DateTimeOffset.UtcNow };
        }

        return Task.CompletedTask;
    }

    public Task<Page<QueryExecution>> ListAsync(Caller caller, QueryListFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var items = _executions.Values
            .Where(e => (filter.AllUsers && caller.Role == PortalRole.Admin) || e.SubmittedBy == caller.UserName)
            .Where(e => !filter.RunningOnly || !e.IsFinished)
            .Where(e => filter.Text is null || e.Sql.Contains(filter.Text, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.SubmittedAt)
            .ToList();
        return Task.FromResult(new Page<QueryExecution>(items, null));
    }

    public Task<ResultRows> ReadResultsAsync(Caller caller, string executionId, long startRow, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Result with { Rows = [.. Result.Rows.Skip((int)startRow).Take(count)] });

    public Task<Stream> OpenResultFileAsync(Caller caller, string executionId, CancellationToken cancellationToken)
    {
        if (!_executions.ContainsKey(executionId))
        {
            throw new EntityNotFoundException($"Query {executionId} not found.");
        }

        var csv = "\"id\",\"name\"\n" + string.Concat(Result.Rows.Select(r => string.Join(',', r.Select(c => c is null ? "" : $"\"{c}\"")) + "\n"));
        return Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(csv)));
    }
}
