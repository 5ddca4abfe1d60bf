using System.Globalization;
using Lakeport.Services.Aws.Wire.Athena;
using Lakeport.Services.Common;
using Lakeport.Services.Query;
using Lakeport.Services.Security;
using static Lakeport.Portal.AwsApi.Athena.AthenaApi;

namespace Lakeport.Portal.AwsApi.Athena;

/// <summary>
/// Athena's query executions over <see cref="IQueryEngine"/>. The engine enforces the statement rules by role
/// (Viewers and Analysts read, Admins may also CTAS and DROP). Athena has no confirmations, so API callers are
/// treated as having confirmed both a large scan and a destructive statement; DROP stays Admin-only all the same.
/// </summary>
public static class AthenaQueryOperations
{
    private const int MaxListResults = 50;
    private const int MaxBatch = 50;

    public static AwsOperationRegistry AddAthenaQueryOperations(this AwsOperationRegistry registry) => registry
        .AddAthena<StartQueryExecutionInput, StartQueryExecutionOutput>("StartQueryExecution", QueryRules.Read, async (call, request) =>
        {
            var catalog = request.QueryExecutionContext?.Catalog;
            if (!string.IsNullOrEmpty(catalog) && !catalog.Equals(AthenaQueryMapping.DataCatalog, StringComparison.OrdinalIgnoreCase))
            {
                throw InvalidRequest($"Catalog {catalog} is not found: Lakeport has one data catalog, {AthenaQueryMapping.DataCatalog}.");
            }

            var execution = await Engine(call).StartAsync(call.Caller, new QueryRequest(
                Required(request.QueryString, "QueryString"),
                request.QueryExecutionContext?.Database,
                request.ExecutionParameters,
                WorkGroup(request.WorkGroup),
                request.ResultConfiguration?.OutputLocation,
                Token(request.ClientRequestToken),
                ConfirmedLargeScan: true,
                ConfirmedDestructive: true), call.CancellationToken);
            return new StartQueryExecutionOutput { QueryExecutionId = execution.Id };
        })
        .AddAthena<GetQueryExecutionInput, GetQueryExecutionOutput>("GetQueryExecution", QueryRules.Read, async (call, request) =>
        {
            var execution = await Engine(call).GetAsync(call.Caller, Required(request.QueryExecutionId, "QueryExecutionId"), call.CancellationToken);
            return new GetQueryExecutionOutput { QueryExecution = execution.ToWire() };
        })
        .AddAthena<GetQueryResultsInput, GetQueryResultsOutput>("GetQueryResults", QueryRules.Read, GetQueryResultsAsync)
        .AddAthena<StopQueryExecutionInput, StopQueryExecutionOutput>("StopQueryExecution", QueryRules.Read, async (call, request) =>
        {
            await Engine(call).StopAsync(call.Caller, Required(request.QueryExecutionId, "QueryExecutionId"), call.CancellationToken);
            return new StopQueryExecutionOutput();
        })
        .AddAthena<ListQueryExecutionsInput, ListQueryExecutionsOutput>("ListQueryExecutions", QueryRules.Read, async (call, request) =>
        {
            // As in Athena, a work group's executions are everyone's to list, for those allowed to see everyone's (Admins).
            var filter = new QueryListFilter(AllUsers: call.Caller.Role.Allows(QueryRules.Administer), WorkGroup: WorkGroup(request.WorkGroup));
            var page = await Engine(call).ListAsync(call.Caller, filter, new PageRequest(request.NextToken, PageSize(request.MaxResults, MaxListResults)), call.CancellationToken);
            return new ListQueryExecutionsOutput { QueryExecutionIds = page.Items.Select(e => e.Id).ToList(), NextToken = page.NextToken };
        })
        .AddAthena<BatchGetQueryExecutionInput, BatchGetQueryExecutionOutput>("BatchGetQueryExecution", QueryRules.Read, async (call, request) =>
        {
            var ids = request.QueryExecutionIds ?? [];
            if (ids.Count is 0 or > MaxBatch)
            {
                throw InvalidRequest($"QueryExecutionIds must hold 1–{MaxBatch} ids; it holds {ids.Count}.");
            }

            var found = new List<AthenaQueryExecution>();
            var unprocessed = new List<AthenaUnprocessedQueryExecutionId>();
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                try
                {
                    found.Add((await Engine(call).GetAsync(call.Caller, id, call.CancellationToken)).ToWire());
                }
                catch (EntityNotFoundException ex)
                {
                    unprocessed.Add(new AthenaUnprocessedQueryExecutionId { QueryExecutionId = id, ErrorCode = InvalidInput, ErrorMessage = ex.Message });
                }
            }

            return new BatchGetQueryExecutionOutput { QueryExecutions = found, UnprocessedQueryExecutionIds = unprocessed };
        });

    /// <summary>
    /// A page of the result file: at most 1,000 rows, every value a string and NULL a datum without a value. The first
    /// page of a SELECT starts with the header row of column names, which counts towards the page's rows as in Athena.
    /// </summary>
    private static async Task<GetQueryResultsOutput> GetQueryResultsAsync(AwsCall call, GetQueryResultsInput request)
    {
        var id = Required(request.QueryExecutionId, "QueryExecutionId");
        if (request.MaxResults is < 1 or > QueryRules.MaxResultsPerPage)
        {
            throw InvalidRequest($"MaxResults must be between 1 and {QueryRules.MaxResultsPerPage}; it was {request.MaxResults}.");
        }

        if (request.QueryResultType is { } type && type != "DATA_ROWS")
        {
            throw InvalidRequest($"QueryResultType {type} is not available in Lakeport; results are DATA_ROWS.");
        }

        var engine = Engine(call);
        var execution = await engine.GetAsync(call.Caller, id, call.CancellationToken);
        if (execution.State != QueryState.SUCCEEDED)
        {
            throw InvalidRequest(execution.IsFinished
                ? $"Query did not finish successfully. Final query state: {execution.State}. {execution.StateChangeReason}".TrimEnd()
                : $"Query has not yet finished. Current state: {execution.State}");
        }

        var start = StartRow(request.NextToken, id);
        var columns = execution.Columns ?? [];
        var header = start == 0 && request.NextToken is null && execution.StatementType == StatementType.DML && columns.Count > 0;
        var size = request.MaxResults ?? QueryRules.MaxResultsPerPage;
        var result = await engine.ReadResultsAsync(call.Caller, id, start, size - (header ? 1 : 0), call.CancellationToken);
        var rows = new List<AthenaRow>(result.Rows.Count + 1);
        if (header)
        {
            rows.Add(new AthenaRow { Data = columns.Select(c => new AthenaDatum { VarCharValue = c.Name }).ToList() });
        }

        rows.AddRange(result.Rows.Select(r => new AthenaRow { Data = r.Select(v => new AthenaDatum { VarCharValue = v }).ToList() }));
        var next = start + result.Rows.Count;
        return new GetQueryResultsOutput
        {
            ResultSet = new AthenaResultSet
            {
                Rows = rows,
                ResultSetMetadata = new AthenaResultSetMetadata { ColumnInfo = columns.Select(c => c.ToColumnInfo()).ToList() },
            },
            NextToken = next < result.TotalRows ? PageToken.Encode(string.Create(CultureInfo.InvariantCulture, $"{id}|{next}")) : null,
        };
    }

    /// <summary>The data row a token continues from; a token is bound to its execution.</summary>
    private static long StartRow(string? token, string id)
    {
        if (token is null)
        {
            return 0;
        }

        string? key;
        try
        {
            key = PageToken.Decode(token);
        }
        catch (PortalException)
        {
            key = null;
        }

        return key?.Split('|') is [var owner, var row] && owner == id && long.TryParse(row, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? start
            : throw InvalidRequest("The NextToken is not one GetQueryResults issued for this query execution.");
    }

    private static IQueryEngine Engine(AwsCall call) => call.Services.GetRequiredService<IQueryEngine>();
}
