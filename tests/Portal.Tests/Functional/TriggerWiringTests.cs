using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Scheduling;
using Lakeport.Services.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.Functional;

/// <summary>
/// Scheduling as the portal host wires it: the trigger service, its firer and the crawlers are the host's own
/// registrations, not a test's assembly of them.
/// </summary>
public sealed class TriggerWiringTests
{
    private const string AdminName = "tina-admin";

    [Fact]
    public async Task OnDemandTrigger_StartedByAnAdmin_RunsItsCrawl_WhichRecordsTheTrigger_AndTheFireIsInTheHistory()
    {
        // Its own portal: the crawl registers a table, which the shared portal's other tests should not see.
        await using var portal = new PortalFactory();
        portal.StartOnKestrel();
        await portal.CreateUserAsync(AdminName, PortalRole.Admin);
        var admin = new Caller(AdminName, PortalRole.Admin, "test");
        var token = TestContext.Current.CancellationToken;
        var crawlers = portal.Services.GetRequiredService<ICrawlers>();
        var triggers = portal.Services.GetRequiredService<ITriggers>();
        await crawlers.CreateAsync(admin, new CrawlerDefinition("products-crawler", "samples", [new CrawlerTarget("s3://samples/catalog/products/", [])]), token);

        await triggers.CreateAsync(admin, new TriggerDefinition("refresh-products", TriggerType.ON_DEMAND, [new TriggerAction(null, "products-crawler")]), token);
        await triggers.StartAsync(admin, "refresh-products", token);

        var crawl = await FinishedCrawlAsync(crawlers, admin, "products-crawler", token);
        Assert.Equal(CrawlerStates.Succeeded, crawl.Status);
        Assert.Equal("refresh-products", crawl.TriggerName);
        var fires = await triggers.GetFiresAsync(admin, "refresh-products", new PageRequest(null, 10), token);
        var fire = Assert.Single(fires.Items);
        Assert.Equal(FireCause.Manual, fire.Cause);
        Assert.Equal(FireOutcome.Started, fire.Outcome);
        var action = Assert.Single(fire.Actions);
        Assert.Equal("products-crawler", action.CrawlerName);
        Assert.Equal(crawl.Id, action.RunId);
        Assert.Equal(fire.Id, (await triggers.GetAsync(admin, "refresh-products", token)).LastFire?.Id);
    }

    private static async Task<CrawlRun> FinishedCrawlAsync(ICrawlers crawlers, Caller caller, string crawler, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var runs = await crawlers.GetRunsAsync(caller, crawler, new PageRequest(null, 10), cancellationToken);
            if (runs.Items is [{ Status: not CrawlerStates.Running } run])
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The triggered crawl did not finish within 30 s: {string.Join(", ", runs.Items.Select(r => r.Status))}.");
            await Task.Delay(100, cancellationToken);
        }
    }
}
