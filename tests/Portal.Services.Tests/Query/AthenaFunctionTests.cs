using Lakeport.Services.Query;
using Lakeport.Services.Tests.Catalog.TableData;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Query;

/// <summary>Each Athena (Trino) function against the answer Athena gives, run through the engine.</summary>
public sealed class AthenaFunctionTests(SampleLakeFixture lake) : IClassFixture<SampleLakeFixture>
{
    private IQueryEngine Engine => lake.State.Get<IQueryEngine>();

    [Theory]
    [InlineData("date_parse('2024-03-05 14:07:09', '%Y-%m-%d %H:%i:%s')", "2024-03-05 14:07:09.000")]
    [InlineData("date_parse('05/03/2024', '%d/%m/%Y')", "2024-03-05 00:00:00.000")]
    [InlineData("format_datetime(TIMESTAMP '2024-03-05 14:07:09', 'yyyy-MM-dd HH:mm:ss')", "2024-03-05 14:07:09")]
    [InlineData("format_datetime(TIMESTAMP '2024-03-05 14:07:09', 'dd MMM yyyy')", "05 Mar 2024")]
    [InlineData("from_iso8601_timestamp('2024-03-05T14:07:09+02:00')", "2024-03-05 12:07:09.000 UTC")]
    [InlineData("from_unixtime(1709647629)", "2024-03-05 14:07:09.000")]
    [InlineData("to_unixtime(TIMESTAMP '2024-03-05 14:07:09')", "1709647629")]
    [InlineData("date_add('day', 3, DATE '2024-02-27')", "2024-03-01")]
    [InlineData("date_add('month', 1, TIMESTAMP '2024-01-31 10:00:00')", "2024-02-29 10:00:00.000")]
    [InlineData("date_add('hour', -2, TIMESTAMP '2024-01-01 01:00:00')", "2023-12-31 23:00:00.000")]
    [InlineData("date_diff('day', TIMESTAMP '2024-01-01 23:00:00', TIMESTAMP '2024-01-02 01:00:00')", "0")]
    [InlineData("date_diff('month', DATE '2024-01-31', DATE '2024-03-01')", "1")]
    [InlineData("date_trunc('month', TIMESTAMP '2024-03-05 14:07:09')", "2024-03-01 00:00:00.000")]
    [InlineData("regexp_like('abc123', '\\d+')", "true")]
    [InlineData("regexp_extract('abc123def', '\\d+')", "123")]
    [InlineData("regexp_extract('abc', '\\d+')", null)]
    [InlineData("regexp_extract('key=val', '(\\w+)=(\\w+)', 2)", "val")]
    [InlineData("split_part('a,b,c', ',', 2)", "b")]
    [InlineData("split_part('a,b,c', ',', 5)", null)]
    [InlineData("cardinality(ARRAY[1, 2, 3])", "3")]
    [InlineData("element_at(ARRAY[10, 20, 30], 2)", "20")]
    [InlineData("element_at(ARRAY[10, 20, 30], -1)", "30")]
    [InlineData("element_at(ARRAY[10, 20, 30], 7)", null)]
    [InlineData("element_at(MAP(ARRAY['a'], ARRAY[1]), 'a')", "1")]
    [InlineData("contains(ARRAY[1, 2, 3], 2)", "true")]
    [InlineData("json_extract_scalar('{\"a\": {\"b\": \"x\"}}', '$.a.b')", "x")]
    [InlineData("json_extract_scalar('{\"a\": {\"b\": \"x\"}}', '$.a')", null)]
    [InlineData("try_cast('abc' AS integer)", null)]
    [InlineData("try_cast('42' AS integer)", "42")]
    [InlineData("7 / 2", "3")]
    [InlineData("-7 / 2", "-3")]
    [InlineData("-7 % 3", "-1")]
    [InlineData("CAST(1 AS double) / 0", "Infinity")]
    [InlineData("CAST(-1 AS double) / 0", "-Infinity")]
    [InlineData("CAST(0 AS double) / 0", "NaN")]
    [InlineData("CAST(5 AS double) % 0", "NaN")]
    [InlineData("CAST(NULL AS integer) / 0", null)]
    [InlineData("7 / CAST(NULL AS integer)", null)]
    [InlineData("date_trunc('month', DATE '2024-03-05')", "2024-03-01")]
    [InlineData("date_trunc('year', TIMESTAMP '2024-03-05 14:07:09')", "2024-01-01 00:00:00.000")]
    [InlineData("cardinality(MAP(ARRAY['a', 'b'], ARRAY[1, 2]))", "2")]
    [InlineData("cardinality(ARRAY[])", "0")]
    public async Task ScalarFunction_GivesAthenasAnswer(string expression, string? expected)
    {
        var rows = await Engine.RowsAsync(Callers.Viewer, $"SELECT {expression}");
        Assert.Equal(expected, rows[0][0]);
    }

    [Theory]
    [InlineData("SELECT 1 / 0")]
    [InlineData("SELECT 1.5 / 0")]
    [InlineData("SELECT CAST(7 AS decimal(10, 2)) / CAST(0 AS decimal(10, 2))")]
    [InlineData("SELECT 7 % 0")]
    [InlineData("SELECT mod(7, 0)")]
    [InlineData("SELECT 2.5 % 0")]
    [InlineData("SELECT sum(x / y) FROM (VALUES (4, 2), (3, 0)) AS t(x, y)")]
    [InlineData("SELECT count(*) FROM orders WHERE quantity / (quantity - quantity) > 1")]
    [InlineData("SELECT [x / 0 for x in [1, 2]]")]
    public async Task IntegerAndDecimalDivisionByZero_FailsAsInAthena(string sql)
    {
        var execution = await Engine.RunAsync(Callers.Viewer, new QueryRequest(sql, "samples"));
        Assert.Equal(QueryState.FAILED, execution.State);
        Assert.Equal((2, "DIVISION_BY_ZERO", "Division by zero"), (execution.Error!.ErrorCategory, execution.Error.ErrorType, execution.Error.Message));
    }

    [Fact]
    public async Task Division_KeepsTrinosTypes()
    {
        var execution = await Engine.SucceedAsync(Callers.Viewer, "SELECT 7 / 2 AS i, CAST(7 AS bigint) / 2 AS b, CAST(1 AS real) / 2 AS r, CAST(1 AS double) / 4 AS d, 7 % 2 AS m");
        Assert.Equal(["integer", "bigint", "real", "double", "integer"], execution.Columns!.Select(c => c.Type));
        var row = (await Engine.ReadResultsAsync(Callers.Viewer, execution.Id, 0, 1, Callers.Token)).Rows[0];
        Assert.Equal(["3", "3", "0.5", "0.25", "1"], row);
    }

    [Fact]
    public async Task DateTrunc_OfADate_IsADate_AndOfATimestamp_ATimestamp()
    {
        var execution = await Engine.SucceedAsync(Callers.Viewer, "SELECT date_trunc('month', DATE '2024-03-05') AS d, date_trunc('hour', TIMESTAMP '2024-03-05 14:07:09') AS t");
        Assert.Equal(["date", "timestamp"], execution.Columns!.Select(c => c.Type));
    }

    [Fact]
    public async Task Aggregates_GiveAthenasAnswers()
    {
        var rows = await Engine.RowsAsync(Callers.Viewer,
            "SELECT approx_distinct(x), approx_percentile(x, 0.5), arbitrary(x) IS NOT NULL, count_if(x > 2) FROM (VALUES (1), (2), (3), (4), (5)) AS t(x)");
        Assert.Equal(["5", "3", "true", "3"], rows[0]);
    }
}
