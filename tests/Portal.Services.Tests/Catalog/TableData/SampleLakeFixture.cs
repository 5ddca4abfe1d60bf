using Lakeport.Services.Crawling;
using Lakeport.Services.Samples;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Catalog.TableData;

/// <summary>The sample lake seeded and crawled once (TableLevelConfiguration 3: orders, events, products, countries) for all tests of a class.</summary>
public sealed class SampleLakeFixture : IAsyncLifetime
{
    private TestState? _state;

    public TestState State => _state ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public async ValueTask InitializeAsync()
    {
        _state = await TestState.CreateAsync();
        await _state.Get<SampleLakeSeeder>().SeedAsync(Callers.Token);
        await Crawl.RunAsync(_state, "samples", "s3://samples/", """{"Version":1.0,"Grouping":{"TableLevelConfiguration":3}}""");
    }

    public async ValueTask DisposeAsync()
    {
        if (_state is not null)
        {
            await _state.DisposeAsync();
        }
    }
}

internal static class Crawl
{
    /// <summary>Creates and runs a crawler into <paramref name="database"/>, waiting (bounded) for it to succeed.</summary>
    public static async Task RunAsync(TestState state, string database, string path, string? configuration = null)
    {
        var crawlers = state.Get<ICrawlers>();
        var name = $"{database}_crawler";
        await crawlers.CreateAsync(Callers.Admin, new CrawlerDefinition(name, database, [new CrawlerTarget(path, [])], Configuration: configuration), Callers.Token);
        await crawlers.StartAsync(Callers.Analyst, name, Callers.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var crawler = await crawlers.GetAsync(Callers.Viewer, name, Callers.Token);
            if (crawler.State == CrawlerStates.Ready && crawler.LastCrawl is { Status: not "RUNNING" } last)
            {
                Assert.Equal(CrawlerStates.Succeeded, last.Status);
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Crawler {name} did not finish within 30 s.");
            await Task.Delay(50, Callers.Token);
        }
    }
}
