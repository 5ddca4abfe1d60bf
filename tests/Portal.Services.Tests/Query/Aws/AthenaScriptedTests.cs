using System.Text.Json;
using Lakeport.Services.Common;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Aws;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Aws.Client;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Query.Aws;

/// <summary>The Athena engine against a scripted Athena: what it sends, in which order, and what it refuses to send.</summary>
public sealed class AthenaScriptedTests : IAsyncLifetime
{
    private ScriptedAwsServer _athena = null!;
    private TestState _state = null!;

    public async ValueTask InitializeAsync()
    {
        _athena = await ScriptedAwsServer.StartAsync();
        _state = await AthenaTestHost.CreateAsync(_athena.Endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _state.DisposeAsync();
        await _athena.DisposeAsync();
    }

    [Fact]
    public async Task AnalystDropTable_IsRefused_BeforeAnyCallReachesAthena()
    {
        var engine = _state.Get<IQueryEngine>();

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => engine.StartAsync(Callers.Analyst, new QueryRequest("DROP TABLE sales.orders"), Callers.Token));
        await Assert.ThrowsAsync<ConfirmationRequiredException>(() => engine.StartAsync(Callers.Admin, new QueryRequest("DROP TABLE sales.orders"), Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => engine.StartAsync(Callers.Viewer, new QueryRequest("INSERT INTO sales.orders VALUES (1)"), Callers.Token));

        Assert.Contains("DROP TABLE", error.Message, StringComparison.Ordinal);
        Assert.Empty(_athena.Requests);
    }

    [Fact]
    public async Task Start_SendsContextWorkGroupOutputParameters_AndAPerUserToken()
    {
        _athena.Then(200, """{"QueryExecutionId":"q-start"}""");
        var engine = _state.Get<IQueryEngine>();

        var execution = await engine.StartAsync(Callers.Analyst, new QueryRequest("SELECT * FROM orders WHERE id = ?", "sales", ["42"], ClientRequestToken: "tab-1-run-1"), Callers.Token);
        var again = await engine.StartAsync(Callers.Analyst, new QueryRequest("SELECT * FROM orders WHERE id = ?", "sales", ["42"], ClientRequestToken: "tab-1-run-1"), Callers.Token);

        var sent = JsonDocument.Parse(Assert.Single(_athena.Requests).Body).RootElement;
        Assert.Equal("AmazonAthena.StartQueryExecution", _athena.Requests[0].Target);
        Assert.Equal("sales", sent.GetProperty("QueryExecutionContext").GetProperty("Database").GetString());
        Assert.Equal("primary", sent.GetProperty("WorkGroup").GetString());
        Assert.Equal(AthenaTestHost.OutputLocation, sent.GetProperty("ResultConfiguration").GetProperty("OutputLocation").GetString());
        Assert.Equal("42", sent.GetProperty("ExecutionParameters")[0].GetString());
        Assert.Equal(AthenaQueryEngine.AthenaToken("anna", "tab-1-run-1"), sent.GetProperty("ClientRequestToken").GetString());
        Assert.Equal(("q-start", QueryState.QUEUED, "s3://lakeport-results/athena/q-start.csv"), (execution.Id, execution.State, execution.OutputLocation));
        Assert.Equal(execution.Id, again.Id);
        Assert.NotEqual(AthenaQueryEngine.AthenaToken("anna", "t"), AthenaQueryEngine.AthenaToken("adam", "t"));
    }

    [Fact]
    public async Task Wait_AsksAthenaOnceTheSpanIsOver_AndNotAtAllOnceTheRecordIsFinal()
    {
        _athena.Then(200, """{"QueryExecutionId":"q-wait"}""")
            .Then(200, Execution("q-wait", "RUNNING"))
            .Then(200, Execution("q-wait", "SUCCEEDED"))
            .Then(200, Page(header: true, from: 0, count: 1, next: null));
        var engine = _state.Get<IQueryEngine>();
        await engine.StartAsync(Callers.Analyst, new QueryRequest("SELECT 1"), Callers.Token);

        var running = await engine.WaitAsync(Callers.Analyst, "q-wait", TimeSpan.FromMilliseconds(50), Callers.Token);
        var finished = await engine.WaitAsync(Callers.Analyst, "q-wait", TimeSpan.FromMilliseconds(50), Callers.Token);
        var again = await engine.WaitAsync(Callers.Analyst, "q-wait", TimeSpan.FromMinutes(10), Callers.Token).WaitAsync(TimeSpan.FromMinutes(1), Callers.Token);

        Assert.Equal([QueryState.RUNNING, QueryState.SUCCEEDED, QueryState.SUCCEEDED], new[] { running.State, finished.State, again.State });
        Assert.Equal(2, _athena.Requests.Count(r => r.Target == "AmazonAthena.GetQueryExecution"));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => engine.WaitAsync(Callers.Viewer, "q-wait", TimeSpan.FromMilliseconds(50), Callers.Token));
    }

    [Fact]
    public async Task ReadResults_OverThreePages_FollowsTokens_AndGoesOnFromTheNearestOne()
    {
        _athena.Then(200, """{"QueryExecutionId":"q-big"}""")
            .Then(200, Execution("q-big", "SUCCEEDED"))
            .Then(200, Page(header: true, from: 0, count: 999, next: "t1"))
            .Then(200, Page(header: false, from: 999, count: 1000, next: "t2"))
            .Then(200, Page(header: false, from: 1999, count: 600, next: null))
            .Then(200, Page(header: false, from: 999, count: 1000, next: "t2"));
        var engine = _state.Get<IQueryEngine>();
        await engine.StartAsync(Callers.Analyst, new QueryRequest("SELECT n, label FROM big"), Callers.Token);

        var first = await engine.ReadResultsAsync(Callers.Analyst, "q-big", 0, 100, Callers.Token);
        var straddling = await engine.ReadResultsAsync(Callers.Analyst, "q-big", 990, 20, Callers.Token);
        var last = await engine.ReadResultsAsync(Callers.Analyst, "q-big", 2590, 100, Callers.Token);
        var back = await engine.ReadResultsAsync(Callers.Analyst, "q-big", 1500, 3, Callers.Token);

        Assert.Equal(["0", "r0"], first.Rows[0]);
        Assert.Equal((999L, true), (first.TotalRows, first.MoreRows));
        Assert.Equal(Enumerable.Range(990, 20).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), straddling.Rows.Select(r => r[0]));
        Assert.Equal(Enumerable.Range(2590, 9).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), last.Rows.Select(r => r[0]));
        Assert.Equal((2599L, false), (last.TotalRows, last.MoreRows));
        Assert.Equal(["1500", "1501", "1502"], back.Rows.Select(r => r[0]));
        Assert.Null(back.Rows[2][1]);
        Assert.Equal([new ResultColumn("n", "integer"), new ResultColumn("label", "varchar")], back.Columns);
        var reads = _athena.Requests.Where(r => r.Target == "AmazonAthena.GetQueryResults").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.All(reads, r => Assert.Equal(1000, r.GetProperty("MaxResults").GetInt32()));
        Assert.Equal([null, "t1", "t2", "t1"], reads.Select(r => r.TryGetProperty("NextToken", out var t) ? t.GetString() : null));
    }

    [Fact]
    public async Task NamedQuery_Delete_IsAdminOnly_AndAudited()
    {
        _athena.Then(200, "{}");
        var workspace = _state.Get<AthenaWorkspace>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => workspace.DeleteNamedQueryAsync(Callers.Analyst, "nq-1", Callers.Token));
        await workspace.DeleteNamedQueryAsync(Callers.Admin, "nq-1", Callers.Token);

        var sent = Assert.Single(_athena.Requests);
        Assert.Equal("AmazonAthena.DeleteNamedQuery", sent.Target);
        Assert.Equal("nq-1", JsonDocument.Parse(sent.Body).RootElement.GetProperty("NamedQueryId").GetString());
        var audit = await _state.Get<IAuditLog>().QueryAsync(Callers.Admin, new AuditQuery("Athena.DeleteNamedQuery"), Callers.Token);
        Assert.Equal("nq-1", Assert.Single(audit.Items).Target);
    }

    private static string Execution(string id, string state) => JsonSerializer.Serialize(new
    {
        QueryExecution = new
        {
            QueryExecutionId = id,
            Query = "SELECT n, label FROM big",
            StatementType = "DML",
            Status = new { State = state, SubmissionDateTime = 1_700_000_000.0, CompletionDateTime = 1_700_000_002.5 },
            Statistics = new { DataScannedInBytes = 123_456, EngineExecutionTimeInMillis = 1800, TotalExecutionTimeInMillis = 2500, QueryQueueTimeInMillis = 100 },
            ResultConfiguration = new { OutputLocation = $"s3://lakeport-results/athena/{id}.csv" },
        },
    });

    /// <summary>A GetQueryResults page of rows n = from…; every third label is NULL; the first page of a SELECT leads with the header.</summary>
    private static string Page(bool header, int from, int count, string? next)
    {
        var rows = Enumerable.Range(from, count)
            .Select(n => new object[] { new { VarCharValue = n.ToString(System.Globalization.CultureInfo.InvariantCulture) }, n % 3 == 2 ? new { } : new { VarCharValue = $"r{n}" } })
            .Select(data => new { Data = data });
        if (header)
        {
            rows = rows.Prepend(new { Data = new object[] { new { VarCharValue = "n" }, new { VarCharValue = "label" } } });
        }

        return JsonSerializer.Serialize(new
        {
            ResultSet = new
            {
                Rows = rows,
                ResultSetMetadata = new { ColumnInfo = new object[] { new { Name = "n", Type = "integer" }, new { Name = "label", Type = "varchar" } } },
            },
            NextToken = next,
        });
    }
}
