using Lakeport.Services.Security;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Query.Local;

/// <summary>Plans and runs statements with DuckDB in this process: the planner and runner, their errors mapped to Athena's.</summary>
public sealed class InProcessStatements(QueryPlanner planner, QueryRunner runner, IOptions<QueryOptions> options) : IStatementEngine
{
    public async Task<PlannedStatement> PlanAsync(string executionId, Caller caller, QueryRequest request, CancellationToken cancellationToken)
    {
        var plan = await planner.PlanAsync(caller, request, options.Value.LargeScanBytes, cancellationToken);
        return new PlannedStatement(plan.Statement.Type, plan);
    }

    public async Task<QueryOutcome> RunAsync(QueryExecution execution, PlannedStatement planned, Caller caller, QueryRequest request, string resultPath, IProgress<QueryProgress>? progress,
        CancellationToken cancellationToken)
    {
        QueryPlan? plan = planned.Plan;
        try
        {
            // A plan made elsewhere (an engine process that restarted since) is made again: planning only reads.
            plan ??= await planner.PlanAsync(caller, request, options.Value.LargeScanBytes, cancellationToken);
            return await runner.RunAsync(execution, plan, caller, resultPath, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new QueryFailedException(QueryErrors.From(ex, plan), ex);
        }
    }
}
