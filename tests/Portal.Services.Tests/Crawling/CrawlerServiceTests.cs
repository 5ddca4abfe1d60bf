using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Local;
using Lakeport.Services.Samples;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

/// <summary>Crawler definitions and real crawls of the seeded sample lake through the service.</summary>
public sealed class CrawlerServiceTests
{
    private static CrawlerDefinition SampleCrawler(string name = "samples_crawler", string path = "s3://samples/", string? configuration = """{"Version":1.0,"Grouping":{"TableLevelConfiguration":3}}""") =>
        new(name, "samples", [new CrawlerTarget(path, [])], Configuration: configuration);

    private static async Task<TestState> SeededAsync()
    {
        var state = await TestState.CreateAsync();
        await state.Get<SampleLakeSeeder>().SeedAsync(Callers.Token);
        return state;
    }

    /// <summary>Waits, bounded, for the crawl to end: crawls run in the background as they do in the portal.</summary>
    private static async Task<Crawler> WaitForReadyAsync(ICrawlers crawlers, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var crawler = await crawlers.GetAsync(Callers.Viewer, name, Callers.Token);
            if (crawler.State == CrawlerStates.Ready && crawler.LastCrawl is { Status: not "RUNNING" })
            {
                return crawler;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Crawler {name} did not finish within 30 s.");
            await Task.Delay(50, Callers.Token);
        }
    }

    [Fact]
    public async Task CrawlOfTheSampleLake_SucceedsAndFillsTheCatalog()
    {
        await using var state = await SeededAsync();
        var crawlers = state.Get<ICrawlers>();
        await crawlers.CreateAsync(Callers.Admin, SampleCrawler(), Callers.Token);

        var run = await crawlers.StartAsync(Callers.Analyst, "samples_crawler", Callers.Token);
        var crawler = await WaitForReadyAsync(crawlers, "samples_crawler");

        Assert.Equal(run.Id, crawler.LastCrawl?.Id);
        Assert.Equal(CrawlerStates.Succeeded, crawler.LastCrawl?.Status);
        Assert.Equal((4, 11), (crawler.LastCrawl?.Summary?.TablesCreated, crawler.LastCrawl?.Summary?.PartitionsAdded));
        Assert.Equal(13, crawler.LastCrawl?.FilesClassified);
        var orders = await state.Get<ICatalog>().GetTableAsync(Callers.Viewer, "samples", "orders", Callers.Token);
        Assert.Equal("samples_crawler", orders.Definition.Parameters["UPDATED_BY_CRAWLER"]);
        Assert.Equal(8, (await state.Get<ICatalog>().GetPartitionsAsync(Callers.Viewer, "samples", "orders", new PageRequest(), Callers.Token)).Items.Count);
    }

    [Fact]
    public async Task StoppedCrawl_EndsCancelled_HavingWrittenNothing()
    {
        await using var state = await SeededAsync();
        var crawlers = state.Get<ICrawlers>();
        await crawlers.CreateAsync(Callers.Admin, SampleCrawler(), Callers.Token);
        using var stopped = new ManualResetEventSlim();
        var listed = new TaskCompletionSource();
        // Hold the crawl at its first progress report (files listed, none classified) until the stop has been asked.
        using var hold = state.Get<CrawlProgressHub>().Subscribe("samples_crawler", p =>
        {
            if (p is { FilesClassified: 0 })
            {
                listed.TrySetResult();
                stopped.Wait(TimeSpan.FromSeconds(10));
            }
        });

        await crawlers.StartAsync(Callers.Analyst, "samples_crawler", Callers.Token);
        await listed.Task.WaitAsync(TimeSpan.FromSeconds(10), Callers.Token);
        await crawlers.StopAsync(Callers.Analyst, "samples_crawler", Callers.Token);
        stopped.Set();
        var crawler = await WaitForReadyAsync(crawlers, "samples_crawler");

        Assert.Equal(CrawlerStates.Cancelled, crawler.LastCrawl?.Status);
        Assert.Empty((await state.Get<ICatalog>().GetTablesAsync(Callers.Viewer, "samples", null, new PageRequest(), Callers.Token)).Items);
    }

    [Fact]
    public async Task StartingARunningCrawler_IsCrawlerRunning_StoppingAReadyOneIsCrawlerNotRunning()
    {
        await using var state = await SeededAsync();
        var crawlers = state.Get<ICrawlers>();
        await crawlers.CreateAsync(Callers.Admin, SampleCrawler(), Callers.Token);
        using var release = new ManualResetEventSlim();
        using var hold = state.Get<CrawlProgressHub>().Subscribe("samples_crawler", p =>
        {
            if (p is { FilesClassified: 0 })
            {
                release.Wait(TimeSpan.FromSeconds(10));
            }
        });

        await Assert.ThrowsAsync<CrawlerNotRunningException>(() => crawlers.StopAsync(Callers.Analyst, "samples_crawler", Callers.Token));
        await crawlers.StartAsync(Callers.Analyst, "samples_crawler", Callers.Token);
        var second = await Record.ExceptionAsync(() => crawlers.StartAsync(Callers.Analyst, "samples_crawler", Callers.Token));
        var update = await Record.ExceptionAsync(() => crawlers.UpdateAsync(Callers.Admin, SampleCrawler(), Callers.Token));
        release.Set();
        await WaitForReadyAsync(crawlers, "samples_crawler");

        Assert.IsType<CrawlerRunningException>(second);
        Assert.IsType<CrawlerRunningException>(update);
    }

    [Theory]
    [InlineData("bad name!", "s3://samples/", null, "Crawler name")]
    [InlineData("c", "s3://samples/../../etc", null, "may not contain")]
    [InlineData("c", "/etc/passwd", null, "is not an S3 location")]
    [InlineData("c", "s3://samples/", """{"Version":1.0,"Grouping":{"TableGroupingPolicy":"Whatever"}}""", "is not one Lakeport supports")]
    [InlineData("c", "s3://samples/", "{not json", "not valid JSON")]
    public async Task BadDefinition_IsInvalidInput_AndNothingIsStored(string name, string path, string? configuration, string message)
    {
        await using var state = await SeededAsync();
        var crawlers = state.Get<ICrawlers>();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => crawlers.CreateAsync(Callers.Admin, SampleCrawler(name, path, configuration), Callers.Token));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty((await crawlers.ListAsync(Callers.Viewer, new PageRequest(), Callers.Token)).Items);
    }

    [Fact]
    public async Task Roles_AdminDefines_AnalystRuns_ViewerReads()
    {
        await using var state = await SeededAsync();
        var crawlers = state.Get<ICrawlers>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => crawlers.CreateAsync(Callers.Analyst, SampleCrawler(), Callers.Token));
        await crawlers.CreateAsync(Callers.Admin, SampleCrawler(), Callers.Token);
        await Assert.ThrowsAsync<AccessDeniedException>(() => crawlers.StartAsync(Callers.Viewer, "samples_crawler", Callers.Token));
        Assert.Single((await crawlers.ListAsync(Callers.Viewer, new PageRequest(), Callers.Token)).Items);
    }

    [Fact]
    public async Task RunsLeftRunningByACrash_AreFailedAtStartUp_AndTheirCrawlersReady()
    {
        await using var state = await SeededAsync();
        var store = state.Get<SqliteCrawlerStore>();
        await state.Get<ICrawlers>().CreateAsync(Callers.Admin, SampleCrawler(), Callers.Token);
        var run = await store.TryStartAsync("samples_crawler", "anna", null, Callers.Token);

        var recovered = await store.RecoverInterruptedAsync(Callers.Token);

        var crawler = await state.Get<ICrawlers>().GetAsync(Callers.Viewer, "samples_crawler", Callers.Token);
        Assert.Equal(1, recovered);
        Assert.Equal((CrawlerStates.Ready, run?.Id, CrawlerStates.Failed), (crawler.State, crawler.LastCrawl?.Id, crawler.LastCrawl?.Status));
    }
}
