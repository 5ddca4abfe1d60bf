using System.Security.Cryptography;
using System.Text;
using Lakeport.Services.Aws;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Storage;
using Lakeport.Services.Aws.Wire.Athena;
using Lakeport.Services.Common;
using Lakeport.Services.Query.Local;
using Lakeport.Services.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Query.Aws;

/// <summary>
/// Athena's executions for the workbench. Statements pass the same role checks as on the local engine before any call
/// reaches Athena; Athena runs them; the portal records each one in its own history (SQLite, keyed by Athena's
/// QueryExecutionId) and brings the record up to date whenever an unfinished execution is looked at. Results are paged
/// from <c>GetQueryResults</c>; downloads stream Athena's CSV from S3.
/// </summary>
public sealed partial class AthenaQueryEngine(
    AthenaClient athena,
    SqliteQueryStore store,
    AthenaResultPages pages,
    IS3Objects s3,
    IAuditLog audit,
    IOptions<AwsOptions> options,
    TimeProvider clock,
    ILogger<AthenaQueryEngine> logger) : IQueryEngine
{
    private const int MaxReadRows = 10_000;

    public async Task<QueryExecution> StartAsync(Caller caller, QueryRequest request, CancellationToken cancellationToken)
    {
        var statement = AthenaStatements.Check(caller, request);
        if (request.ClientRequestToken is { } token && await store.FindByTokenAsync(caller.UserName, token, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var workGroup = string.IsNullOrWhiteSpace(request.WorkGroup) ? options.Value.Athena.WorkGroup! : request.WorkGroup;
        var output = string.IsNullOrWhiteSpace(request.OutputLocation) ? options.Value.Athena.OutputLocation! : request.OutputLocation;
        var parameters = request.ExecutionParameters is { Count: > 0 } given ? given : null;
        var started = await athena.SendAsync<StartQueryExecutionInput, StartQueryExecutionOutput>("StartQueryExecution", new StartQueryExecutionInput
        {
            QueryString = request.Sql,
            QueryExecutionContext = string.IsNullOrEmpty(request.Database) ? null : new AthenaQueryExecutionContext { Database = request.Database, Catalog = AthenaQueryMapping.DataCatalog },
            WorkGroup = workGroup,
            ResultConfiguration = new AthenaResultConfiguration { OutputLocation = output },
            ExecutionParameters = parameters?.ToList(),
            ClientRequestToken = request.ClientRequestToken is null ? null : AthenaToken(caller.UserName, request.ClientRequestToken),
        }, cancellationToken);
        var id = started.QueryExecutionId ?? throw new AwsServiceException("MissingQueryExecutionId", "StartQueryExecution answered without a QueryExecutionId.", 200, null, "Athena");

        var execution = new QueryExecution(id, request.Sql, request.Database, statement.Type, QueryState.QUEUED, null, null, caller.UserName, clock.GetUtcNow(), null,
            QueryStatistics.None, AthenaClientMapping.ResultFile(output.TrimEnd('/') + "/", id), workGroup, null)
        {
            ExecutionParameters = parameters,
        };
        if (!await store.InsertAsync(execution, request.ClientRequestToken, cancellationToken))
        {
            return (await store.FindByTokenAsync(caller.UserName, request.ClientRequestToken!, cancellationToken))!;
        }

        LogStarted(id, caller.UserName, workGroup);
        return execution;
    }

    public async Task<QueryExecution> GetAsync(Caller caller, string executionId, CancellationToken cancellationToken)
    {
        var execution = await RecordedAsync(caller, executionId, cancellationToken);
        return execution.IsFinished ? execution : await RefreshAsync(execution, null, cancellationToken);
    }

    public async Task<QueryExecution> WaitAsync(Caller caller, string executionId, TimeSpan atMost, CancellationToken cancellationToken)
    {
        // Athena tells no one when an execution ends: the portal's record answers at once if it is final, otherwise
        // Athena is asked once the wait is over.
        var recorded = await RecordedAsync(caller, executionId, cancellationToken);
        if (recorded.IsFinished)
        {
            return recorded;
        }

        await Task.Delay(atMost, clock, cancellationToken);
        return await RefreshAsync(recorded, null, cancellationToken);
    }

    public async Task StopAsync(Caller caller, string executionId, CancellationToken cancellationToken)
    {
        var execution = await GetAsync(caller, executionId, cancellationToken);
        if (execution.IsFinished)
        {
            return;
        }

        await athena.SendAsync<StopQueryExecutionInput, StopQueryExecutionOutput>("StopQueryExecution",
            new StopQueryExecutionInput { QueryExecutionId = executionId }, cancellationToken);
        await RefreshAsync(execution, caller.UserName, cancellationToken);
    }

    public async Task<Page<QueryExecution>> ListAsync(Caller caller, QueryListFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Require(QueryRules.Read, "list query executions");
        if (filter.AllUsers)
        {
            caller.Require(QueryRules.Administer, "see everyone's query executions");
        }

        var listed = await store.ListAsync(filter.AllUsers ? null : caller.UserName, filter, page, cancellationToken);
        if (listed.Items.All(e => e.IsFinished))
        {
            return listed;
        }

        var items = new List<QueryExecution>(listed.Items.Count);
        foreach (var execution in listed.Items)
        {
            items.Add(execution.IsFinished ? execution : await RefreshAsync(execution, null, cancellationToken));
        }

        return listed with { Items = items };
    }

    public async Task<ResultRows> ReadResultsAsync(Caller caller, string executionId, long startRow, int count, CancellationToken cancellationToken)
    {
        var execution = await SucceededAsync(caller, executionId, cancellationToken);
        if (startRow < 0 || count < 0)
        {
            throw new InvalidInputException("The start row and count cannot be negative.");
        }

        return await pages.ReadAsync(execution, startRow, Math.Min(count, MaxReadRows), cancellationToken);
    }

    public async Task<Stream> OpenResultFileAsync(Caller caller, string executionId, CancellationToken cancellationToken)
    {
        var execution = await SucceededAsync(caller, executionId, cancellationToken);
        // Athena names the result object; a work group that enforces its own results location puts it elsewhere than asked.
        var current = await athena.SendAsync<GetQueryExecutionInput, GetQueryExecutionOutput>("GetQueryExecution",
            new GetQueryExecutionInput { QueryExecutionId = executionId }, cancellationToken);
        var location = current.QueryExecution?.ResultConfiguration?.OutputLocation is { Length: > 0 } output
            ? AthenaClientMapping.ResultFile(output, executionId)
            : execution.OutputLocation;
        return await s3.OpenReadAsync(S3Uri.Parse(location), cancellationToken);
    }

    /// <summary>
    /// Athena keeps a ClientRequestToken per account; the portal keeps it per user. Sending a digest of both keeps two
    /// users' tokens apart, and fits Athena's 32–128 characters.
    /// </summary>
    public static string AthenaToken(string user, string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{user}\n{token}")));

    private async Task<QueryExecution> RecordedAsync(Caller caller, string executionId, CancellationToken cancellationToken)
    {
        caller.Require(QueryRules.Read, "see query executions");
        var execution = await store.GetAsync(executionId, cancellationToken);
        return execution is not null && (execution.SubmittedBy == caller.UserName || caller.Role.Allows(QueryRules.Administer))
            ? execution
            : throw new EntityNotFoundException($"Query execution {executionId} was not found.");
    }

    private async Task<QueryExecution> SucceededAsync(Caller caller, string executionId, CancellationToken cancellationToken)
    {
        var execution = await GetAsync(caller, executionId, cancellationToken);
        return execution.State == QueryState.SUCCEEDED
            ? execution
            : throw new InvalidInputException($"Query execution {executionId} is {execution.State}; only a SUCCEEDED execution has results.");
    }

    /// <summary>
    /// Asks Athena where the execution stands and records it. A finished SELECT or utility statement also records its
    /// columns, and its row count when the first page is the whole result (Athena gives no count up front).
    /// </summary>
    private async Task<QueryExecution> RefreshAsync(QueryExecution recorded, string? stoppedBy, CancellationToken cancellationToken)
    {
        var output = await athena.SendAsync<GetQueryExecutionInput, GetQueryExecutionOutput>("GetQueryExecution",
            new GetQueryExecutionInput { QueryExecutionId = recorded.Id }, cancellationToken);
        if (output.QueryExecution is not { } wire)
        {
            return recorded;
        }

        var execution = recorded.Refresh(wire);
        if (stoppedBy is not null && execution.State == QueryState.CANCELLED)
        {
            execution = execution with { StateChangeReason = $"Stopped by {stoppedBy}." };
        }

        if (execution.IsFinished)
        {
            execution = execution with { CompletedAt = execution.CompletedAt ?? clock.GetUtcNow() };
            if (execution.State == QueryState.SUCCEEDED && execution.StatementType != StatementType.DDL)
            {
                var (columns, rows) = await pages.FirstPageAsync(execution, cancellationToken);
                execution = execution with { Columns = columns, Statistics = execution.Statistics with { ResultRows = rows } };
            }
        }

        if (!await store.UpdateAsync(execution, cancellationToken))
        {
            // Another look finished it first: that record stands.
            return await store.GetAsync(recorded.Id, cancellationToken) ?? execution;
        }

        if (execution.IsFinished)
        {
            LogFinished(execution.Id, execution.State, execution.Statistics.EngineExecutionTimeInMillis, execution.Statistics.DataScannedInBytes);
            await AuditCatalogChangeAsync(execution, cancellationToken);
        }

        return execution;
    }

    /// <summary>A CREATE TABLE AS or DROP TABLE that Athena ran changed the Glue catalog: audited as the catalog audits its own changes.</summary>
    private async Task AuditCatalogChangeAsync(QueryExecution execution, CancellationToken cancellationToken)
    {
        if (execution.StatementType != StatementType.DDL || execution.State != QueryState.SUCCEEDED)
        {
            return;
        }

        var statement = StatementGuard.Classify(execution.Sql, SqlText.Tokenize(execution.Sql), Caller.System);
        var action = statement.Kind == StatementKind.DropTable ? "Catalog.DeleteTable" : "Catalog.CreateTable";
        var table = statement.Table is { } name ? $"{name.Database ?? execution.Database}.{name.Table}" : null;
        await audit.RecordAsync(new AuditEntry(execution.SubmittedBy, action, table, AuditOutcome.Succeeded, $"Athena query execution {execution.Id}", "athena"), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Athena query {Id} submitted by {User} in work group {WorkGroup}")]
    private partial void LogStarted(string id, string user, string workGroup);

    [LoggerMessage(Level = LogLevel.Information, Message = "Athena query {Id} {State} after {Milliseconds} ms, {Bytes} bytes scanned")]
    private partial void LogFinished(string id, QueryState state, long milliseconds, long bytes);
}
