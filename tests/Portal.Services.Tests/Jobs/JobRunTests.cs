using Lakeport.Services.Jobs;
using Lakeport.Services.Jobs.Local;
using Lakeport.Services.Mapping;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Query;
using Lakeport.Services.Tests.Infrastructure;
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
        // The run keeps the Glue Studio script generated from the exact version it ran, also written where Glue would run it.
        var script = lake.Scripts.Generate(await lake.Mappings.GetAsync(Callers.Viewer, "sales", 1, Callers.Token), ScriptLanguage.PySpark);
        Assert.Equal(script, run.Script);
        Assert.Equal(script, await File.ReadAllTextAsync(lake.PathOf("s3://scripts/sales-job.py"), Callers.Token));
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
        Assert.Equal(1, await lake.MetricAsync(GlueMetricNames.RecordsRejected, run));
        Assert.Equal(4, await lake.MetricAsync(GlueMetricNames.RecordsRead, run));
        Assert.Equal(4, await lake.MetricAsync(GlueMetricNames.RecordsWritten, run));
        Assert.Equal(3, await lake.MetricAsync(GlueMetricNames.FilesWritten, run));
        Assert.True(await lake.MetricAsync(GlueMetricNames.BytesRead, run) > 0);
        Assert.True(await lake.MetricAsync(GlueMetricNames.BytesWritten, run) > 0);
        var listed = await lake.State.Get<IMetrics>().ListAsync(Callers.Viewer, null, null, [new MetricDimension(GlueMetricNames.JobRunIdDimension, run.Id)],
            new Common.PageRequest(), Callers.Token);
        Assert.Equal(GlueMetricNames.RunCounters.Order(StringComparer.Ordinal), listed.Items.Select(m => m.MetricName).Order(StringComparer.Ordinal));
        Assert.All(listed.Items, m => Assert.Equal("Glue", m.Namespace));
        Assert.All(listed.Items, m => Assert.Equal(
            [new MetricDimension("JobName", "sales-job"), new MetricDimension("JobRunId", run.Id), new MetricDimension("Type", "count")], m.Dimensions));

        var output = await lake.LogAsync(RunLog.OutputGroup, run.Id);
        Assert.Contains(output, m => m.StartsWith("Reading s3://source/sales/a.csv", StringComparison.Ordinal));
        Assert.Contains(output, m => m.StartsWith("Published 3 file(s)", StringComparison.Ordinal));
        Assert.Contains(output, m => m.StartsWith("Arguments:", StringComparison.Ordinal));
        var errors = await lake.LogAsync(RunLog.ErrorGroup, run.Id);
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
    public async Task Run_HostileSourceColumnNames_AreDataNotSql()
    {
        string[] hostile = ["a\"b", "x'); DROP TABLE t; --", "semi;colon", "dot.name", "ünï cødé"];
        await using var lake = await JobLake.CreateAsync();
        await lake.CreateCsvSourceAsync(hostile);
        lake.Write("s3://source/sales/a.csv", "h1,h2,h3,h4,h5\n1,2,3,4,5\n");
        await lake.SaveMappingAsync("m",
        [
            new("a\"b", "string", "col_quote", "int"),
            new("x'); DROP TABLE t; --", "string", "col_injection", "int"),
            new("semi;colon", "string", "col_semicolon", "string"),
            new("`dot.name`", "string", "col_dot_name", "bigint"),
            new("ünï cødé", "string", "col_unicode", "int"),
        ]);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);

        var run = await lake.RunAsync("j");

        Assert.True(run.State == JobRunState.SUCCEEDED, run.ErrorMessage);
        var rows = await lake.State.Get<IQueryEngine>().RowsAsync(Callers.Analyst, "SELECT col_quote, col_injection, col_semicolon, col_dot_name, col_unicode FROM curated.sales_typed", null);
        Assert.Equal([["1", "2", "3", "4", "5"]], rows.Select(r => r.ToList()).ToList());
    }

    /// <summary>
    /// The editor refuses target names Athena cannot use, but Glue takes any name in a script's ApplyMapping: a script
    /// job brings such names to the run unvalidated, so there they must stay data too.
    /// </summary>
    [Fact]
    public async Task Run_ScriptWithHostileTargetNames_WritesThemAsData()
    {
        string[] hostile = ["a\"b", "x'); DROP TABLE t; --", "semi;colon", "dot.name", "ünï cødé"];
        await using var lake = await JobLake.CreateAsync();
        await lake.CreateCsvSourceAsync(hostile);
        lake.Write("s3://source/sales/a.csv", "h1,h2,h3,h4,h5\n1,2,3,4,5\n");
        var definition = new MappingDefinition("m", null, JobLake.SourceDb, JobLake.SourceTable,
            new MappingTarget(JobLake.TargetDb, "sales_typed", "s3://curated/sales_typed/", TargetFormat.Parquet, "snappy", []),
            [
                new("a\"b", "string", "q\"uote", "int"),
                new("x'); DROP TABLE t; --", "string", "x'); DROP TABLE t; --", "int"),
                new("semi;colon", "string", "semi;colon", "string"),
                new("`dot.name`", "string", "dot.name", "bigint"),
                new("ünï cødé", "string", "ünï cødé", "int"),
            ], MappingOptions.Default);
        lake.Write("s3://scripts/hostile.py", lake.Scripts.Generate(new MappingVersion("m", 1, definition, "anna", DateTimeOffset.UnixEpoch, null), ScriptLanguage.PySpark));
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", null, scriptLocation: "s3://scripts/hostile.py"), Callers.Token);

        var run = await lake.RunAsync("j");

        Assert.True(run.State == JobRunState.SUCCEEDED, run.ErrorMessage);
        var rows = await lake.State.Get<IQueryEngine>().RowsAsync(Callers.Analyst,
            "SELECT \"q\"\"uote\", \"x'); drop table t; --\", \"semi;colon\", \"dot.name\", \"ünï cødé\" FROM curated.sales_typed", null);
        Assert.Equal([["1", "2", "3", "4", "5"]], rows.Select(r => r.ToList()).ToList());
    }

    [Fact]
    public async Task Run_NestedPathAndArrayColumn_ReadStructFieldsAndKeepElements()
    {
        await using var lake = await JobLake.CreateAsync();
        await lake.Catalog.CreateTableAsync(Callers.Admin, JobLake.SourceDb, Services.Catalog.TableDefinition.Create(JobLake.SourceTable,
            new Services.Catalog.StorageDescriptor([new("customer", "struct<name:string,city:string>"), new("items", "array<struct<sku:string>>")], "s3://source/sales/",
                null, null, false, -1, new Services.Catalog.SerDeInfo(null, "org.openx.data.jsonserde.JsonSerDe", new Dictionary<string, string>()), new Dictionary<string, string>()),
            parameters: new Dictionary<string, string> { ["classification"] = "json" }), Callers.Token);
        lake.Write("s3://source/sales/a.json", """{"customer": {"name": "Ann", "city": "Oslo"}, "items": [{"sku": "A1"}, {"sku": "B2"}]}""" + "\n");
        await lake.SaveMappingAsync("m",
            [new("customer.city", "string", "city", "string"), new("items", "array<struct<sku:string>>", "items", "array<struct<sku:string>>")]);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);

        var run = await lake.RunAsync("j");

        Assert.True(run.State == JobRunState.SUCCEEDED, run.ErrorMessage);
        var rows = await lake.State.Get<IQueryEngine>().RowsAsync(Callers.Analyst, "SELECT city, cardinality(items), items[2].sku FROM curated.sales_typed", null);
        Assert.Equal([["Oslo", "2", "B2"]], rows.Select(r => r.ToList()).ToList());
    }

    /// <summary>The editor refuses a target outside the lake; a script job's sink path reaches the run as written, and the run refuses it.</summary>
    [Fact]
    public async Task Run_ScriptWithTargetOutsideTheLake_FailsNamingTheLocation()
    {
        await using var lake = await SalesLakeAsync();
        var script = lake.Scripts.Generate(await lake.Mappings.GetAsync(Callers.Viewer, "sales", 1, Callers.Token), ScriptLanguage.PySpark);
        Assert.Contains("s3://curated/sales_typed/", script, StringComparison.Ordinal);
        lake.Write("s3://scripts/escape.py", script.Replace("s3://curated/sales_typed/", "s3://curated/../../../etc/", StringComparison.Ordinal));
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", null, scriptLocation: "s3://scripts/escape.py"), Callers.Token);

        var run = await lake.RunAsync("j");

        Assert.Equal(JobRunState.FAILED, run.State);
        Assert.Contains("s3://curated/../../../etc/", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(lake.FilesUnder("s3://curated/"));
    }

    [Fact]
    public async Task Run_ScriptOnlyJob_RunsAGeneratedGlueScript_AndFailsClearlyOnOneWithAJoin()
    {
        await using var lake = await SalesLakeAsync();
        var script = lake.Scripts.Generate(await lake.Mappings.GetAsync(Callers.Viewer, "sales", 1, Callers.Token), ScriptLanguage.PySpark);
        lake.Write("s3://scripts/good.py", script);
        lake.Write("s3://scripts/join.py", WithJoin);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("good", null, scriptLocation: "s3://scripts/good.py"), Callers.Token);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("join", null, scriptLocation: "s3://scripts/join.py"), Callers.Token);

        var good = await lake.RunAsync("good");
        var join = await lake.RunAsync("join");

        Assert.True(good.State == JobRunState.SUCCEEDED, good.ErrorMessage);
        Assert.Null(good.MappingVersion);
        Assert.Equal(script, good.Script);
        var rows = await lake.State.Get<IQueryEngine>().RowsAsync(Callers.Analyst, "SELECT count(*), sum(id) FROM curated.sales_typed", null);
        Assert.Equal([["4", "10"]], rows.Select(r => r.ToList()).ToList());
        Assert.Equal(JobRunState.FAILED, join.State);
        Assert.Contains("not runnable locally", join.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Join (line 18)", join.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(WithJoin, join.Script);
        Assert.Equal(4, await lake.MetricAsync(GlueMetricNames.RecordsWritten, good));
        Assert.Equal(0, await lake.MetricAsync(GlueMetricNames.RecordsRead, join));
    }

    /// <summary>A Glue Studio script that joins two catalog tables before its ApplyMapping: it runs on Glue, not locally.</summary>
    private const string WithJoin = """
        import sys
        from awsglue.transforms import *
        from awsglue.utils import getResolvedOptions
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        from awsglue.job import Job

        args = getResolvedOptions(sys.argv, ["JOB_NAME"])
        sc = SparkContext()
        glueContext = GlueContext(sc)
        spark = glueContext.spark_session
        job = Job(glueContext)
        job.init(args["JOB_NAME"], args)

        Sales_node1 = glueContext.create_dynamic_frame.from_catalog(database="raw", table_name="sales", transformation_ctx="Sales_node1")
        Returns_node2 = glueContext.create_dynamic_frame.from_catalog(database="raw", table_name="returns", transformation_ctx="Returns_node2")
        # Script generated for node Join
        Join_node3 = Join.apply(frame1=Sales_node1, frame2=Returns_node2, keys1=["id"], keys2=["id"], transformation_ctx="Join_node3")
        ChangeSchema_node4 = ApplyMapping.apply(frame=Join_node3, mappings=[("id", "string", "id", "bigint")], transformation_ctx="ChangeSchema_node4")
        AmazonS3_node5 = glueContext.getSink(path="s3://curated/joined/", connection_type="s3", updateBehavior="UPDATE_IN_DATABASE", partitionKeys=[], enableUpdateCatalog=True, transformation_ctx="AmazonS3_node5")
        AmazonS3_node5.setCatalogInfo(catalogDatabase="curated", catalogTableName="joined")
        AmazonS3_node5.setFormat("glueparquet", compression="snappy")
        AmazonS3_node5.writeFrame(ChangeSchema_node4)
        job.commit()
        """;

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
