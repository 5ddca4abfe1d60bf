using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Crawling;
using Lakeport.Services.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.E2E;

/// <summary>The sample lake crawled into database <c>samples</c> (tables at level 3), for tests whose subject comes after the crawl.</summary>
public static class SampleLake
{
    public static async Task CrawlAsync(PortalFactory portal)
    {
        var crawlers = portal.Services.GetRequiredService<ICrawlers>();
        var token = TestContext.Current.CancellationToken;
        const string Name = "sample-lake";
        await crawlers.CreateAsync(Caller.System, new CrawlerDefinition(Name, "samples", [new CrawlerTarget("s3://samples/", [])],
            Configuration: """{"Version":1.0,"Grouping":{"TableLevelConfiguration":3}}"""), token);
        await crawlers.StartAsync(Caller.System, Name, token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await crawlers.GetAsync(Caller.System, Name, token) is not { State: CrawlerStates.Ready, LastCrawl.Status: not "RUNNING" })
        {
            Assert.True(DateTime.UtcNow < deadline, "The sample crawl did not finish within 30 s.");
            await Task.Delay(100, token);
        }

        Assert.Equal(CrawlerStates.Succeeded, (await crawlers.GetAsync(Caller.System, Name, token)).LastCrawl?.Status);
    }
}
