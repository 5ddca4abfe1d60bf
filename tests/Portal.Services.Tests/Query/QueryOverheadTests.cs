using DuckDB.NET.Data;
using Lakeport.Services.Catalog;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Local;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Query;

/// <summary>The engine's shortcuts for speed (bench/QueryBench) answer exactly as the long way did.</summary>
public sealed class QueryOverheadTests
{
    [Fact]
    public async Task ParquetTimestampColumns_TimestampTimestampTzAndOffsetText_AllReadAsUtc()
    {
        await using var state = await TestState.CreateAsync();
        var folder = Path.Combine(state.Get<Lakeport.Services.Local.LakePaths>().LakeRoot, "times", "t");
        Directory.CreateDirectory(folder);
        await using (var raw = new DuckDBConnection("DataSource=:memory:"))
        {
            await raw.OpenAsync(Callers.Token);
            await using var command = raw.CreateCommand();
            command.CommandText = $"""
                SET TimeZone = 'UTC';
                COPY (SELECT TIMESTAMP '2024-01-01 10:00:00' AS plain, TIMESTAMPTZ '2024-01-01 10:00:00+02' AS zoned,
                             '2024-01-01 10:00:00+02:00' AS text, 'not a time' AS bad)
                TO '{Path.Combine(folder, "part.parquet")}' (FORMAT parquet)
                """;
            await command.ExecuteNonQueryAsync(Callers.Token);
        }

        var catalog = state.Get<ICatalog>();
        await catalog.CreateDatabaseAsync(Callers.Admin, new DatabaseInput("times"), Callers.Token);
        var storage = StorageDescriptor.Empty with
        {
            Columns = new[] { "plain", "zoned", "text", "bad" }.Select(n => new CatalogColumn(n, "timestamp")).ToList(), Location = "s3://times/t/",
            SerdeInfo = new SerDeInfo(null, "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", new Dictionary<string, string>()),
        };
        await catalog.CreateTableAsync(Callers.Admin, "times", TableDefinition.Create("t", storage, parameters: new Dictionary<string, string> { ["classification"] = "parquet" }), Callers.Token);

        var engine = state.Get<IQueryEngine>();
        var execution = await engine.SucceedAsync(Callers.Viewer, "SELECT plain, zoned, text, bad FROM t", "times");

        Assert.Equal(["2024-01-01 10:00:00.000", "2024-01-01 08:00:00.000", "2024-01-01 08:00:00.000", null],
            Assert.Single((await engine.ReadResultsAsync(Callers.Viewer, execution.Id, 0, 5, Callers.Token)).Rows));
        Assert.All(execution.Columns!, c => Assert.Equal("timestamp", c.Type));
    }

    [Fact]
    public void MacrosFor_AStatement_AreTheNamedOnesAndTheMacrosTheyCall()
    {
        Assert.Empty(AthenaFunctions.MacrosFor("SELECT 1"));
        var formatting = AthenaFunctions.MacrosFor("SELECT FORMAT_DATETIME(ts, 'yyyy-MM') FROM t");
        Assert.Equal(2, formatting.Count);
        Assert.StartsWith("CREATE TEMP MACRO athena_joda_format(", formatting[0], StringComparison.Ordinal);
        Assert.StartsWith("CREATE TEMP MACRO format_datetime(", formatting[1], StringComparison.Ordinal);
        Assert.Equal(AthenaFunctions.Macros.Count, AthenaFunctions.MacrosFor(string.Join(" ", AthenaFunctions.Macros)).Count);
    }
}
