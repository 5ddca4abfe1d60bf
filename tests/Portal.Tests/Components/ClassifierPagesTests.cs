using TestContext = Xunit.TestContext;
using Bunit;
using Lakeport.Portal.Components.Pages.Classifiers;
using Lakeport.Services.Crawling;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components;

/// <summary>The classifiers page over the real classifier and crawler services: who may define, the dialog, refusals.</summary>
public sealed class ClassifierPagesTests
{
    private const string Pattern = "%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{GREEDYDATA:message}";

    private static IRenderedComponent<ClassifierList> RenderList(CrawlerPageState state)
    {
        state.Context.Render<MudPopoverProvider>();
        return state.Context.Render<ClassifierList>();
    }

    private static Task<CustomClassifier> DefineGrokAsync(CrawlerPageState state, string name = "applog") =>
        state.Classifiers.CreateAsync(CrawlerPageState.Admin, new ClassifierDefinition(name, Grok: new GrokClassifierSpec("applog", Pattern)),
            TestContext.Current.CancellationToken);

    private static Task<Crawler> CreateCrawlerNamingAsync(CrawlerPageState state, string classifier) =>
        state.Crawlers.CreateAsync(CrawlerPageState.Admin,
            new CrawlerDefinition("demo_crawler", "demo", [new CrawlerTarget("s3://demo/logs/", [])], Classifiers: [classifier]),
            TestContext.Current.CancellationToken);

    [Fact]
    public async Task Viewer_SeesTheClassifiersAndTheirCrawlers_WithoutCreateEditOrDelete()
    {
        await using var state = await CrawlerPageState.CreateAsync("vera", "Viewer");
        await DefineGrokAsync(state);
        await CreateCrawlerNamingAsync(state, "applog");

        var page = RenderList(state);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=classifier-row]")));
        Assert.Equal("Grok", page.Find("[data-testid=classifier-kind-cell]").TextContent.Trim());
        Assert.Equal(Pattern, page.Find("[data-testid=classifier-settings]").TextContent.Trim());
        Assert.Equal("demo_crawler", page.Find("[data-testid=classifier-used-by]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=create-classifier]"));
        Assert.Empty(page.FindAll("[data-testid=edit-classifier]"));
        Assert.Empty(page.FindAll("[data-testid=delete-classifier]"));
    }

    [Fact]
    public async Task Admin_CreatesAGrokClassifier_ThroughTheDialog_AndItIsListed()
    {
        await using var state = await CrawlerPageState.CreateAsync("adam", "Admin");
        var dialogs = state.Context.Render<MudDialogProvider>();
        var page = RenderList(state);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[data-testid=create-classifier]")));

        await page.InvokeAsync(() => page.Find("button[data-testid=create-classifier]").Click());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=classifier-name]")));
        dialogs.Find("input[data-testid=classifier-name]").Change("applog");
        dialogs.Find("input[data-testid=classifier-classification]").Change("applog");
        dialogs.Find("input[data-testid=classifier-grok-pattern]").Change("%{TIMESTAMP_ISO8601:ts} %{LEVEL:level} %{GREEDYDATA:message}");
        dialogs.Find("textarea[data-testid=classifier-custom-patterns]").Change("LEVEL (?:INFO|WARN|ERROR)");
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=classifier-save]").Click());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=classifier-row]")));
        Assert.Contains("(+ 1 custom patterns)", page.Find("[data-testid=classifier-settings]").TextContent, StringComparison.Ordinal);
        var saved = await state.Classifiers.GetAsync(CrawlerPageState.Admin, "applog", TestContext.Current.CancellationToken);
        Assert.Equal(new GrokClassifierSpec("applog", "%{TIMESTAMP_ISO8601:ts} %{LEVEL:level} %{GREEDYDATA:message}", "LEVEL (?:INFO|WARN|ERROR)"),
            saved.Definition.Grok);
        Assert.Empty(dialogs.FindAll("[data-testid=classifier-save]"));
    }

    [Fact]
    public async Task Admin_InvalidGrokPattern_SeesTheServiceMessage_AndKeepsTheInput()
    {
        await using var state = await CrawlerPageState.CreateAsync("adam", "Admin");
        var dialogs = state.Context.Render<MudDialogProvider>();
        var page = RenderList(state);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[data-testid=create-classifier]")));

        await page.InvokeAsync(() => page.Find("button[data-testid=create-classifier]").Click());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=classifier-name]")));
        dialogs.Find("input[data-testid=classifier-name]").Change("broken");
        dialogs.Find("input[data-testid=classifier-classification]").Change("applog");
        dialogs.Find("input[data-testid=classifier-grok-pattern]").Change("%{NO_SUCH_PATTERN:x}");
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=classifier-save]").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("%{NO_SUCH_PATTERN} is neither a custom pattern nor a standard grok pattern",
            dialogs.Find("[data-testid=classifier-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("broken", dialogs.Find("input[data-testid=classifier-name]").GetAttribute("value"));
        Assert.Equal("applog", dialogs.Find("input[data-testid=classifier-classification]").GetAttribute("value"));
        Assert.Equal("%{NO_SUCH_PATTERN:x}", dialogs.Find("input[data-testid=classifier-grok-pattern]").GetAttribute("value"));
        Assert.Empty((await state.Classifiers.ListAsync(CrawlerPageState.Admin, new(), TestContext.Current.CancellationToken)).Items);
    }

    [Fact]
    public async Task Admin_DeletingAClassifierACrawlerUses_SeesTheRefusal_AndTheClassifierStays()
    {
        await using var state = await CrawlerPageState.CreateAsync("adam", "Admin");
        await DefineGrokAsync(state);
        await CreateCrawlerNamingAsync(state, "applog");
        var dialogs = state.Context.Render<MudDialogProvider>();
        var page = RenderList(state);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=classifier-row]")));

        await page.InvokeAsync(() => page.Find("button[data-testid=delete-classifier]").Click());
        await ConfirmAsync(dialogs, "Delete");

        page.WaitForAssertion(() => Assert.Contains("is used by crawler demo_crawler",
            page.Find("[data-testid=classifier-delete-error]").TextContent, StringComparison.Ordinal));
        Assert.Single(page.FindAll("[data-testid=classifier-row]"));
        Assert.NotNull(await state.Classifiers.GetAsync(CrawlerPageState.Admin, "applog", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Admin_DeletesAnUnusedClassifier_AfterConfirming()
    {
        await using var state = await CrawlerPageState.CreateAsync("adam", "Admin");
        await DefineGrokAsync(state);
        var dialogs = state.Context.Render<MudDialogProvider>();
        var page = RenderList(state);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=classifier-row]")));

        await page.InvokeAsync(() => page.Find("button[data-testid=delete-classifier]").Click());
        await ConfirmAsync(dialogs, "Delete");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=classifier-row]")));
        Assert.Empty(page.FindAll("[data-testid=classifier-delete-error]"));
        Assert.Empty((await state.Classifiers.ListAsync(CrawlerPageState.Admin, new(), TestContext.Current.CancellationToken)).Items);
    }

    [Fact]
    public async Task Admin_EditsACsvClassifier_AndItsVersionGoesUp()
    {
        await using var state = await CrawlerPageState.CreateAsync("adam", "Admin");
        await state.Classifiers.CreateAsync(CrawlerPageState.Admin, new ClassifierDefinition("pipes", Csv: new CsvClassifierSpec(Delimiter: "|")),
            TestContext.Current.CancellationToken);
        var dialogs = state.Context.Render<MudDialogProvider>();
        var page = RenderList(state);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=classifier-row]")));

        await page.InvokeAsync(() => page.Find("button[data-testid=edit-classifier]").Click());
        dialogs.WaitForAssertion(() => Assert.Equal("|", dialogs.Find("input[data-testid=classifier-delimiter]").GetAttribute("value")));
        dialogs.Find("input[data-testid=classifier-delimiter]").Change(";");
        dialogs.Find("input[data-testid=classifier-header]").Change("id, name");
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=classifier-save]").Click());

        page.WaitForAssertion(() => Assert.Contains("delimiter ;", page.Find("[data-testid=classifier-settings]").TextContent, StringComparison.Ordinal));
        var saved = await state.Classifiers.GetAsync(CrawlerPageState.Admin, "pipes", TestContext.Current.CancellationToken);
        Assert.Equal((2L, ";"), (saved.Version, saved.Definition.Csv!.Delimiter));
        Assert.Equal(["id", "name"], saved.Definition.Csv.Header!);
    }

    /// <summary>Answers the open message box with the button of the given text.</summary>
    internal static async Task ConfirmAsync(IRenderedComponent<MudDialogProvider> dialogs, string answer)
    {
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Trim() == answer));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").First(b => b.TextContent.Trim() == answer).Click());
    }
}
