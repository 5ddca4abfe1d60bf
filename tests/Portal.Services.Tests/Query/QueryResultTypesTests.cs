using Lakeport.Services.Query;
using Lakeport.Services.Tests.Catalog.TableData;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Query;

/// <summary>
/// Result column types: taken from the running reader when it names the whole type, from DESCRIBE otherwise (an empty
/// result has no reader types), and the two must agree.
/// </summary>
public sealed class QueryResultTypesTests(SampleLakeFixture lake) : IClassFixture<SampleLakeFixture>
{
    private const string Primitives = "SELECT true AS b, 1::TINYINT AS t, 2::SMALLINT AS s, 3 AS i, 4::BIGINT AS l, 5::HUGEINT AS h, "
        + "6::UTINYINT AS ut, 7::USMALLINT AS us, 8::UINTEGER AS ui, 9::UBIGINT AS ul, 1.5::FLOAT AS f, 2.5::DOUBLE AS d, 'x' AS v, "
        + "'\\x01'::BLOB AS bl, DATE '2024-01-02' AS day, TIME '01:02:03' AS tm, TIMESTAMP '2024-01-02 03:04:05' AS ts, "
        + "TIMESTAMPTZ '2024-01-02 03:04:05+00' AS tz, INTERVAL 1 DAY AS iv, '00000000-0000-0000-0000-000000000001'::UUID AS id";

    private IQueryEngine Engine => lake.State.Get<IQueryEngine>();

    [Fact]
    public async Task PrimitiveTypes_FromTheReader_AreTheTypesDescribeGivesAnEmptyResult()
    {
        var rows = await Engine.SucceedAsync(Callers.Viewer, Primitives);
        var empty = await Engine.SucceedAsync(Callers.Viewer, Primitives + " WHERE false");

        Assert.Equal(["boolean", "tinyint", "smallint", "integer", "bigint", "bigint", "smallint", "integer", "bigint", "bigint", "real", "double",
            "varchar", "varbinary", "date", "time", "timestamp", "timestamp with time zone", "interval day to second", "varchar"], rows.Columns!.Select(c => c.Type));
        Assert.Equal(empty.Columns, rows.Columns);
        Assert.Equal(0, empty.Statistics.ResultRows);
        var row = (await Engine.ReadResultsAsync(Callers.Viewer, rows.Id, 0, 1, Callers.Token)).Rows[0];
        Assert.Equal("2024-01-02 03:04:05.000 UTC", row[17]);
    }

    [Fact]
    public async Task EmptyResult_KeepsItsHeader()
    {
        var execution = await Engine.SucceedAsync(Callers.Viewer, "SELECT 1.50::DECIMAL(10,2) AS d, [1] AS xs WHERE false");

        Assert.Equal([new ResultColumn("d", "decimal(10,2)"), new ResultColumn("xs", "array(integer)")], execution.Columns);
        var result = await Engine.ReadResultsAsync(Callers.Viewer, execution.Id, 0, 10, Callers.Token);
        Assert.Empty(result.Rows);
        Assert.Equal(execution.Columns, result.Columns);
    }

    [Fact]
    public async Task ListsAndMapsHoldingNull_AreResultsWithNullInside()
    {
        var execution = await Engine.SucceedAsync(Callers.Viewer, "SELECT [1, NULL, 3] AS xs, MAP {'a': 1, 'b': NULL} AS m, [{'k': NULL}] AS s");

        Assert.Equal([new ResultColumn("xs", "array(integer)"), new ResultColumn("m", "map(varchar, integer)"), new ResultColumn("s", "array(row(k integer))")], execution.Columns);
        var row = (await Engine.ReadResultsAsync(Callers.Viewer, execution.Id, 0, 1, Callers.Token)).Rows[0];
        Assert.Equal(["[1, null, 3]", "{a=1, b=null}", "[{k=null}]"], row);
    }
}
