using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>The AWS CLI runs Athena queries against /aws: real rows from the crawled sample lake, Athena's paging and header rule, errors and stops.</summary>
public sealed class AthenaQueryCliTests(SharedPortal portal)
{
    [Fact]
    public async Task QueryOverTheCrawledSampleLake_Succeeds_AndReturnsRealRows_WithTheHeaderRowOnlyOnTheFirstPage()
    {
        var prefix = await portal.AdminCli().CrawlSamplesAsync();
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);
        string[] context = ["--query-execution-context", "Database=samples,Catalog=AwsDataCatalog", "--work-group", "primary"];

        var id = await viewer.StartQueryAsync($"SELECT order_id, country, quantity FROM \"{prefix}orders\" WHERE year = '2025' AND month = '01' ORDER BY order_id LIMIT 3", context);
        var execution = await viewer.WaitForQueryAsync(id);
        var page = await viewer.RunAsync("athena", "get-query-results", "--query-execution-id", id);
        var count = await viewer.RunQueryAsync($"SELECT count(*) AS n FROM \"{prefix}orders\"", context);
        var total = long.Parse((await viewer.RunAsync("athena", "get-query-results", "--query-execution-id", count.GetProperty("QueryExecutionId").GetString()!)).Rows()[1][0]!,
            System.Globalization.CultureInfo.InvariantCulture);
        var all = await viewer.RunQueryAsync($"SELECT order_id FROM \"{prefix}orders\" ORDER BY order_id", context);
        var allRows = (await viewer.RunAsync("athena", "get-query-results", "--query-execution-id", all.GetProperty("QueryExecutionId").GetString()!, "--page-size", "1000")).Rows();

        Assert.Equal("SUCCEEDED", execution.GetProperty("Status").GetProperty("State").GetString());
        Assert.Equal("DML", execution.GetProperty("StatementType").GetString());
        Assert.Equal("samples", execution.GetProperty("QueryExecutionContext").GetProperty("Database").GetString());
        Assert.Equal("primary", execution.GetProperty("WorkGroup").GetString());
        Assert.EndsWith($"/{id}.csv", execution.GetProperty("ResultConfiguration").GetProperty("OutputLocation").GetString(), StringComparison.Ordinal);
        Assert.True(execution.GetProperty("Statistics").GetProperty("DataScannedInBytes").GetInt64() > 0, execution.ToString());
        Assert.True(execution.GetProperty("Status").GetProperty("CompletionDateTime").GetDouble() >= execution.GetProperty("Status").GetProperty("SubmissionDateTime").GetDouble());
        Assert.Equal(
            [["order_id", "country", "quantity"], ["100310", "DE", "5"], ["100311", "AU", "1"], ["100312", "US", "3"]],
            page.Rows());
        var columns = page.Json().RootElement.GetProperty("ResultSet").GetProperty("ResultSetMetadata").GetProperty("ColumnInfo").EnumerateArray().ToList();
        Assert.Equal(["order_id", "country", "quantity"], columns.Select(c => c.GetProperty("Name").GetString()));
        Assert.Equal("varchar", columns[1].GetProperty("Type").GetString());
        Assert.All(columns, c => Assert.Equal("UNKNOWN", c.GetProperty("Nullable").GetString()));
        Assert.True(total > 1000, $"The sample orders should span more than one page; they have {total} rows.");
        Assert.Equal(total + 1, allRows.Count);
        Assert.Single(allRows, r => r[0] == "order_id");
    }

    [Fact]
    public async Task GetQueryResults_PagesAtMostAThousandRows_HeaderFirstOnTheFirstPageOnly_AndNullIsADatumWithoutValue()
    {
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);
        var id = (await viewer.RunQueryAsync("SELECT range AS n, CASE WHEN range % 7 = 0 THEN NULL ELSE 'v' || range END AS s FROM range(2500) ORDER BY n"))
            .GetProperty("QueryExecutionId").GetString()!;

        var first = await viewer.RunAsync("athena", "get-query-results", "--query-execution-id", id, "--max-items", "1000", "--page-size", "1000");
        var firstRaw = first.Json().RootElement.GetProperty("ResultSet").GetProperty("Rows");
        var token = first.Json().RootElement.GetProperty("NextToken").GetString()!;
        var rest = await viewer.RunAsync("athena", "get-query-results", "--query-execution-id", id, "--starting-token", token, "--page-size", "1000");
        var odd = await viewer.RunAsync("athena", "get-query-results", "--query-execution-id", id, "--max-items", "1200", "--page-size", "700");
        var tooBig = await viewer.RunAsync("athena", "get-query-results", "--query-execution-id", id, "--page-size", "1001");

        var firstRows = first.Rows();
        Assert.Equal(1000, firstRows.Count);
        Assert.Equal(["n", "s"], firstRows[0]);
        Assert.Equal(["0", null], firstRows[1]);
        Assert.False(firstRaw[1].GetProperty("Data")[1].TryGetProperty("VarCharValue", out _), "A NULL must be a datum without VarCharValue.");
        Assert.Equal(["1", "v1"], firstRows[2]);
        Assert.Equal("998", firstRows[^1][0]);
        var restRows = rest.Rows();
        Assert.Equal(1501, restRows.Count);
        Assert.Equal(["999", "v999"], restRows[0]);
        Assert.Equal("2499", restRows[^1][0]);
        Assert.DoesNotContain(restRows, r => r[0] == "n");
        var oddRows = odd.Rows();
        Assert.Equal(1200, oddRows.Count);
        Assert.Equal("1198", oddRows[^1][0]);
        Assert.Contains("InvalidRequestException", tooBig.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecutionParameters_BindThePlaceholders_AndGetQueryExecutionEchoesThem()
    {
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);

        var execution = await viewer.RunQueryAsync("SELECT ? AS label, ? + 1 AS next", "--execution-parameters", "'it''s'", "41");
        var id = execution.GetProperty("QueryExecutionId").GetString()!;
        var rows = (await viewer.RunAsync("athena", "get-query-results", "--query-execution-id", id)).Rows();
        var listed = (await viewer.RunAsync("athena", "batch-get-query-execution", "--query-execution-ids", id)).Json().RootElement
            .GetProperty("QueryExecutions")[0];

        Assert.Equal("SUCCEEDED", execution.GetProperty("Status").GetProperty("State").GetString());
        Assert.Equal(["'it''s'", "41"], execution.GetProperty("ExecutionParameters").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["it's", "42"], rows[1]);
        Assert.Equal(2, listed.GetProperty("ExecutionParameters").GetArrayLength());
    }

    [Fact]
    public async Task SyntaxError_IsAFailedExecution_WithAthenaError_AndHasNoResults()
    {
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);

        var execution = await viewer.WaitForQueryAsync(await viewer.StartQueryAsync("SELECT 1 FORM nowhere WHERE"));
        var results = await viewer.RunAsync("athena", "get-query-results", "--query-execution-id", execution.GetProperty("QueryExecutionId").GetString()!);

        var status = execution.GetProperty("Status");
        Assert.Equal("FAILED", status.GetProperty("State").GetString());
        var error = status.GetProperty("AthenaError");
        Assert.Equal(2, error.GetProperty("ErrorCategory").GetInt32());
        Assert.Equal(1000, error.GetProperty("ErrorType").GetInt32());
        Assert.False(error.GetProperty("Retryable").GetBoolean());
        Assert.StartsWith("SYNTAX_ERROR: line 1:", error.GetProperty("ErrorMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("line 1:", status.GetProperty("StateChangeReason").GetString(), StringComparison.Ordinal);
        Assert.Contains("InvalidRequestException", results.Stderr, StringComparison.Ordinal);
        Assert.Contains("FAILED", results.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiCallers_AreNotAskedToConfirm_ButDropStaysAdminOnly_SoAViewerIsRefusedADrop()
    {
        var admin = portal.AdminCli();
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);
        var database = CliUsers.UniqueDatabase("athena");
        Assert.Equal(0, (await admin.RunAsync("glue", "create-database", "--database-input", $$"""{"Name":"{{database}}"}""")).ExitCode);

        var create = await admin.RunQueryAsync($"CREATE TABLE {database}.made AS SELECT 1 AS a");
        var viewerDrop = await viewer.RunAsync("athena", "start-query-execution", "--query-string", $"DROP TABLE {database}.made");
        var adminDrop = await admin.RunQueryAsync($"DROP TABLE {database}.made");
        var tables = await admin.RunAsync("glue", "get-tables", "--database-name", database);

        Assert.Equal("DDL", create.GetProperty("StatementType").GetString());
        Assert.Contains("AccessDeniedException", viewerDrop.Stderr, StringComparison.Ordinal);
        Assert.Contains("DROP TABLE", viewerDrop.Stderr, StringComparison.Ordinal);
        Assert.Equal("DDL", adminDrop.GetProperty("StatementType").GetString());
        Assert.Empty(tables.Json().RootElement.GetProperty("TableList").EnumerateArray());
    }

    [Fact]
    public async Task StopQueryExecution_OfALongQuery_LeavesItCancelled()
    {
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);
        var id = await analyst.StartQueryAsync("SELECT count(*) FROM range(100000000000) a WHERE a.range % 3 = 1");
        await analyst.WaitForQueryAsync(id, "RUNNING", "QUEUED");

        var stop = await analyst.RunAsync("athena", "stop-query-execution", "--query-execution-id", id);
        var execution = await analyst.WaitForQueryAsync(id);

        Assert.True(stop.ExitCode == 0, stop.Stderr);
        Assert.Equal("CANCELLED", execution.GetProperty("Status").GetProperty("State").GetString());
        Assert.Contains("Stopped by", execution.GetProperty("Status").GetProperty("StateChangeReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListQueryExecutions_IsNewestFirst_BatchGetReportsUnknownIds_AndTheSameRequestTokenStartsOneExecution()
    {
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);
        var token = Guid.NewGuid().ToString("N") + "-retry";
        var first = await viewer.StartQueryAsync("SELECT 1 AS one", "--client-request-token", token);
        var retry = await viewer.StartQueryAsync("SELECT 1 AS one", "--client-request-token", token);
        await viewer.WaitForQueryAsync(first);
        var second = await viewer.StartQueryAsync("SELECT 2 AS two");
        await viewer.WaitForQueryAsync(second);

        var list = await viewer.RunAsync("athena", "list-query-executions", "--work-group", "primary");
        var batch = await viewer.RunAsync("athena", "batch-get-query-execution", "--query-execution-ids", first, "no-such-execution");
        var otherGroup = await viewer.RunAsync("athena", "start-query-execution", "--query-string", "SELECT 1", "--work-group", "analytics");
        var otherCatalog = await viewer.RunAsync("athena", "start-query-execution", "--query-string", "SELECT 1", "--query-execution-context", "Catalog=other");

        Assert.Equal(first, retry);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Equal([second, first], list.Json().RootElement.GetProperty("QueryExecutionIds").EnumerateArray().Select(i => i.GetString()));
        var answer = batch.Json().RootElement;
        Assert.Equal([first], answer.GetProperty("QueryExecutions").EnumerateArray().Select(e => e.GetProperty("QueryExecutionId").GetString()));
        var unprocessed = Assert.Single(answer.GetProperty("UnprocessedQueryExecutionIds").EnumerateArray());
        Assert.Equal("no-such-execution", unprocessed.GetProperty("QueryExecutionId").GetString());
        Assert.Equal("INVALID_INPUT", unprocessed.GetProperty("ErrorCode").GetString());
        Assert.Contains("InvalidRequestException", otherGroup.Stderr, StringComparison.Ordinal);
        Assert.Contains("WorkGroup analytics is not found", otherGroup.Stderr, StringComparison.Ordinal);
        Assert.Contains("InvalidRequestException", otherCatalog.Stderr, StringComparison.Ordinal);
    }
}
