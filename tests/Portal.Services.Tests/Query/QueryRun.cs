using Lakeport.Services.Query;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Query;

internal static class QueryRun
{
    /// <summary>Starts a statement and waits (bounded) until it finishes.</summary>
    public static async Task<QueryExecution> RunAsync(this IQueryEngine engine, Caller caller, QueryRequest request, int seconds = 60)
    {
        var execution = await engine.StartAsync(caller, request, Callers.Token);
        return await engine.WaitAsync(caller, execution.Id, seconds);
    }

    public static async Task<QueryExecution> WaitAsync(this IQueryEngine engine, Caller caller, string id, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var execution = await engine.WaitAsync(caller, id, TimeSpan.FromSeconds(1), Callers.Token);
            if (execution.IsFinished)
            {
                return execution;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Query {id} did not finish within {seconds} s.");
        }
    }

    public static async Task<QueryExecution> SucceedAsync(this IQueryEngine engine, Caller caller, string sql, string? database = "samples")
    {
        var execution = await engine.RunAsync(caller, new QueryRequest(sql, database));
        Assert.True(execution.State == QueryState.SUCCEEDED, $"{execution.State}: {execution.Error?.Message ?? execution.StateChangeReason}");
        return execution;
    }

    public static async Task<IReadOnlyList<IReadOnlyList<string?>>> RowsAsync(this IQueryEngine engine, Caller caller, string sql, string? database = "samples")
    {
        var execution = await engine.SucceedAsync(caller, sql, database);
        return (await engine.ReadResultsAsync(caller, execution.Id, 0, 1000, Callers.Token)).Rows;
    }
}
