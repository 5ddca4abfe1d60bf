using Lakeport.Services.Catalog;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Jobs.Local;
using Lakeport.Services.Mapping;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Jobs;

/// <summary>Faults from outside the run: source files that vanish or change mid-run, sources that cannot be read, schemas a crawl changed.</summary>
public sealed class JobFaultTests
{
    /// <summary>Two source files and a first run that published: the state a failed second run must leave as it is.</summary>
    private static async Task<(IReadOnlyList<string> Files, string TableVersion)> PublishAsync(JobLake lake)
    {
        await lake.CreateCsvSourceAsync(["id", "amount"]);
        lake.Write("s3://source/sales/a.csv", "id,amount\n1,2.5\n2,3.5\n");
        lake.Write("s3://source/sales/b.csv", "id,amount\n3,4.5\n");
        await lake.SaveMappingAsync("m", [new ColumnRule("id", "string", "id", "bigint"), new ColumnRule("amount", "string", "amount", "double")]);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);
        var first = await lake.RunAsync("j");
        Assert.True(first.State == JobRunState.SUCCEEDED, first.ErrorMessage);
        var table = await lake.Catalog.GetTableAsync(Callers.Viewer, JobLake.TargetDb, "sales_typed", Callers.Token);
        return (lake.FilesUnder("s3://curated/"), table.VersionId);
    }

    private static async Task AssertUnchangedAsync(JobLake lake, IReadOnlyList<string> files, string tableVersion)
    {
        Assert.Equal(files, lake.FilesUnder("s3://curated/"));
        Assert.Equal([lake.PathOf("s3://curated/sales_typed")], Directory.GetDirectories(lake.PathOf("s3://curated/")));
        Assert.Equal(tableVersion, (await lake.Catalog.GetTableAsync(Callers.Viewer, JobLake.TargetDb, "sales_typed", Callers.Token)).VersionId);
    }

    [Fact]
    public async Task SourceFileDeletedBetweenListingAndReading_FailsNamingTheFile_TargetAndCatalogUnchanged()
    {
        await using var lake = await JobLake.CreateAsync();
        var (files, tableVersion) = await PublishAsync(lake);
        // The run has listed the source and logs each file it will read before DuckDB opens any of them.
        lake.Hooks.After("Reading s3://source/sales/b.csv", _ =>
        {
            File.Delete(lake.PathOf("s3://source/sales/b.csv"));
            return Task.CompletedTask;
        });

        var run = await lake.RunAsync("j");

        Assert.Equal(JobRunState.FAILED, run.State);
        Assert.Contains("The source file s3://source/sales/b.csv disappeared during the run", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, await lake.MetricAsync(GlueMetricNames.RecordsWritten, run));
        Assert.Contains(await lake.LogAsync(RunLog.ErrorGroup, run.Id), m => m.Contains("s3://source/sales/b.csv", StringComparison.Ordinal));
        await AssertUnchangedAsync(lake, files, tableVersion);
    }

    [Theory]
    [InlineData(false, "disappeared")]
    [InlineData(true, "changed")]
    public async Task SourceFileDeletedOrChangedAfterItWasRead_FailsNamingTheFile_TargetAndCatalogUnchanged(bool rewrite, string what)
    {
        await using var lake = await JobLake.CreateAsync();
        var (files, tableVersion) = await PublishAsync(lake);
        // Once the rows are staged, before publishing: what was read may be torn, so nothing may be published.
        lake.Hooks.After("Wrote ", _ =>
        {
            if (rewrite)
            {
                lake.Write("s3://source/sales/a.csv", "id,amount\n1,2.5\n2,3.5\n9,9.5\n");
            }
            else
            {
                File.Delete(lake.PathOf("s3://source/sales/a.csv"));
            }

            return Task.CompletedTask;
        });

        var run = await lake.RunAsync("j");

        Assert.Equal(JobRunState.FAILED, run.State);
        Assert.Equal($"The source file s3://source/sales/a.csv {what} during the run; nothing was published.", run.ErrorMessage);
        await AssertUnchangedAsync(lake, files, tableVersion);
    }

    [Fact]
    public async Task StartRun_ReturnsStartingBeforeTheSourceIsRead_ThenAnUnreadableSourceFailsTheRun()
    {
        await using var lake = await JobLake.CreateAsync();
        await lake.Catalog.CreateTableAsync(Callers.Admin, JobLake.SourceDb, TableDefinition.Create(JobLake.SourceTable,
            new StorageDescriptor([new("id", "bigint")], "s3://source/sales/", null, null, false, -1,
                new SerDeInfo(null, "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", new Dictionary<string, string>()), new Dictionary<string, string>()),
            parameters: new Dictionary<string, string> { ["classification"] = "parquet" }), Callers.Token);
        lake.Write("s3://source/sales/unreadable.parquet", "not parquet: no magic bytes, no footer");
        await lake.SaveMappingAsync("m", [new ColumnRule("id", "bigint", "id", "bigint")]);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);
        // Held at its first log line, before the mapping, the script or the source is touched.
        var gate = lake.Hooks.HoldAfter("Run ");

        var started = await lake.Jobs.StartRunAsync(Callers.Analyst, "j", null, null, Callers.Token);

        Assert.Equal(JobRunState.STARTING, started.State);
        await lake.WaitForLineAsync(started.Id, $"Run {started.Id} of job j started (attempt 0) by anna.");
        Assert.Equal(JobRunState.RUNNING, (await lake.Jobs.GetRunAsync(Callers.Viewer, "j", started.Id, Callers.Token)).State);
        Assert.DoesNotContain(await lake.LogAsync(RunLog.OutputGroup, started.Id), m => m.StartsWith("Source ", StringComparison.Ordinal));

        gate.SetResult();
        var done = await lake.WaitAsync("j", started.Id);

        Assert.Equal(JobRunState.FAILED, done.State);
        Assert.Contains("unreadable.parquet", done.ErrorMessage, StringComparison.Ordinal);
        var timeline = await lake.Jobs.GetRunTimelineAsync(Callers.Viewer, "j", started.Id, Callers.Token);
        Assert.Equal([JobRunState.STARTING, JobRunState.RUNNING, JobRunState.FAILED], timeline.Select(t => t.State));
        Assert.Empty(lake.FilesUnder("s3://curated/"));
    }

    [Fact]
    public async Task Run_AfterACrawlRenamedAndRemovedColumns_FailsNamingThem()
    {
        await using var lake = await JobLake.CreateAsync();
        var crawlers = lake.State.Get<ICrawlers>();
        await crawlers.CreateAsync(Callers.Admin, new CrawlerDefinition("source_crawler", JobLake.SourceDb, [new CrawlerTarget("s3://source/sales/", [])]), Callers.Token);
        lake.Write("s3://source/sales/a.csv", "id,old_name,gone\n1,x,y\n2,z,w\n");
        await CrawlAsync(lake, crawlers);
        var source = await lake.Catalog.GetTableAsync(Callers.Viewer, JobLake.SourceDb, JobLake.SourceTable, Callers.Token);
        Assert.Equal(["id", "old_name", "gone"], source.Definition.StorageDescriptor.Columns.Select(c => c.Name));
        var mapping = await lake.SaveMappingAsync("m",
            source.Definition.StorageDescriptor.Columns.Select(c => new ColumnRule(c.Name, c.Type, c.Name, c.Type)).ToList());
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("j", "m"), Callers.Token);

        lake.Write("s3://source/sales/a.csv", "id,new_name\n1,x\n2,z\n");
        await CrawlAsync(lake, crawlers);
        var run = await lake.RunAsync("j");

        Assert.Equal(JobRunState.FAILED, run.State);
        Assert.Contains("no longer has the column(s) old_name, gone", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(lake.FilesUnder("s3://curated/"));
        // The editor shows the same drift.
        var issues = await lake.Mappings.ValidateAsync(Callers.Analyst, mapping.Definition, Callers.Token);
        Assert.Contains(issues, i => i.Field == "SourceTable" && i.Message.Contains("old_name (gone), gone (gone)", StringComparison.Ordinal));
    }

    private static async Task CrawlAsync(JobLake lake, ICrawlers crawlers)
    {
        var run = await crawlers.StartAsync(Callers.Analyst, "source_crawler", Callers.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var crawler = await crawlers.GetAsync(Callers.Viewer, "source_crawler", Callers.Token);
            if (crawler.State == CrawlerStates.Ready && crawler.LastCrawl is { Status: not CrawlerStates.Running } last && last.Id == run.Id)
            {
                Assert.Equal(CrawlerStates.Succeeded, last.Status);
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The crawl did not finish within 60 s.");
            await Task.Delay(50, Callers.Token);
        }
    }
}
