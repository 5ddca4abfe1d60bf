using Lakeport.Services.Aws;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.Athena;
using Lakeport.Services.Common;
using Lakeport.Services.Security;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Query.Aws;

/// <summary>
/// Statements the portal itself runs on Athena (table previews, column statistics): started in the configured work
/// group, waited for, their rows read back. They stay out of every user's history; the caller's own checks come first.
/// </summary>
public sealed class AthenaSystemQueries(AthenaClient athena, AthenaResultPages pages, IOptions<AwsOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(2);

    /// <summary>The first <paramref name="maxRows"/> rows of a SELECT; <paramref name="what"/> names it in errors ("the preview of db.t").</summary>
    public async Task<ResultRows> RunAsync(string sql, string database, int maxRows, string what, CancellationToken cancellationToken)
    {
        var athenaOptions = options.Value.Athena;
        var started = await athena.SendAsync<StartQueryExecutionInput, StartQueryExecutionOutput>("StartQueryExecution", new StartQueryExecutionInput
        {
            QueryString = sql,
            QueryExecutionContext = new AthenaQueryExecutionContext { Database = database, Catalog = AthenaQueryMapping.DataCatalog },
            WorkGroup = athenaOptions.WorkGroup,
            ResultConfiguration = new AthenaResultConfiguration { OutputLocation = athenaOptions.OutputLocation },
        }, cancellationToken);
        var id = started.QueryExecutionId ?? throw new InvalidInputException($"Athena did not start {what}.");
        var execution = new QueryExecution(id, sql, database, StatementType.DML, QueryState.QUEUED, null, null, Caller.System.UserName, clock.GetUtcNow(), null,
            QueryStatistics.None, "", athenaOptions.WorkGroup ?? QueryRules.PrimaryWorkGroup, null);
        try
        {
            execution = await WaitAsync(execution, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Nobody waits for the answer any more: Athena need not go on scanning for it.
            await athena.SendAsync<StopQueryExecutionInput, StopQueryExecutionOutput>("StopQueryExecution",
                new StopQueryExecutionInput { QueryExecutionId = id }, CancellationToken.None);
            throw;
        }

        return execution.State == QueryState.SUCCEEDED
            ? await pages.ReadAsync(execution, 0, maxRows, cancellationToken)
            : throw new InvalidInputException($"Athena could not compute {what}: {execution.Error?.Message ?? execution.StateChangeReason ?? execution.State.ToString()}");
    }

    private async Task<QueryExecution> WaitAsync(QueryExecution execution, CancellationToken cancellationToken)
    {
        var delay = FirstPoll;
        while (true)
        {
            var output = await athena.SendAsync<GetQueryExecutionInput, GetQueryExecutionOutput>("GetQueryExecution",
                new GetQueryExecutionInput { QueryExecutionId = execution.Id }, cancellationToken);
            if (output.QueryExecution is { } wire)
            {
                execution = execution.Refresh(wire);
                if (execution.IsFinished)
                {
                    return execution;
                }
            }

            await Task.Delay(delay, clock, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPoll.Ticks));
        }
    }
}
