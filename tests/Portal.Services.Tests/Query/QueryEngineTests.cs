using System.Text;
using Lakeport.Services.Common;
using Lakeport.Services.Query;
using Lakeport.Services.Samples;
using Lakeport.Services.Tests.Catalog.TableData;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Query;

/// <summary>The local engine over the crawled sample lake: pruning, results, errors, parameters, roles.</summary>
public sealed class QueryEngineTests(SampleLakeFixture lake) : IClassFixture<SampleLakeFixture>
{
    private IQueryEngine Engine => lake.State.Get<IQueryEngine>();

    private static long BytesOf(string folder) =>
        Directory.GetFiles(Path.Combine(SampleLakeSeeder.ShippedFolder, "sales", "orders", folder), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    [Fact]
    public async Task PartitionFilter_ReadsOnlyThatPartitionsFiles()
    {
        var all = await Engine.SucceedAsync(Callers.Viewer, "SELECT count(*) FROM orders");
        var pruned = await Engine.SucceedAsync(Callers.Viewer, "SELECT count(*) FROM samples.orders WHERE year = '2024'");

        Assert.Equal(BytesOf(""), all.Statistics.DataScannedInBytes);
        Assert.Equal(BytesOf("year=2024"), pruned.Statistics.DataScannedInBytes);
        Assert.True(pruned.Statistics.DataScannedInBytes < all.Statistics.DataScannedInBytes);
        var lines = Directory.GetFiles(Path.Combine(SampleLakeSeeder.ShippedFolder, "sales", "orders", "year=2024"), "*.csv", SearchOption.AllDirectories)
            .Sum(f => File.ReadAllLines(f).Length - 1);
        var rows = await Engine.ReadResultsAsync(Callers.Viewer, pruned.Id, 0, 10, Callers.Token);
        Assert.Equal(lines.ToString(System.Globalization.CultureInfo.InvariantCulture), rows.Rows[0][0]);
        Assert.Equal([new ResultColumn("count_star()", "bigint")], rows.Columns);
    }

    [Fact]
    public async Task PartitionsPrunedBeforeDuckDb_GiveTheSameRows_AsAShapeThatIsNotPruned()
    {
        var pruned = await Engine.RowsAsync(Callers.Viewer, "SELECT count(*), sum(quantity) FROM orders o WHERE o.year IN ('2024', '2025') AND quantity > 1");
        var unpruned = await Engine.RowsAsync(Callers.Viewer, "SELECT count(*), sum(quantity) FROM orders WHERE (year IN ('2024', '2025') OR order_id < 0) AND quantity > 1");
        var none = await Engine.SucceedAsync(Callers.Viewer, "SELECT order_id, quantity FROM orders WHERE year = '1999'");
        var noneRows = await Engine.ReadResultsAsync(Callers.Viewer, none.Id, 0, 10, Callers.Token);

        Assert.Equal(unpruned, pruned);
        Assert.NotEqual("0", pruned[0][0]);
        Assert.Empty(noneRows.Rows);
        Assert.Equal([new ResultColumn("order_id", "bigint"), new ResultColumn("quantity", "bigint")], noneRows.Columns);
        Assert.Equal(0, none.Statistics.DataScannedInBytes);
    }

    [Theory]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')", "read_csv")]
    [InlineData("SELECT * FROM read_text('/etc/passwd')", "read_text")]
    [InlineData("SELECT * FROM glob('/etc/*')", "glob")]
    [InlineData("SELECT * FROM read_csv('https://example.com/data.csv')", "read_csv")]
    [InlineData("SELECT * FROM read_parquet('http://169.254.169.254/latest/meta-data')", "read_parquet")]
    [InlineData("SELECT * FROM pragma_version()", "pragma_version")]
    [InlineData("SELECT 1 FROM orders WHERE EXISTS (SELECT * FROM duckdb_settings())", "duckdb_settings")]
    [InlineData("WITH x AS (SELECT * FROM read_json_auto('s3://bucket/x.json')) SELECT * FROM x", "read_json_auto")]
    public async Task TableFunctions_InsideASelect_AreRefused_NamingTheFunction(string sql, string function)
    {
        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => Engine.StartAsync(Callers.Admin, new QueryRequest(sql, "samples"), Callers.Token));
        Assert.StartsWith($"The table function {function}()", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM '/etc/passwd'")]
    [InlineData("SELECT * FROM 'https://example.com/data.csv'")]
    [InlineData("SELECT * FROM read_csv_auto")]
    public async Task SandboxEscape_ThroughAPathAsATable_FailsWithPermissionError(string sql)
    {
        var execution = await Engine.RunAsync(Callers.Admin, new QueryRequest(sql));
        Assert.Equal(QueryState.FAILED, execution.State);
        Assert.Equal(2, execution.Error!.ErrorCategory);
    }

    [Fact]
    public async Task UnnestAndRange_StillWork()
    {
        var rows = await Engine.RowsAsync(Callers.Viewer, "SELECT sum(x) FROM UNNEST(ARRAY[1, 2, 3]) AS t(x) CROSS JOIN range(2)");
        Assert.Equal("12", rows[0][0]);
    }

    [Theory]
    [InlineData("COPY (SELECT 1) TO '/tmp/x.csv'", "COPY")]
    [InlineData("ATTACH '/tmp/x.db'", "ATTACH")]
    [InlineData("INSTALL httpfs", "INSTALL")]
    [InlineData("LOAD httpfs", "LOAD")]
    [InlineData("SET enable_external_access = true", "SET")]
    [InlineData("PRAGMA database_list", "PRAGMA")]
    [InlineData("CALL duckdb_settings()", "CALL")]
    [InlineData("EXPORT DATABASE '/tmp/x'", "EXPORT")]
    [InlineData("CREATE MACRO m() AS 1", "CREATE MACRO")]
    [InlineData("CREATE VIEW v AS SELECT 1", "CREATE VIEW")]
    [InlineData("INSERT INTO t VALUES (1)", "INSERT")]
    [InlineData("UPDATE t SET a = 1", "UPDATE")]
    [InlineData("/* SELECT */ DELETE FROM t", "DELETE")]
    public async Task NonQueryStatements_AreRefused_NamingTheirKind(string sql, string kind)
    {
        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => Engine.StartAsync(Callers.Admin, new QueryRequest(sql), Callers.Token));
        Assert.StartsWith(kind, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithInsert_IsRefused_AsNotAQuery() =>
        await Assert.ThrowsAsync<AccessDeniedException>(() => Engine.StartAsync(Callers.Admin, new QueryRequest("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x"), Callers.Token));

    [Fact]
    public async Task SecondStatement_IsRefused_ButSemicolonsInStringsAndCommentsAreNot()
    {
        await Assert.ThrowsAsync<InvalidInputException>(() => Engine.StartAsync(Callers.Admin, new QueryRequest("SELECT 1; DROP TABLE samples.orders"), Callers.Token));
        var rows = await Engine.RowsAsync(Callers.Viewer, "SELECT ';DROP TABLE x' -- ; DROP TABLE y\n; ");
        Assert.Equal(";DROP TABLE x", rows[0][0]);
    }

    [Fact]
    public async Task ViewerAndAnalyst_CannotCreateOrDrop()
    {
        foreach (var caller in new[] { Callers.Viewer, Callers.Analyst })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Engine.StartAsync(caller, new QueryRequest("CREATE TABLE samples.x AS SELECT 1 AS a"), Callers.Token));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Engine.StartAsync(caller, new QueryRequest("DROP TABLE samples.orders", ConfirmedDestructive: true), Callers.Token));
        }
    }

    [Fact]
    public async Task CreateTableAs_WritesParquetAndRegisters_ThenDropNeedsConfirmationAndKeepsFiles()
    {
        var created = await Engine.SucceedAsync(Callers.Admin, "CREATE TABLE samples.orders_2024 AS SELECT order_id, quantity, year FROM orders WHERE year = '2024'");
        Assert.Equal(StatementType.DDL, created.StatementType);
        var table = await lake.State.Get<Lakeport.Services.Catalog.ICatalog>().GetTableAsync(Callers.Admin, "samples", "orders_2024", Callers.Token);
        Assert.Equal(["bigint", "bigint", "string"], table.Definition.StorageDescriptor.Columns.Select(c => c.Type));
        var folder = lake.State.Get<Lakeport.Services.Local.LakePaths>().Resolve(table.Definition.StorageDescriptor.Location!);
        Assert.Single(Directory.GetFiles(folder, "*.parquet"));

        var count = await Engine.RowsAsync(Callers.Viewer, "SELECT count(*), sum(quantity) FROM orders_2024");
        var expected = await Engine.RowsAsync(Callers.Viewer, "SELECT count(*), sum(quantity) FROM orders WHERE year = '2024'");
        Assert.Equal(expected[0], count[0]);

        var confirm = await Assert.ThrowsAsync<ConfirmationRequiredException>(() => Engine.StartAsync(Callers.Admin, new QueryRequest("DROP TABLE samples.orders_2024"), Callers.Token));
        Assert.Equal(ConfirmationKind.Destructive, confirm.Kind);
        var dropped = await Engine.RunAsync(Callers.Admin, new QueryRequest("DROP TABLE `samples`.`orders_2024`", ConfirmedDestructive: true));
        Assert.Equal(QueryState.SUCCEEDED, dropped.State);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => lake.State.Get<Lakeport.Services.Catalog.ICatalog>().GetTableAsync(Callers.Admin, "samples", "orders_2024", Callers.Token));
        Assert.Single(Directory.GetFiles(folder, "*.parquet"));
    }

    [Fact]
    public async Task SyntaxError_FailsWithLineAndColumn()
    {
        var execution = await Engine.RunAsync(Callers.Viewer, new QueryRequest("SELECT order_id\nFROM orders\nWHERE WHERE year = '2024'", "samples"));
        Assert.Equal(QueryState.FAILED, execution.State);
        Assert.Equal(("SYNTAX_ERROR", 3, 7), (execution.Error!.ErrorType, execution.Error.Line, execution.Error.Column));
        Assert.StartsWith("line 3:7:", execution.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM samples.no_such_table", "TABLE_NOT_FOUND", 15)]
    [InlineData("SELECT no_such_column FROM orders", "COLUMN_NOT_FOUND", 8)]
    [InlineData("SELECT CAST('abc' AS integer)", "INVALID_CAST_ARGUMENT", null)]
    public async Task UserErrors_FailClearly_WithTheirPosition(string sql, string type, int? column)
    {
        var execution = await Engine.RunAsync(Callers.Viewer, new QueryRequest(sql, "samples"));
        Assert.Equal((QueryState.FAILED, 2, type), (execution.State, execution.Error!.ErrorCategory, execution.Error.ErrorType));
        Assert.True(execution.Error.Line == 1, execution.Error.Message);
        if (column is not null)
        {
            Assert.Equal(column, execution.Error.Column);
        }
    }

    [Fact]
    public async Task Parameters_AreBoundInOrder_AndOnlyLiteralsAreAccepted()
    {
        var execution = await Engine.RunAsync(Callers.Viewer, new QueryRequest("SELECT count(*) FROM orders WHERE year = ? AND quantity > ? AND '?' = '?'", "samples", ["'2024'", "2"]));
        var expected = await Engine.RowsAsync(Callers.Viewer, "SELECT count(*) FROM orders WHERE year = '2024' AND quantity > 2");
        Assert.Equal(expected[0][0], (await Engine.ReadResultsAsync(Callers.Viewer, execution.Id, 0, 1, Callers.Token)).Rows[0][0]);

        await Assert.ThrowsAsync<InvalidInputException>(() => Engine.StartAsync(Callers.Viewer, new QueryRequest("SELECT ?", null, ["1); DROP TABLE x; --"]), Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => Engine.StartAsync(Callers.Viewer, new QueryRequest("SELECT ?, ?", null, ["1"]), Callers.Token));
    }

    [Fact]
    public async Task SyntaxError_AfterParameters_PointsIntoTheSqlAsWritten()
    {
        var sql = "SELECT ?\nFROM orders WHERE ? WHERE year = '2024'";
        var execution = await Engine.RunAsync(Callers.Viewer, new QueryRequest(sql, "samples", ["'a much longer parameter value than one character'", "12345678"]));
        Assert.Equal(QueryState.FAILED, execution.State);
        Assert.Equal(("SYNTAX_ERROR", 2, 21), (execution.Error!.ErrorType, execution.Error.Line, execution.Error.Column));

        var oneLine = await Engine.RunAsync(Callers.Viewer, new QueryRequest("SELECT ? FROM FROM orders", "samples", ["'a much longer parameter value'"]));
        Assert.Equal(("SYNTAX_ERROR", 1, 15), (oneLine.Error!.ErrorType, oneLine.Error.Line, oneLine.Error.Column));
    }

    [Fact]
    public async Task BinderError_AfterParameters_PointsIntoTheSqlAsWritten()
    {
        var execution = await Engine.RunAsync(Callers.Viewer, new QueryRequest("SELECT ?, no_such_column FROM orders", "samples", ["'a much longer parameter value'"]));
        Assert.Equal(("COLUMN_NOT_FOUND", 1, 11), (execution.Error!.ErrorType, execution.Error.Line, execution.Error.Column));
    }

    [Fact]
    public async Task ClientRequestToken_ReturnsTheFirstExecution_PerUser()
    {
        var first = await Engine.StartAsync(Callers.Viewer, new QueryRequest("SELECT 1", ClientRequestToken: "token-1"), Callers.Token);
        var again = await Engine.StartAsync(Callers.Viewer, new QueryRequest("SELECT 2", ClientRequestToken: "token-1"), Callers.Token);
        var other = await Engine.StartAsync(Callers.Analyst, new QueryRequest("SELECT 1", ClientRequestToken: "token-1"), Callers.Token);
        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
    }

    [Fact]
    public async Task Results_PageAtOffsets_AndTheDownloadIsTheFile()
    {
        var execution = await Engine.SucceedAsync(Callers.Viewer, "SELECT range AS n, 'line ' || range || chr(10) || 'with \"quote\"' AS s, CASE WHEN range % 7 = 0 THEN NULL ELSE range END AS maybe FROM range(25000)");
        Assert.Equal(25000, execution.Statistics.ResultRows);
        foreach (var start in new[] { 0L, 999, 1000, 12345, 24990 })
        {
            var page = await Engine.ReadResultsAsync(Callers.Viewer, execution.Id, start, 20, Callers.Token);
            Assert.Equal(Math.Min(20, 25000 - start), page.Rows.Count);
            for (var i = 0; i < page.Rows.Count; i++)
            {
                var n = start + i;
                Assert.Equal([$"{n}", $"line {n}\nwith \"quote\"", n % 7 == 0 ? null : $"{n}"], page.Rows[i]);
            }
        }

        await using var download = await Engine.OpenResultFileAsync(Callers.Viewer, execution.Id, Callers.Token);
        using var copy = new MemoryStream();
        await download.CopyToAsync(copy, Callers.Token);
        var path = lake.State.Get<Lakeport.Services.Local.LakePaths>().Resolve(execution.OutputLocation);
        Assert.Equal(await File.ReadAllBytesAsync(path, Callers.Token), copy.ToArray());
        var text = Encoding.UTF8.GetString(copy.ToArray());
        Assert.StartsWith("\"n\",\"s\",\"maybe\"\n\"0\",\"line 0\nwith \"\"quote\"\"\",\n\"1\",", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnicodeBinaryAndNestedColumns_HaveAthenaTypesAndText()
    {
        var execution = await Engine.SucceedAsync(Callers.Viewer,
            "SELECT 'é' AS \"名前\", '\\xAA\\x01'::BLOB AS b, [{'a': [1, 2], 'b': {'c': 'x'}}] AS nested, MAP {'k': 1} AS m, 1.50::DECIMAL(10,2) AS d, DATE '2024-01-02' AS day");
        Assert.Equal(["varchar", "varbinary", "array(row(a array(integer), b row(c varchar)))", "map(varchar, integer)", "decimal(10,2)", "date"],
            execution.Columns!.Select(c => c.Type));
        Assert.Equal("名前", execution.Columns![0].Name);
        var row = (await Engine.ReadResultsAsync(Callers.Viewer, execution.Id, 0, 1, Callers.Token)).Rows[0];
        Assert.Equal(["é", "aa 01", "[{a=[1, 2], b={c=x}}]", "{k=1}", "1.50", "2024-01-02"], row);
    }

    [Fact]
    public async Task Statement_OverTheSizeLimit_IsRefused()
    {
        var sql = "SELECT '" + new string('x', 300 * 1024) + "'";
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => Engine.StartAsync(Callers.Viewer, new QueryRequest(sql), Callers.Token));
        Assert.Contains("262,144", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_InterruptsTheEngine_AndCancels()
    {
        var execution = await Engine.StartAsync(Callers.Viewer, new QueryRequest("SELECT count(*) FROM range(100000000000) a WHERE a.range % 3 = 1"), Callers.Token);
        await WaitRunningAsync(execution.Id);
        await Engine.StopAsync(Callers.Admin, execution.Id, Callers.Token);
        var stopped = await Engine.WaitAsync(Callers.Viewer, execution.Id, 20);
        Assert.Equal(QueryState.CANCELLED, stopped.State);
        Assert.Contains("adam", stopped.StateChangeReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_EndsWhenTheStatementEnds_OrGivesItBackUnfinishedWhenTheSpanRunsOut()
    {
        var execution = await Engine.StartAsync(Callers.Viewer, new QueryRequest("SELECT count(*) FROM range(100000000000) a WHERE a.range % 3 = 1"), Callers.Token);
        await WaitRunningAsync(execution.Id);
        Assert.Equal(QueryState.RUNNING, (await Engine.WaitAsync(Callers.Viewer, execution.Id, TimeSpan.FromMilliseconds(200), Callers.Token)).State);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => Engine.WaitAsync(Callers.Analyst, execution.Id, TimeSpan.FromSeconds(1), Callers.Token));

        // A wait of ten minutes, begun before the stop: only the statement's end can end it within the minute.
        var waiting = Engine.WaitAsync(Callers.Viewer, execution.Id, TimeSpan.FromMinutes(10), Callers.Token);
        await Engine.StopAsync(Callers.Viewer, execution.Id, Callers.Token);
        var ended = await waiting.WaitAsync(TimeSpan.FromMinutes(1), Callers.Token);
        Assert.Equal(QueryState.CANCELLED, ended.State);

        var finished = await Engine.WaitAsync(Callers.Viewer, execution.Id, TimeSpan.FromMinutes(10), Callers.Token).WaitAsync(TimeSpan.FromMinutes(1), Callers.Token);
        Assert.Equal(QueryState.CANCELLED, finished.State);
    }

    [Fact]
    public async Task RunningStatement_ShowsHowFarItHasGot_ToItsOwnerAndInTheRunningList_AndNotOnceItEnds()
    {
        var execution = await Engine.StartAsync(Callers.Viewer, new QueryRequest("SELECT range AS n, range * 2 AS twice FROM range(100000000000)"), Callers.Token);
        var first = await ProgressAsync(execution.Id, p => p.RowsWritten > 0);
        var later = await ProgressAsync(execution.Id, p => p.RowsWritten > first.RowsWritten);
        var listed = await Engine.ListAsync(Callers.Admin, new QueryListFilter(AllUsers: true, RunningOnly: true), new PageRequest(), Callers.Token);
        await Engine.StopAsync(Callers.Viewer, execution.Id, Callers.Token);
        var stopped = await Engine.WaitAsync(Callers.Viewer, execution.Id, 20);

        // DuckDB measures no progress on range(): rows written, no percentage (QueryLimitsTests has a table's).
        Assert.Null(later.Percentage);
        Assert.NotNull(Assert.Single(listed.Items, e => e.Id == execution.Id).Progress);
        Assert.Equal(QueryState.CANCELLED, stopped.State);
        Assert.Null(stopped.Progress);
    }

    [Fact]
    public async Task Executions_AreVisibleToTheirOwnerAndAdmins()
    {
        var mine = await Engine.SucceedAsync(Callers.Analyst, "SELECT 'mine'");
        await Assert.ThrowsAsync<EntityNotFoundException>(() => Engine.GetAsync(Callers.Viewer, mine.Id, Callers.Token));
        Assert.Equal("anna", (await Engine.GetAsync(Callers.Admin, mine.Id, Callers.Token)).SubmittedBy);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Engine.ListAsync(Callers.Viewer, new QueryListFilter(AllUsers: true), new PageRequest(), Callers.Token));
        var all = await Engine.ListAsync(Callers.Admin, new QueryListFilter(AllUsers: true, Text: "'MINE'"), new PageRequest(), Callers.Token);
        Assert.Contains(all.Items, e => e.Id == mine.Id);
        var own = await Engine.ListAsync(Callers.Viewer, new QueryListFilter(Text: "'mine'"), new PageRequest(), Callers.Token);
        Assert.DoesNotContain(own.Items, e => e.Id == mine.Id);
    }

    private async Task<QueryProgress> ProgressAsync(string id, Func<QueryProgress, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var execution = await Engine.GetAsync(Callers.Viewer, id, Callers.Token);
            Assert.False(execution.IsFinished, $"It ended {execution.State}: {execution.StateChangeReason}");
            if (execution.Progress is { } progress && until(progress))
            {
                return progress;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No such progress within 30 s; the last: {execution.Progress}");
            await Task.Delay(100, Callers.Token);
        }
    }

    private async Task WaitRunningAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await Engine.GetAsync(Callers.Admin, id, Callers.Token)).State != QueryState.RUNNING)
        {
            Assert.True(DateTime.UtcNow < deadline, "The query never started running.");
            await Task.Delay(20, Callers.Token);
        }
    }
}
