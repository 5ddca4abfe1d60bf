using TestContext = Xunit.TestContext;
using Bunit;
using Lakeport.Portal.Components.Pages.Crawlers;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components;

/// <summary>Choosing a crawler's classifiers from those defined, and editing or deleting a crawler from its own page.</summary>
public sealed class CrawlerEditingTests
{
    private static async Task DefineAsync(CrawlerPageState state, params string[] names)
    {
        foreach (var name in names)
        {
            await state.Classifiers.CreateAsync(CrawlerPageState.Admin, new ClassifierDefinition(name, Xml: new XmlClassifierSpec("xml", "row")),
                TestContext.Current.CancellationToken);
        }
    }

    private static async Task PickAsync(IRenderedComponent<MudDialogProvider> dialogs, string name)
    {
        var picker = dialogs.FindComponents<MudSelect<string>>()
            .Single(s => s.Instance.UserAttributes.TryGetValue("data-testid", out var id) && Equals(id, "classifier-picker"));
        await dialogs.InvokeAsync(() => picker.Instance.SelectOption(name));
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=add-classifier]").Click());
    }

    private static IReadOnlyList<string?> Listed(IRenderedComponent<MudDialogProvider> dialogs) =>
        dialogs.FindAll("[data-testid=crawler-classifier]").Select(e => e.GetAttribute("data-classifier")).ToList();

    [Fact]
    public async Task CrawlerDialog_PicksDefinedClassifiers_InTheOrderTheAdminArranges()
    {
        await using var state = await CrawlerPageState.CreateAsync("adam", "Admin");
        await DefineAsync(state, "alpha", "beta", "gamma");
        var dialogs = state.Context.Render<MudDialogProvider>();
        state.Context.Render<MudPopoverProvider>();
        var page = state.Context.Render<CrawlerList>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[data-testid=create-crawler]")));
        await page.InvokeAsync(() => page.Find("button[data-testid=create-crawler]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindComponents<MudSelect<string>>(),
            s => s.Instance.UserAttributes.TryGetValue("data-testid", out var id) && Equals(id, "classifier-picker")));
        dialogs.Find("input[data-testid=crawler-name]").Change("ordered");
        dialogs.Find("input[data-testid=target-path-0]").Input("s3://demo/xml/");

        await PickAsync(dialogs, "alpha");
        await PickAsync(dialogs, "beta");
        await PickAsync(dialogs, "gamma");
        dialogs.WaitForAssertion(() => Assert.Equal(["alpha", "beta", "gamma"], Listed(dialogs)));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button[data-testid=classifier-up]")[2].Click());
        await dialogs.InvokeAsync(() => dialogs.FindAll("button[data-testid=classifier-remove]")[0].Click());
        dialogs.WaitForAssertion(() => Assert.Equal(["gamma", "beta"], Listed(dialogs)));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button[data-testid=classifier-down]")[0].Click());
        dialogs.WaitForAssertion(() => Assert.Equal(["beta", "gamma"], Listed(dialogs)));
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=crawler-save]").Click());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=crawler-row]")));
        var saved = await state.Crawlers.GetAsync(CrawlerPageState.Admin, "ordered", TestContext.Current.CancellationToken);
        Assert.Equal(["beta", "gamma"], saved.Definition.Classifiers!);
    }

    [Fact]
    public async Task Detail_ForAViewer_HasNoEditOrDelete()
    {
        await using var state = await CrawlerPageState.CreateAsync("vera", "Viewer");
        await state.CreateCrawlerAsync();

        var page = state.Context.Render<CrawlerDetail>(p => p.Add(d => d.Name, "demo_crawler"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=crawler-summary]")));
        Assert.Empty(page.FindAll("[data-testid=edit-crawler]"));
        Assert.Empty(page.FindAll("[data-testid=delete-crawler]"));
    }

    [Fact]
    public async Task Detail_Admin_EditsTheCrawler_AndTheSummaryShowsIt()
    {
        await using var state = await CrawlerPageState.CreateAsync("adam", "Admin");
        await state.CreateCrawlerAsync();
        var dialogs = state.Context.Render<MudDialogProvider>();
        state.Context.Render<MudPopoverProvider>();
        var page = state.Context.Render<CrawlerDetail>(p => p.Add(d => d.Name, "demo_crawler"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[data-testid=edit-crawler]")));

        await page.InvokeAsync(() => page.Find("button[data-testid=edit-crawler]").Click());
        dialogs.WaitForAssertion(() => Assert.Equal("demo_crawler", dialogs.Find("input[data-testid=crawler-name]").GetAttribute("value")));
        dialogs.Find("input[data-testid=crawler-prefix]").Change("raw_");
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=crawler-save]").Click());

        page.WaitForAssertion(() => Assert.Contains("raw_", page.Find("[data-testid=crawler-summary]").TextContent, StringComparison.Ordinal));
        var saved = await state.Crawlers.GetAsync(CrawlerPageState.Admin, "demo_crawler", TestContext.Current.CancellationToken);
        Assert.Equal("raw_", saved.Definition.TablePrefix);
    }

    [Fact]
    public async Task Detail_Admin_DeletesTheCrawler_AndReturnsToTheList()
    {
        await using var state = await CrawlerPageState.CreateAsync("adam", "Admin");
        await state.CreateCrawlerAsync();
        var dialogs = state.Context.Render<MudDialogProvider>();
        var page = state.Context.Render<CrawlerDetail>(p => p.Add(d => d.Name, "demo_crawler"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[data-testid=delete-crawler]")));

        await page.InvokeAsync(() => page.Find("button[data-testid=delete-crawler]").Click());
        await ClassifierPagesTests.ConfirmAsync(dialogs, "Delete");

        var navigation = state.Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Equal(navigation.BaseUri + "crawlers", navigation.Uri));
        Assert.Empty((await state.Crawlers.ListAsync(CrawlerPageState.Admin, new PageRequest(), TestContext.Current.CancellationToken)).Items);
    }
}
