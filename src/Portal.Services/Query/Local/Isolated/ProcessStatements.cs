using Lakeport.Services.Security;

namespace Lakeport.Services.Query.Local.Isolated;

/// <summary>Statements planned and run by the query engine process beside the portal (<see cref="EngineProcess"/>).</summary>
public sealed class ProcessStatements(EngineProcess engine, QueryLeftovers leftovers) : IStatementEngine
{
    public async Task<PlannedStatement> PlanAsync(string executionId, Caller caller, QueryRequest request, CancellationToken cancellationToken)
    {
        var ask = new EngineRequest(0, EngineRequest.Plan, executionId, caller, request);
        EngineReply reply;
        try
        {
            reply = await engine.CallAsync(ask, null, cancellationToken);
        }
        catch (EngineStoppedException)
        {
            // Planning only reads, so a fresh engine may answer; if this statement is what stops it, the second try says so.
            reply = await engine.CallAsync(ask, null, cancellationToken);
        }

        return new PlannedStatement(reply.Planned ?? throw new InvalidOperationException("The query engine answered a plan request without a statement type."));
    }

    public async Task<QueryOutcome> RunAsync(QueryExecution execution, PlannedStatement planned, Caller caller, QueryRequest request, string resultPath, IProgress<QueryProgress>? progress,
        CancellationToken cancellationToken)
    {
        EngineReply reply;
        try
        {
            reply = await engine.CallAsync(new EngineRequest(0, EngineRequest.Run, execution.Id, caller, request, execution, resultPath), progress, cancellationToken);
        }
        catch (EngineStoppedException ex)
        {
            // What the dead engine could not clean up itself: the result it was writing, the statement's work folder, a CTAS's staging folder.
            leftovers.Remove(execution.Id, resultPath);
            throw new QueryFailedException(new QueryError(1, "GENERIC_INTERNAL_ERROR", ex.Message), ex);
        }

        return reply.Outcome ?? throw new InvalidOperationException("The query engine answered a run request without an outcome.");
    }
}
