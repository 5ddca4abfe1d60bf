using Lakeport.Services.Crawling;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Samples;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Monitoring;

/// <summary>Crawls write their progress and problems to /aws-glue/crawlers, stream = the crawler's name, as Glue does.</summary>
public sealed class CrawlLogTests
{
    private static async Task<Crawler> WaitForReadyAsync(ICrawlers crawlers, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var crawler = await crawlers.GetAsync(Callers.Viewer, name, Callers.Token);
            if (crawler.State == CrawlerStates.Ready && crawler.LastCrawl is { Status: not CrawlerStates.Running })
            {
                return crawler;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Crawler {name} did not finish within 30 s.");
            await Task.Delay(50, Callers.Token);
        }
    }

    private static async Task<IReadOnlyList<string>> LinesAsync(TestState state, string crawler) =>
        (await state.Get<ILogs>().GetEventsAsync(Callers.Viewer, CrawlLog.Group, crawler, null, null, null, 1000, startFromHead: true, Callers.Token))
        .Events.Select(e => e.Message).ToList();

    [Fact]
    public async Task Crawl_WritesStartTargetsCatalogChangesAndEnd_ToTheCrawlersStream()
    {
        await using var state = await TestState.CreateAsync();
        await state.Get<SampleLakeSeeder>().SeedAsync(Callers.Token);
        var crawlers = state.Get<ICrawlers>();
        await crawlers.CreateAsync(Callers.Admin, new CrawlerDefinition("samples_crawler", "samples", [new CrawlerTarget("s3://samples/", [])]), Callers.Token);

        var run = await crawlers.StartAsync(Callers.Analyst, "samples_crawler", Callers.Token);
        await WaitForReadyAsync(crawlers, "samples_crawler");

        var lines = await LinesAsync(state, "samples_crawler");
        Assert.All(lines, l => Assert.StartsWith($"[{run.Id}] ", l, StringComparison.Ordinal));
        Assert.Contains($"[{run.Id}] BENCHMARK : Running Start Crawl for Crawler samples_crawler (started by anna).", lines);
        Assert.Contains($"[{run.Id}] INFO : Crawling s3://samples/.", lines);
        Assert.Contains(lines, l => l.Contains("INFO : Database samples: tables +", StringComparison.Ordinal));
        Assert.EndsWith("BENCHMARK : Crawler has finished running and is in state READY; the crawl SUCCEEDED with 0 problem(s).", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedCrawl_WritesItsErrorAndProblems()
    {
        await using var state = await TestState.CreateAsync();
        var lake = Path.Combine(state.Root, "lake", "broken", "data");
        Directory.CreateDirectory(lake);
        await File.WriteAllTextAsync(Path.Combine(lake, "a.csv"), "id,name\n1,x\n", Callers.Token);
        await File.WriteAllBytesAsync(Path.Combine(lake, "b.bin"), [0, 1, 2, 3, 0xFF, 0xFE, 0, 0], Callers.Token);
        var crawlers = state.Get<ICrawlers>();
        // Its database is deleted after the crawler was defined: the crawl reads the files and fails at the catalog write.
        var catalog = state.Get<Lakeport.Services.Catalog.ICatalog>();
        await catalog.CreateDatabaseAsync(Callers.Admin, new Lakeport.Services.Catalog.DatabaseInput("doomed"), Callers.Token);
        await crawlers.CreateAsync(Callers.Admin, new CrawlerDefinition("broken_crawler", "doomed", [new CrawlerTarget("s3://broken/", [])]), Callers.Token);
        await catalog.DeleteDatabaseAsync(Callers.Admin, "doomed", Callers.Token);
        var problems = await CrawlWithProblemsAsync(state, crawlers);

        var lines = await LinesAsync(state, "broken_crawler");
        Assert.Contains(lines, l => l.Contains("ERROR : ", StringComparison.Ordinal) && l.Contains("doomed", StringComparison.Ordinal));
        Assert.EndsWith("the crawl FAILED.", lines[^1], StringComparison.Ordinal);
        Assert.Equal(problems, lines.Count(l => l.Contains(" WARN : ", StringComparison.Ordinal)));
    }

    private static async Task<int> CrawlWithProblemsAsync(TestState state, ICrawlers crawlers)
    {
        await crawlers.StartAsync(Callers.Analyst, "broken_crawler", Callers.Token);
        var crawler = await WaitForReadyAsync(crawlers, "broken_crawler");
        Assert.Equal(CrawlerStates.Failed, crawler.LastCrawl?.Status);
        return crawler.LastCrawl!.ProblemCount;
    }
}
