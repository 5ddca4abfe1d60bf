using Lakeport.Services.Catalog;
using Lakeport.Services.Crawling;
using Lakeport.Services.Mapping;
using Lakeport.Services.Query;
using Lakeport.Services.Samples;
using Lakeport.Services.Scheduling;
using Lakeport.Services.Tests.Infrastructure;
using Lakeport.Services.Tests.Jobs;
using Lakeport.Services.Tests.Query;

namespace Lakeport.Services.Tests.Scheduling;

/// <summary>
/// The seed's pipeline kept in sync by triggers on the real clock and the running scheduler: orders land under a
/// prefix of the sample lake → crawl → job → crawl of the target, ending with the target table queryable.
/// </summary>
public sealed class TriggerChainTests
{
    private const string Landing = "s3://samples/landing/orders/";
    private const string Target = "s3://samples/curated/orders_slim/";

    [Fact]
    public async Task DataArrival_DrivesCrawlJobCrawl_AndTheTargetTableIsQueryable()
    {
        await using var lake = await TriggerLake.CreateAsync(settings: new Dictionary<string, string?> { ["Portal:Scheduling:EventPollSeconds"] = "1" });
        await lake.State.Get<SampleLakeSeeder>().SeedAsync(Callers.Token);
        var january = await File.ReadAllTextAsync(lake.PathOf("s3://samples/sales/orders/year=2025/month=01/orders-2025-01.csv"), Callers.Token);
        var february = await File.ReadAllTextAsync(lake.PathOf("s3://samples/sales/orders/year=2025/month=02/orders-2025-02.csv"), Callers.Token);
        lake.Write(Landing + "orders-2025-01.csv", january);

        // The landing table exists before the mapping is saved (mappings are checked against the catalog), so crawl it once by hand.
        await lake.CreateCrawlerAsync("landing_crawler", Landing, "landing");
        await lake.CreateCrawlerAsync("reporting_crawler", Target, "reporting");
        var first = await lake.Crawlers.StartAsync(Callers.Analyst, "landing_crawler", Callers.Token);
        await WaitForCrawlAsync(lake, "landing_crawler", c => c.Id == first.Id);
        var catalog = lake.State.Get<ICatalog>();
        await catalog.CreateDatabaseAsync(Callers.Admin, new DatabaseInput("curated"), Callers.Token);
        var source = await catalog.GetTableAsync(Callers.Viewer, "landing", "orders", Callers.Token);
        var rules = source.Definition.StorageDescriptor.Columns.Where(c => c.Name is "order_id" or "country").Select(c => new ColumnRule(c.Name, c.Type, c.Name, c.Type)).ToList();
        await lake.State.Get<IMappings>().SaveAsync(Callers.Analyst, new MappingDefinition("orders_slim", null, "landing", "orders",
            new MappingTarget("curated", "orders_slim", Target, TargetFormat.Parquet, "snappy", []), rules, MappingOptions.Default), null, null, Callers.Token);
        await lake.Jobs.CreateAsync(Callers.Admin, JobLake.Job("slim", "orders_slim"), Callers.Token);

        await lake.Triggers.CreateAsync(Callers.Admin, new TriggerDefinition("landed", TriggerType.EVENT, [new TriggerAction(null, "landing_crawler")],
            EventPrefix: Landing, EventBatching: new EventBatchingCondition(1, 60), StartOnCreation: true), Callers.Token);
        await lake.Triggers.CreateAsync(Callers.Admin, new TriggerDefinition("crawled", TriggerType.CONDITIONAL, [new TriggerAction("slim", null)],
            Predicate: new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition(null, null, "landing_crawler", "SUCCEEDED")]), StartOnCreation: true), Callers.Token);
        await lake.Triggers.CreateAsync(Callers.Admin, new TriggerDefinition("transformed", TriggerType.CONDITIONAL, [new TriggerAction(null, "reporting_crawler")],
            Predicate: new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition("slim", "SUCCEEDED", null, null)]), StartOnCreation: true), Callers.Token);
        await lake.StartEngineAsync();

        lake.Write(Landing + "orders-2025-02.csv", february);
        var last = await WaitForCrawlAsync(lake, "reporting_crawler", c => c.TriggerName == "transformed", seconds: 90);

        Assert.Equal(CrawlerStates.Succeeded, last.Status);
        Assert.StartsWith($"1 file(s) under {Landing}", Assert.Single(await lake.FiresAsync("landed")).Detail, StringComparison.Ordinal);
        Assert.StartsWith("crawler landing_crawler SUCCEEDED", Assert.Single(await lake.FiresAsync("crawled")).Detail, StringComparison.Ordinal);
        Assert.StartsWith("job slim SUCCEEDED", Assert.Single(await lake.FiresAsync("transformed")).Detail, StringComparison.Ordinal);
        var table = await catalog.GetTableAsync(Callers.Viewer, "reporting", "orders_slim", Callers.Token);
        Assert.Equal(["order_id", "country"], table.Definition.StorageDescriptor.Columns.Select(c => c.Name));
        var expected = CountRows(january) + CountRows(february);
        var rows = await lake.State.Get<IQueryEngine>().RowsAsync(Callers.Analyst, "SELECT count(*), count(DISTINCT order_id) FROM reporting.orders_slim", "reporting");
        Assert.Equal([expected.ToString(System.Globalization.CultureInfo.InvariantCulture), expected.ToString(System.Globalization.CultureInfo.InvariantCulture)], rows.Single());
    }

    private static int CountRows(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;

    private static async Task<CrawlRun> WaitForCrawlAsync(TriggerLake lake, string crawler, Func<CrawlRun, bool> which, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var runs = await lake.Crawlers.GetRunsAsync(Callers.Viewer, crawler, new Common.PageRequest(), Callers.Token);
            if (runs.Items.FirstOrDefault(which) is { Status: not CrawlerStates.Running } run)
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Crawler {crawler} has no finished crawl as expected after {seconds} s.");
            await Task.Delay(50, Callers.Token);
        }
    }
}
