using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Local;
using Lakeport.Services.Local;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling;

/// <summary>RecrawlPolicy CRAWL_NEW_FOLDERS_ONLY over real files: only folders no successful crawl read are crawled.</summary>
public sealed class NewFoldersOnlyTests
{
    private const string Sales = "id,amount\n1,10\n2,20\n";

    private static CrawlerDefinition Crawler(string? configuration = null, string path = "s3://shop/sales/") =>
        new("shop_crawler", "shop", [new CrawlerTarget(path, [])], Configuration: configuration, RecrawlBehavior: RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY);

    private static async Task<TestState> ShopAsync()
    {
        var state = await TestState.CreateAsync();
        await state.Get<ICatalog>().CreateDatabaseAsync(Callers.Admin, new DatabaseInput("shop"), Callers.Token);
        Write(state, "s3://shop/sales/year=2022/part.csv", Sales);
        Write(state, "s3://shop/sales/year=2023/part.csv", Sales);
        return state;
    }

    private static void Write(TestState state, string s3Uri, string text)
    {
        var path = state.Get<LakePaths>().Resolve(s3Uri);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static async Task<CrawlRun> CrawlAsync(TestState state) =>
        await WaitForEndAsync(state, await state.Get<ICrawlers>().StartAsync(Callers.Analyst, "shop_crawler", Callers.Token));

    private static async Task<CrawlRun> WaitForEndAsync(TestState state, CrawlRun run)
    {
        var crawlers = state.Get<ICrawlers>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var crawler = await crawlers.GetAsync(Callers.Viewer, "shop_crawler", Callers.Token);
            if (crawler.State == CrawlerStates.Ready && crawler.LastCrawl is { Status: not CrawlerStates.Running } last && last.Id == run.Id)
            {
                return last;
            }

            Assert.True(DateTime.UtcNow < deadline, "The crawl did not finish within 30 s.");
            await Task.Delay(50, Callers.Token);
        }
    }

    [Fact]
    public async Task Recrawl_AddsOnlyTheNewPartition_AndLeavesTheChangedOldFolderUnread()
    {
        await using var state = await ShopAsync();
        var catalog = state.Get<ICatalog>();
        await state.Get<ICrawlers>().CreateAsync(Callers.Admin, Crawler(), Callers.Token);
        var first = await CrawlAsync(state);
        var before = await catalog.GetTableAsync(Callers.Viewer, "shop", "sales", Callers.Token);

        Write(state, "s3://shop/sales/year=2024/part.csv", Sales);
        Write(state, "s3://shop/sales/year=2023/part.csv", "id,amount,note\n1,10,late\n");
        var second = await CrawlAsync(state);

        Assert.Equal((CrawlerStates.Succeeded, 2, 1), (first.Status, first.FilesSeen, first.Summary?.TablesCreated));
        Assert.Equal(CrawlerStates.Succeeded, second.Status);
        Assert.Equal(1, second.FilesSeen);
        Assert.Equal((0, 0, 1, 0), (second.Summary?.TablesCreated, second.Summary?.TablesUpdated, second.Summary?.PartitionsAdded, second.Summary?.PartitionsUpdated));
        Assert.Empty(second.Summary?.Logged ?? []);
        var after = await catalog.GetTableAsync(Callers.Viewer, "shop", "sales", Callers.Token);
        Assert.Equal(before.VersionId, after.VersionId);
        Assert.Equal(["id", "amount"], after.Definition.StorageDescriptor.Columns.Select(c => c.Name));
        Assert.Equal(before.Definition.Parameters["objectCount"], after.Definition.Parameters["objectCount"]);
        var partitions = await catalog.GetPartitionsAsync(Callers.Viewer, "shop", "sales", new PageRequest(), Callers.Token);
        Assert.Equal(["2022", "2023", "2024"], partitions.Items.Select(p => p.Values.Single()));
        Assert.Equal("s3://shop/sales/year=2024/", partitions.Items[^1].StorageDescriptor.Location);
    }

    [Fact]
    public async Task Recrawl_WithNothingNew_ReadsNoFile_AndChangesNothing()
    {
        await using var state = await ShopAsync();
        await state.Get<ICrawlers>().CreateAsync(Callers.Admin, Crawler(), Callers.Token);
        await CrawlAsync(state);

        var again = await CrawlAsync(state);

        Assert.Equal((CrawlerStates.Succeeded, 0), (again.Status, again.FilesSeen));
        Assert.Equal((0, 0, 0, 0, 0), (again.Summary?.TablesCreated, again.Summary?.TablesUpdated, again.Summary?.TablesDeprecated, again.Summary?.PartitionsAdded, again.Summary?.PartitionsDeleted));
        Assert.Empty(again.Summary?.Logged ?? []);
    }

    [Fact]
    public async Task FailedCrawl_RemembersNoFolder_SoTheNextCrawlReadsThemAll()
    {
        await using var state = await ShopAsync();
        Write(state, "s3://shop/users/people.csv", "name,email,city\nann,a@x,rome\n");
        var crawlers = state.Get<ICrawlers>();
        await crawlers.CreateAsync(Callers.Admin, Crawler("""{"Version":1.0,"CrawlerOutput":{"Tables":{"TableThreshold":1}}}""", "s3://shop/"), Callers.Token);

        var failed = await CrawlAsync(state);
        var remembered = await state.Get<SqliteCrawlerStore>().CrawledFoldersAsync("shop_crawler", Callers.Token);
        await crawlers.UpdateAsync(Callers.Admin, Crawler(path: "s3://shop/"), Callers.Token);
        var next = await CrawlAsync(state);

        Assert.Equal(CrawlerStates.Failed, failed.Status);
        Assert.Empty(remembered);
        Assert.Equal((CrawlerStates.Succeeded, 3, 2), (next.Status, next.FilesSeen, next.Summary?.TablesCreated));
    }

    [Fact]
    public async Task StoppedCrawl_RemembersNoFolder()
    {
        await using var state = await ShopAsync();
        var crawlers = state.Get<ICrawlers>();
        await crawlers.CreateAsync(Callers.Admin, Crawler(), Callers.Token);
        using var stopped = new ManualResetEventSlim();
        var listed = new TaskCompletionSource();
        var hold = state.Get<CrawlProgressHub>().Subscribe("shop_crawler", p =>
        {
            if (p is { FilesClassified: 0 })
            {
                listed.TrySetResult();
                stopped.Wait(TimeSpan.FromSeconds(10));
            }
        });

        var run = await crawlers.StartAsync(Callers.Analyst, "shop_crawler", Callers.Token);
        await listed.Task.WaitAsync(TimeSpan.FromSeconds(10), Callers.Token);
        await crawlers.StopAsync(Callers.Analyst, "shop_crawler", Callers.Token);
        stopped.Set();
        hold.Dispose();
        var cancelled = await WaitForEndAsync(state, run);
        var remembered = await state.Get<SqliteCrawlerStore>().CrawledFoldersAsync("shop_crawler", Callers.Token);
        var next = await CrawlAsync(state);

        Assert.Equal(CrawlerStates.Cancelled, cancelled.Status);
        Assert.Empty(remembered);
        Assert.Equal((CrawlerStates.Succeeded, 2, 2), (next.Status, next.FilesSeen, next.Summary?.PartitionsAdded));
    }
}
