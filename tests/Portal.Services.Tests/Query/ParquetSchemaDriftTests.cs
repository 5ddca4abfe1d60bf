using DuckDB.NET.Data;
using Lakeport.Services.Catalog;
using Lakeport.Services.Crawling;
using Lakeport.Services.Local;
using Lakeport.Services.Query;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Query;

/// <summary>
/// The engine first reads a Parquet table's files as one schema (so pruning opens only the kept files) and falls back
/// to unifying them by name: files that differ still answer as Athena does, with NULL for a column a file lacks.
/// </summary>
public sealed class ParquetSchemaDriftTests
{
    // Enough shared columns that the crawler sees one table with partitions despite the drift.
    private const string Common = "'a' AS c1, 'b' AS c2, 'c' AS c3, 'd' AS c4, 'e' AS c5, 'f' AS c6";

    private static async Task<TestState> DriftedTableAsync()
    {
        var state = await TestState.CreateAsync();
        var lake = state.Get<LakePaths>();
        await using (var raw = new DuckDBConnection("DataSource=:memory:"))
        {
            await raw.OpenAsync(Callers.Token);
            // The first file in path order lacks `note`; a middle one holds `qty` as text; the others hold everything.
            await CopyAsync(raw, lake.Resolve("s3://shop/orders/year=2021/part.parquet"), "SELECT 1 AS id, 10 AS qty, 'EU' AS region, " + Common);
            await CopyAsync(raw, lake.Resolve("s3://shop/orders/year=2022/part.parquet"), "SELECT 2 AS id, 20 AS qty, 'US' AS region, 'two' AS note, " + Common);
            await CopyAsync(raw, lake.Resolve("s3://shop/orders/year=2023/part.parquet"), "SELECT 'two' AS note, 'US' AS region, '30' AS qty, 3 AS id, " + Common);
            await CopyAsync(raw, lake.Resolve("s3://shop/orders/year=2024/part.parquet"), "SELECT 4 AS id, 40 AS qty, 'APAC' AS region, 'four' AS note, " + Common);
        }

        await state.Get<ICatalog>().CreateDatabaseAsync(Callers.Admin, new DatabaseInput("shop"), Callers.Token);
        var crawlers = state.Get<ICrawlers>();
        await crawlers.CreateAsync(Callers.Admin, new CrawlerDefinition("shop_crawler", "shop", [new CrawlerTarget("s3://shop/orders/", [])]), Callers.Token);
        var run = await crawlers.StartAsync(Callers.Analyst, "shop_crawler", Callers.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await crawlers.GetAsync(Callers.Viewer, "shop_crawler", Callers.Token)) is not { State: CrawlerStates.Ready, LastCrawl: { } last } || last.Id != run.Id)
        {
            Assert.True(DateTime.UtcNow < deadline, "The crawl did not finish within 30 s.");
            await Task.Delay(50, Callers.Token);
        }

        var tables = await state.Get<ICatalog>().GetTablesAsync(Callers.Viewer, "shop", null, new Lakeport.Services.Common.PageRequest(), Callers.Token);
        Assert.True(tables.Items.Count == 1, string.Join("; ", tables.Items.Select(t => $"{t.Definition.Name}: {string.Join(",", t.Definition.StorageDescriptor.Columns.Select(c => c.Name + " " + c.Type))}")));
        var table = await state.Get<ICatalog>().GetTableAsync(Callers.Viewer, "shop", "orders", Callers.Token);
        Assert.Equal(["year"], table.Definition.PartitionKeys.Select(k => k.Name));
        return state;
    }

    private static async Task CopyAsync(DuckDBConnection connection, string path, string select)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var command = connection.CreateCommand();
        command.CommandText = $"COPY ({select}) TO '{path}' (FORMAT parquet)";
        await command.ExecuteNonQueryAsync(Callers.Token);
    }

    [Fact]
    public async Task WholeTable_FilesMissingAColumnOrTypingItDifferently_AnswerWithNullsAndCastValues()
    {
        await using var state = await DriftedTableAsync();
        var engine = state.Get<IQueryEngine>();

        var rows = await engine.RowsAsync(Callers.Viewer, "SELECT id, qty, region, note, year FROM orders ORDER BY id", "shop");

        Assert.Equal(
            [["1", "10", "EU", null, "2021"], ["2", "20", "US", "two", "2022"], ["3", "30", "US", "two", "2023"], ["4", "40", "APAC", "four", "2024"]],
            rows.Select(r => r.Select(v => v?.ToString()).ToList()).ToList());
    }

    [Theory]
    [InlineData("2021", "1", null)]
    [InlineData("2022", "2", "two")]
    [InlineData("2024", "4", "four")]
    public async Task PrunedToOnePartition_AnswersFromThatFileAlone(string year, string id, string? note)
    {
        await using var state = await DriftedTableAsync();
        var engine = state.Get<IQueryEngine>();

        var execution = await engine.SucceedAsync(Callers.Viewer, $"SELECT id, note FROM orders WHERE year = '{year}'", "shop");
        var rows = (await engine.ReadResultsAsync(Callers.Viewer, execution.Id, 0, 10, Callers.Token)).Rows;

        Assert.Equal([id, note], Assert.Single(rows));
        var file = new FileInfo(state.Get<LakePaths>().Resolve($"s3://shop/orders/year={year}/part.parquet"));
        Assert.Equal(file.Length, execution.Statistics.DataScannedInBytes);
    }
}
