using Lakeport.Services.Security;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// Where the local engine plans and runs statements: in the portal's own process (<see cref="InProcessStatements"/>),
/// or in a query engine process beside it (<see cref="Isolated.ProcessStatements"/>), so DuckDB's memory, and any crash
/// of it, stay out of the portal. <see cref="LocalQueryEngine"/> keeps the executions either way.
/// </summary>
public interface IStatementEngine
{
    /// <summary>
    /// Checks and plans a statement before it is queued. Throws <see cref="SqlSyntaxException"/>,
    /// <see cref="ConfirmationRequiredException"/>, <see cref="Common.AccessDeniedException"/> or
    /// <see cref="Common.InvalidInputException"/> as the planner does.
    /// </summary>
    Task<PlannedStatement> PlanAsync(string executionId, Caller caller, QueryRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a planned statement into its result file, telling <paramref name="progress"/> how far it has got while
    /// DuckDB runs it. A failure is a <see cref="QueryFailedException"/> carrying Athena's error; a stop is an
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<QueryOutcome> RunAsync(QueryExecution execution, PlannedStatement planned, Caller caller, QueryRequest request, string resultPath, IProgress<QueryProgress>? progress,
        CancellationToken cancellationToken);
}

/// <summary>A statement that passed planning: its Athena type, and the plan itself when it was made in this process.</summary>
public sealed record PlannedStatement(StatementType Type, QueryPlan? Plan = null);

/// <summary>A statement that failed, with the error Athena would report; <see cref="Exception.InnerException"/> is the cause when it happened in this process.</summary>
public sealed class QueryFailedException(QueryError error, Exception? inner = null) : Exception(error.Message, inner)
{
    public QueryError Error { get; } = error;
}
