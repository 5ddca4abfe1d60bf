using Lakeport.Services.Catalog;
using Lakeport.Services.Jobs;
using Lakeport.Services.Mapping;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Jobs;

/// <summary>
/// A CSV source's number columns are first read as numbers by the CSV reader (fast); a cell that is not a number makes
/// the run read again with cells as text, where it becomes NULL, so the result is the same either way.
/// </summary>
public sealed class JobCsvCellsTests
{
    private static async Task<JobLake> NumbersLakeAsync(string csv)
    {
        var lake = await JobLake.CreateAsync();
        lake.Write("s3://source/sales/part.csv", csv);
        await lake.Catalog.CreateTableAsync(Callers.Admin, JobLake.SourceDb, TableDefinition.Create(JobLake.SourceTable,
            new StorageDescriptor([new CatalogColumn("id", "bigint"), new CatalogColumn("qty", "int"), new CatalogColumn("price", "double"), new CatalogColumn("label", "string")],
                "s3://source/sales/", "org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", false, -1,
                new SerDeInfo(null, "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", new Dictionary<string, string> { ["field.delim"] = "," }),
                new Dictionary<string, string>()),
            parameters: new Dictionary<string, string> { ["classification"] = "csv", ["skip.header.line.count"] = "1" }), Callers.Token);
        await lake.SaveMappingAsync("numbers", [
            new ColumnRule("id", "bigint", "id", "bigint"), new ColumnRule("qty", "int", "qty", "bigint"),
            new ColumnRule("price", "double", "price", "decimal(10,2)"), new ColumnRule("label", "string", "label", "string")]);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("numbers-job", "numbers"), Callers.Token);
        return lake;
    }

    private static async Task<List<string>> OutputLogAsync(JobLake lake, string runId) =>
        (await lake.State.Get<ILogs>().GetEventsAsync(Callers.Viewer, "/aws-glue/jobs/output", $"{runId}-driver", null, null, null, null, true, Callers.Token))
            .Events.Select(e => e.Message).ToList();

    [Fact]
    public async Task CleanNumbers_AreReadAsNumbers_InOnePass()
    {
        await using var lake = await NumbersLakeAsync("id,qty,price,label\n1,2,3.5,a\n2,\\N,4.25,b\n");

        var run = await lake.RunAsync("numbers-job");

        Assert.True(run.State == JobRunState.SUCCEEDED, run.ErrorMessage);
        var rows = await JobLake.ReadAsync($"SELECT id, qty, CAST(price AS VARCHAR), label FROM read_parquet('{lake.PathOf("s3://curated/sales_typed/")}*.parquet') ORDER BY id");
        Assert.Equal([[1L, 2L, "3.50", "a"], [2L, null, "4.25", "b"]], rows);
        var log = await OutputLogAsync(lake, run.Id);
        Assert.False(log.Any(m => m.Contains("reading the source again", StringComparison.Ordinal)), string.Join("\n", log));
    }

    [Fact]
    public async Task ACellThatIsNotANumber_BecomesNull_AfterTheRunReadsTheSourceAgainAsText()
    {
        await using var lake = await NumbersLakeAsync("id,qty,price,label\n1,2,3.5,a\n2,lots,4.25,b\nthree,3,1e400,c\n");

        var run = await lake.RunAsync("numbers-job");

        Assert.True(run.State == JobRunState.SUCCEEDED, run.ErrorMessage);
        var rows = await JobLake.ReadAsync($"SELECT id, qty, label FROM read_parquet('{lake.PathOf("s3://curated/sales_typed/")}*.parquet') ORDER BY label");
        Assert.Equal([[1L, 2L, "a"], [2L, null, "b"], [null, 3L, "c"]], rows);
        Assert.Contains(await OutputLogAsync(lake, run.Id), m => m.Contains("reading the source again with such cells as NULL", StringComparison.Ordinal));
        Assert.Single(Directory.GetFiles(lake.PathOf("s3://curated/sales_typed/"), "*.parquet", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task EmptyNumberCells_AreNull_AndEmptyTextStaysEmpty_AsHiveReadsThem()
    {
        await using var lake = await NumbersLakeAsync("id,qty,price,label\n1,\\N,3.5,\n2,,\\N,\\N\n");

        var run = await lake.RunAsync("numbers-job");

        Assert.True(run.State == JobRunState.SUCCEEDED, run.ErrorMessage);
        var rows = await JobLake.ReadAsync($"SELECT id, qty, price, label FROM read_parquet('{lake.PathOf("s3://curated/sales_typed/")}*.parquet') ORDER BY id");
        Assert.Equal([[1L, null, 3.5m, ""], [2L, null, null, null]], rows);
    }
}
