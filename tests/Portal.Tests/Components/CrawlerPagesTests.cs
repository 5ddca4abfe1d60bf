using TestContext = Xunit.TestContext;
using Bunit;
using Lakeport.Portal.Components.Pages.Crawlers;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components;

/// <summary>The crawler pages over the real crawler service: who sees which action, the dialog, live progress, history.</summary>
public sealed class CrawlerPagesTests
{
    private static IRenderedComponent<CrawlerList> RenderList(CrawlerPageState state)
    {
        state.Context.Render<MudPopoverProvider>();
        return state.Context.Render<CrawlerList>();
    }

    [Fact]
    public async Task Viewer_SeesTheCrawlers_WithoutRunOrCreate()
    {
        await using var state = await CrawlerPageState.CreateAsync("vera", "Viewer");
        await state.CreateCrawlerAsync();

        var page = RenderList(state);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=crawler-row]")));
        Assert.Contains("s3://demo/data/", page.Find("[data-testid=crawlers]").TextContent, StringComparison.Ordinal);
        Assert.Equal("READY", page.Find("[data-testid=crawler-state]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=run-crawler]"));
        Assert.Empty(page.FindAll("[data-testid=create-crawler]"));
        Assert.Empty(page.FindAll("[data-testid=delete-crawler]"));
    }

    [Fact]
    public async Task Analyst_SeesRun_ButNotCreateEditOrDelete()
    {
        await using var state = await CrawlerPageState.CreateAsync("anna", "Analyst");
        await state.CreateCrawlerAsync();

        var page = RenderList(state);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=run-crawler]")));
        Assert.Empty(page.FindAll("[data-testid=create-crawler]"));
        Assert.Empty(page.FindAll("[data-testid=edit-crawler]"));
        Assert.Empty(page.FindAll("[data-testid=delete-crawler]"));
    }

    [Fact]
    public async Task Analyst_RunsACrawler_AndTheRowShowsTheFinishedCrawl()
    {
        await using var state = await CrawlerPageState.CreateAsync("anna", "Analyst");
        state.WriteLakeFile("s3://demo/data/part.csv", "id,name\n1,ann\n2,bob\n");
        await state.CreateCrawlerAsync();
        var page = RenderList(state);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=run-crawler]")));

        await page.InvokeAsync(() => page.Find("button[data-testid=run-crawler]").Click());

        page.WaitForAssertion(() => Assert.Contains("SUCCEEDED", page.Find("[data-testid=crawler-last-crawl]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));
        Assert.Equal("1 / 0", page.Find("[data-testid=crawler-tables]").TextContent.Trim());
        Assert.Equal("READY", page.Find("[data-testid=crawler-state]").TextContent.Trim());
    }

    [Fact]
    public async Task Admin_CreatesACrawler_ThroughTheDialog()
    {
        await using var state = await CrawlerPageState.CreateAsync("adam", "Admin");
        var dialogs = state.Context.Render<MudDialogProvider>();
        var page = RenderList(state);

        await page.InvokeAsync(() => page.Find("button[data-testid=create-crawler]").Click());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=crawler-name]")));
        dialogs.Find("input[data-testid=crawler-name]").Change("sales_crawler");
        dialogs.Find("input[data-testid=target-path-0]").Input("s3://demo/sales/");
        dialogs.Find("textarea[data-testid=target-exclusions-0]").Input("**/_tmp/**\n*.bak");
        dialogs.Find("input[data-testid=crawler-prefix]").Change("raw_");
        dialogs.WaitForAssertion(() => Assert.Equal("(none: Glue's defaults)", dialogs.Find("[data-testid=crawler-configuration]").TextContent.Trim()));
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=crawler-save]").Click());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=crawler-row]")));
        var saved = await state.Crawlers.GetAsync(CrawlerPageState.Admin, "sales_crawler", TestContext.Current.CancellationToken);
        Assert.Equal(("demo", "raw_"), (saved.Definition.DatabaseName, saved.Definition.TablePrefix));
        var target = saved.Definition.Targets.Single();
        Assert.Equal("s3://demo/sales/", target.Path);
        Assert.Equal(["**/_tmp/**", "*.bak"], target.Exclusions);
    }

    [Fact]
    public async Task Admin_PathOutsideTheLake_SeesTheServiceError_AndKeepsTheInput()
    {
        await using var state = await CrawlerPageState.CreateAsync("adam", "Admin");
        var dialogs = state.Context.Render<MudDialogProvider>();
        var page = RenderList(state);

        await page.InvokeAsync(() => page.Find("button[data-testid=create-crawler]").Click());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=crawler-name]")));
        dialogs.Find("input[data-testid=crawler-name]").Change("escape");
        dialogs.Find("input[data-testid=target-path-0]").Input("s3://demo/../../etc/");
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=crawler-save]").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("may not contain", dialogs.Find("[data-testid=crawler-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("escape", dialogs.Find("input[data-testid=crawler-name]").GetAttribute("value"));
        Assert.Equal("s3://demo/../../etc/", dialogs.Find("input[data-testid=target-path-0]").GetAttribute("value"));
        Assert.Empty((await state.Crawlers.ListAsync(CrawlerPageState.Admin, new PageRequest(), TestContext.Current.CancellationToken)).Items);
    }

    [Fact]
    public async Task LiveProgress_UpdatesTheRow_WhenTheHubPublishes()
    {
        await using var state = await CrawlerPageState.CreateAsync("vera", "Viewer");
        await state.CreateCrawlerAsync();
        var page = RenderList(state);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=crawler-row]")));

        state.Hub.Publish("demo_crawler", new CrawlProgress(10, 4, 1));

        page.WaitForAssertion(() => Assert.Equal("RUNNING", page.Find("[data-testid=crawler-state]").TextContent.Trim()));
        Assert.Contains("4 of 10 files classified, 1 problems", page.Find("[data-testid=crawler-live-progress]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_History_ShowsEachCrawlsProblems()
    {
        await using var state = await CrawlerPageState.CreateAsync("vera", "Viewer");
        state.WriteLakeFile("s3://demo/data/part.csv", "id,name\n1,ann\n2,bob\n");
        state.WriteLakeFile("s3://demo/data/notes.bin", "\u0001\u0002\u0003 not a data file");
        await state.CreateCrawlerAsync();
        var run = await state.CrawlAsync();

        var page = state.Context.Render<CrawlerDetail>(p => p.Add(d => d.Name, "demo_crawler"));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-row]")));
        Assert.Equal(CrawlerStates.Succeeded, page.Find("[data-testid=history-status]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=crawl-progress]"));
        Assert.Empty(page.FindAll("[data-testid=crawl-problem]"));
        await page.InvokeAsync(() => page.Find("button[data-testid=toggle-problems]").Click());
        page.WaitForAssertion(() => Assert.Equal(run.ProblemCount, page.FindAll("[data-testid=crawl-problem]").Count));
        Assert.Contains("notes.bin", page.Find("[data-testid=crawl-problems]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_TailsTheLatestCrawlsLog_WithItsProblemsAsWarnings()
    {
        await using var state = await CrawlerPageState.CreateAsync("vera", "Viewer");
        state.WriteLakeFile("s3://demo/data/part.csv", "id,name\n1,ann\n2,bob\n");
        state.WriteLakeFile("s3://demo/data/notes.bin", "\u0001\u0002\u0003 not a data file");
        await state.CreateCrawlerAsync();
        var run = await state.CrawlAsync();

        var page = state.Context.Render<CrawlerDetail>(p => p.Add(d => d.Name, "demo_crawler"));

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=log-line]"),
            l => l.TextContent.Contains("BENCHMARK : Crawler has finished running", StringComparison.Ordinal)));
        Assert.Contains(run.Id, page.Find("[data-testid=crawl-log-of]").TextContent, StringComparison.Ordinal);
        Assert.Contains(page.FindAll("[data-testid=log-line]"), l => l.TextContent.Contains("WARN : ", StringComparison.Ordinal) && l.TextContent.Contains("notes.bin", StringComparison.Ordinal));
        Assert.Contains("/aws-glue/crawlers", page.Find("[data-testid=log-tail]").Parent!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_WhileTheHubReportsProgress_ShowsTheProgressBar()
    {
        await using var state = await CrawlerPageState.CreateAsync("vera", "Viewer");
        await state.CreateCrawlerAsync();
        var page = state.Context.Render<CrawlerDetail>(p => p.Add(d => d.Name, "demo_crawler"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=crawler-summary]")));

        state.Hub.Publish("demo_crawler", new CrawlProgress(8, 3, 2));

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid=progress-classified]").TextContent));
        Assert.Equal(("8", "2"), (page.Find("[data-testid=progress-seen]").TextContent, page.Find("[data-testid=progress-problems]").TextContent));
        state.Hub.Publish("demo_crawler", null);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=crawl-progress]")));
    }
}
