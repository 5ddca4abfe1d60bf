using Lakeport.Services.Jobs;
using Lakeport.Services.Jobs.Local;
using Lakeport.Services.Mapping;
using Lakeport.Services.Query;
using Lakeport.Services.Tests.Infrastructure;
using Lakeport.Services.Tests.Jobs.Doubles;
using Lakeport.Services.Tests.Query;

namespace Lakeport.Services.Tests.Jobs;

/// <summary>Local runs of a mapping: what lands in the target files and the catalog, casts, metrics and logs.</summary>
public sealed class JobRunTests
{
    private static readonly ColumnRule[] SalesRules =
    [
        new("id", "string", "id", "bigint"),
        new("amount", "string", "amount", "decimal(10,2)"),
        new("day", "string", "day", "date"),
        new("note", "string", "note", "string", Drop: true),
        new("year", "string", "year", "int"),
        new("month", "string", "month", "int"),
    ];

    private static async Task<JobLake> SalesLakeAsync(MappingOptions? options = null)
    {
        var lake = await JobLake.CreateAsync();
        await lake.CreateCsvSourceAsync(["id", "amount", "day", "note", "year", "month"]);
        lake.Write("s3://source/sales/a.csv", "id,amount,day,note,year,month\n1,10.50,2024-03-05,\"x, y\",2024,3\n2,abc,2024-03-06,n,2024,3\n");
        lake.Write("s3://source/sales/b.csv", "id,amount,day,note,year,month\n3,7.25,2024-04-01,n,2024,4\n4,1.00,2025-01-02,,2025,1\n");
        await lake.SaveMappingAsync("sales", SalesRules, ["year", "month"], options);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("sales-job", "sales"), Callers.Token);
        return lake;
    }

    [Fact]
    public async Task Run_MappingToPartitionedParquet_WritesTypedRowsTheQueryEngineReads()
    {
        await using var lake = await SalesLakeAsync();

        var run = await lake.RunAsync("sales-job");

        Assert.True(run.State == JobRunState.SUCCEEDED, run.ErrorMessage);
        Assert.Equal(1, run.MappingVersion);
        Assert.StartsWith(MappingScripts.Marker, run.Script, StringComparison.Ordinal);
        Assert.Matches("^jr_[0-9a-f]{64}$", run.Id);
        var files = lake.FilesUnder("s3://curated/sales_typed/");
        Assert.Equal(3, files.Count);
        Assert.All(files, f => Assert.Contains($"part-{run.Id}-", Path.GetFileName(f), StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains(Path.Combine("year=2024", "month=3"), StringComparison.Ordinal));

        // The files as written: typed columns, partition values in the folders only.
        var schema = await JobLake.ReadAsync($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{files[0]}', hive_partitioning = false))");
        Assert.Equal([["id", "BIGINT"], ["amount", "DECIMAL(10,2)"], ["day", "DATE"]], schema.Select(r => r.Select(v => v?.ToString()).ToList()).ToList());

        // And as an analyst sees them through the catalog.
        var engine = lake.State.Get<IQueryEngine>();
        var execution = await engine.SucceedAsync(Callers.Analyst, "SELECT id, amount, day, year, month FROM curated.sales_typed ORDER BY id", null);
        var result = await engine.ReadResultsAsync(Callers.Analyst, execution.Id, 0, 10, Callers.Token);
        Assert.Equal(["bigint", "decimal(10,2)", "date", "integer", "integer"], result.Columns.Select(c => c.Type));
        Assert.Equal(
            [["1", "10.50", "2024-03-05", "2024", "3"], ["2", null, "2024-03-06", "2024", "3"], ["3", "7.25", "2024-04-01", "2024", "4"], ["4", "1.00", "2025-01-02", "2025", "1"]],
            result.Rows.Select(r => r.ToList()).ToList());

        var table = await lake.Catalog.GetTableAsync(Callers.Viewer, "curated", "sales_typed", Callers.Token);
        Assert.Equal(["year", "month"], table.Definition.PartitionKeys.Select(k => k.Name));
        Assert.Equal(["id", "amount", "day"], table.Definition.StorageDescriptor.Columns.Select(c => c.Name));
        var partitions = await lake.Catalog.GetPartitionsAsync(Callers.Viewer, "curated", "sales_typed", new Common.PageRequest(), Callers.Token);
        Assert.Equal(3, partitions.Items.Count);
    }

    [Fact]
    public async Task Run_RejectedCasts_AreNullAndCounted_InMetricsAndLog()
    {
        await using var lake = await SalesLakeAsync();

        var run = await lake.RunAsync("sales-job");

        Assert.Equal(JobRunState.SUCCEEDED, run.State);
        Assert.Equal(1, lake.Metrics.Of(GlueMetricNames.RecordsRejected, run.Id));
        Assert.Equal(4, lake.Metrics.Of("glue.driver.aggregate.recordsRead", run.Id));
        Assert.Equal(4, lake.Metrics.Of("glue.driver.recordsWritten", run.Id));
        Assert.Equal(3, lake.Metrics.Of("glue.driver.filesWritten", run.Id));
        Assert.True(lake.Metrics.Of("glue.driver.aggregate.bytesRead", run.Id) > 0);
        Assert.True(lake.Metrics.Of("glue.driver.bytesWritten", run.Id) > 0);
        Assert.All(lake.Metrics.Data, d => Assert.Equal("Glue", d.Metric.Namespace));
        Assert.Contains(lake.Metrics.Data, d => d.Metric.MetricName == "glue.driver.aggregate.elapsedTime" && d.Metric.Dimensions.Contains(new("Type", "count")));

        var output = lake.Logs.Messages(RunLog.OutputGroup, $"{run.Id}-driver");
        Assert.Contains(output, m => m.StartsWith("Reading s3://source/sales/a.csv", StringComparison.Ordinal));
        Assert.Contains(output, m => m.StartsWith("Published 3 file(s)", StringComparison.Ordinal));
        Assert.Contains(output, m => m.StartsWith("Arguments:", StringComparison.Ordinal));
        var errors = lake.Logs.Messages(RunLog.ErrorGroup, $"{run.Id}-driver");
        Assert.Contains(errors, m => m.Contains("Column amount", StringComparison.Ordinal) && m.Contains("'abc'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_CastFailurePolicyFailRun_FailsNamingColumnAndValue_PublishesNothing()
    {
        await using var lake = await SalesLakeAsync(new MappingOptions(CastFailures: CastFailurePolicy.FailRun));

        var run = await lake.RunAsync("sales-job");

        Assert.Equal(JobRunState.FAILED, run.State);
        Assert.Contains("amount", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'abc'", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(lake.FilesUnder("s3://curated/"));
        Assert.Empty(Directory.GetDirectories(lake.PathOf("s3://curated/")));
        await Assert.ThrowsAsync<Common.EntityNotFoundException>(() => lake.Catalog.GetTableAsync(Callers.Viewer, "curated", "sales_typed", Callers.Token));
    }

    [Fact]
    public async Task Run_DropNullFields_LeavesOutAllNullColumns()
    {
        await using var lake = await JobLake.CreateAsync();
        await lake.CreateCsvSourceAsync(["id", "empty"]);
        lake.Write("s3://source/sales/a.csv", "id,empty\n1,\n2,\n");
        await lake.SaveMappingAsync("m", [new("id", "string", "id", "int"), new("empty", "string", "empty", "int")], options: new MappingOptions(DropNullFields: true));
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);

        var run = await lake.RunAsync("j");

        Assert.True(run.State == JobRunState.SUCCEEDED, run.ErrorMessage);
        var table = await lake.Catalog.GetTableAsync(Callers.Viewer, "curated", "sales_typed", Callers.Token);
        Assert.Equal(["id"], table.Definition.StorageDescriptor.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task Run_HostileColumnNames_AreDataNotSql()
    {
        string[] hostile = ["a\"b", "x'); DROP TABLE t; --", "semi;colon", "dot.name", "ünï cødé"];
        await using var lake = await JobLake.CreateAsync();
        await lake.CreateCsvSourceAsync(hostile);
        lake.Write("s3://source/sales/a.csv", "h1,h2,h3,h4,h5\n1,2,3,4,5\n");
        await lake.SaveMappingAsync("m",
        [
            new("a\"b", "string", "q\"uote", "int"),
            new("x'); DROP TABLE t; --", "string", "x'); DROP TABLE t; --", "int"),
            new("semi;colon", "string", "semi;colon", "string"),
            new("`dot.name`", "string", "dot.name", "bigint"),
            new("ünï cødé", "string", "ünï cødé", "int"),
        ]);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);

        var run = await lake.RunAsync("j");

        Assert.True(run.State == JobRunState.SUCCEEDED, run.ErrorMessage);
        var rows = await lake.State.Get<IQueryEngine>().RowsAsync(Callers.Analyst,
            "SELECT \"q\"\"uote\", \"x'); drop table t; --\", \"semi;colon\", \"dot.name\", \"ünï cødé\" FROM curated.sales_typed", null);
        Assert.Equal([["1", "2", "3", "4", "5"]], rows.Select(r => r.ToList()).ToList());
    }

    [Fact]
    public async Task Run_NestedAndArrayPaths_ReadStructFieldsAndElements()
    {
        await using var lake = await JobLake.CreateAsync();
        await lake.Catalog.CreateTableAsync(Callers.Admin, JobLake.SourceDb, Services.Catalog.TableDefinition.Create(JobLake.SourceTable,
            new Services.Catalog.StorageDescriptor([new("customer", "struct<name:string,city:string>"), new("items", "array<struct<sku:string>>")], "s3://source/sales/",
                null, null, false, -1, new Services.Catalog.SerDeInfo(null, "org.openx.data.jsonserde.JsonSerDe", new Dictionary<string, string>()), new Dictionary<string, string>()),
            parameters: new Dictionary<string, string> { ["classification"] = "json" }), Callers.Token);
        lake.Write("s3://source/sales/a.json", """{"customer": {"name": "Ann", "city": "Oslo"}, "items": [{"sku": "A1"}, {"sku": "B2"}]}""" + "\n");
        await lake.SaveMappingAsync("m",
            [new("customer.city", "string", "city", "string"), new("items[].sku", "array<string>", "skus", "array<string>")]);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);

        var run = await lake.RunAsync("j");

        Assert.True(run.State == JobRunState.SUCCEEDED, run.ErrorMessage);
        var rows = await lake.State.Get<IQueryEngine>().RowsAsync(Callers.Analyst, "SELECT city, cardinality(skus), skus[2] FROM curated.sales_typed", null);
        Assert.Equal([["Oslo", "2", "B2"]], rows.Select(r => r.ToList()).ToList());
    }

    [Fact]
    public async Task Run_SourceColumnGoneAfterCrawl_FailsNamingTheColumn()
    {
        await using var lake = await JobLake.CreateAsync();
        await lake.CreateCsvSourceAsync(["id"]);
        lake.Write("s3://source/sales/a.csv", "id\n1\n");
        await lake.SaveMappingAsync("m", [new("id", "string", "id", "int"), new("gone", "string", "gone", "int")]);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);

        var run = await lake.RunAsync("j");

        Assert.Equal(JobRunState.FAILED, run.State);
        Assert.Contains("no longer has the column(s) gone", run.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TargetOutsideTheLake_Fails()
    {
        await using var lake = await JobLake.CreateAsync();
        await lake.CreateCsvSourceAsync(["id"]);
        lake.Write("s3://source/sales/a.csv", "id\n1\n");
        var saved = await lake.SaveMappingAsync("m", [new("id", "string", "id", "int")]);
        await lake.Mappings.SaveAsync(Callers.Analyst, saved.Definition with { Target = saved.Definition.Target with { Location = "s3://curated/../../../etc/" } }, 1, null, Callers.Token);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m") with { MappingVersion = 2 }, Callers.Token);

        var run = await lake.RunAsync("j");

        Assert.Equal(JobRunState.FAILED, run.State);
        Assert.Contains("s3://curated/../../../etc/", run.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ScriptOnlyJob_RunsAParseableScript_AndFailsClearlyOnOneThatIsNot()
    {
        await using var lake = await SalesLakeAsync();
        var mapping = await lake.Mappings.GetAsync(Callers.Viewer, "sales", 1, Callers.Token);
        lake.Write("s3://scripts/good.py", MappingScripts.Of(mapping.Definition));
        lake.Write("s3://scripts/bad.py", "import sys\nspark.sql('SELECT 1')\n");
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("good", null, scriptLocation: "s3://scripts/good.py"), Callers.Token);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("bad", null, scriptLocation: "s3://scripts/bad.py"), Callers.Token);

        var good = await lake.RunAsync("good");
        var bad = await lake.RunAsync("bad");

        Assert.True(good.State == JobRunState.SUCCEEDED, good.ErrorMessage);
        Assert.Null(good.MappingVersion);
        Assert.Equal(MappingScripts.Of(mapping.Definition), good.Script);
        Assert.Equal(JobRunState.FAILED, bad.State);
        Assert.Contains("not runnable locally", bad.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(MappingScripts.NotRunnable, bad.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("import sys\nspark.sql('SELECT 1')\n", bad.Script);
    }

    [Fact]
    public async Task Rerun_AddsFilesBesideEarlierOnes_AndTheTargetHoldsBoth()
    {
        await using var lake = await SalesLakeAsync();

        var first = await lake.RunAsync("sales-job");
        var second = await lake.RunAsync("sales-job");

        Assert.Equal(JobRunState.SUCCEEDED, second.State);
        Assert.Equal(6, lake.FilesUnder("s3://curated/sales_typed/").Count);
        Assert.Contains(lake.FilesUnder("s3://curated/sales_typed/"), f => f.Contains(first.Id, StringComparison.Ordinal));
        var rows = await lake.State.Get<IQueryEngine>().RowsAsync(Callers.Analyst, "SELECT count(*) FROM curated.sales_typed", null);
        Assert.Equal("8", rows[0][0]);
        Assert.Empty(Directory.GetDirectories(lake.PathOf("s3://curated/"), ".lakeport-staging*"));
    }
}
