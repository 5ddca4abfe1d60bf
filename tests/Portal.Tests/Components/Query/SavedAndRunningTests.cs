using TestContext = Xunit.TestContext;
using Bunit;
using Lakeport.Portal.Components.Pages.Query;
using Lakeport.Services.Query;
using Lakeport.Services.Security;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components.Query;

/// <summary>The saved queries panel (who sees and saves what) and the Admins' running queries page.</summary>
public sealed class SavedAndRunningTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static async Task SeedAsync(QueryPageState state)
    {
        var otto = new Caller("otto", PortalRole.Analyst, "test");
        await state.Saved.CreateAsync(otto, new SavedQueryInput("otto private", "SELECT 1", null), TestContext.Current.CancellationToken);
        await state.Saved.CreateAsync(otto, new SavedQueryInput("team totals", "SELECT sum(total) FROM sales.orders", "sales", Shared: true), TestContext.Current.CancellationToken);
    }

    private static string[] SavedNames(IRenderedComponent<Workbench> page) =>
        [.. page.FindAll("[data-testid=saved-item]").Select(i => i.GetAttribute("data-name")!)];

    [Fact]
    public async Task Viewer_SeesSharedQueriesOnly_AndHasNoSaveForm()
    {
        await using var state = await QueryPageState.CreateAsync("vera", PortalRole.Viewer);
        await SeedAsync(state);

        var (page, _) = state.RenderWorkbench();

        page.WaitForAssertion(() => Assert.Equal(["team totals"], SavedNames(page)), Wait);
        Assert.Empty(page.FindAll("[data-testid=save-form]"));
        Assert.Empty(page.FindAll("[data-testid=delete-saved]"));
    }

    [Fact]
    public async Task Analyst_SavesTheTabPrivatelyOrShared_AndOthersSeeOnlyTheSharedOne()
    {
        await using var state = await QueryPageState.CreateAsync("anna", PortalRole.Analyst);
        await SeedAsync(state);
        await state.OpenTabAsync("SELECT * FROM sales.orders");
        var (page, _) = state.RenderWorkbench();
        page.WaitForAssertion(() => Assert.Equal(["team totals"], SavedNames(page)), Wait);

        await SaveAsync(page, "anna private", shared: false);
        await SaveAsync(page, "anna shared", shared: true);

        page.WaitForAssertion(() => Assert.Equal(["anna private", "anna shared", "team totals"], SavedNames(page)), Wait);
        var otto = new Caller("otto", PortalRole.Analyst, "test");
        var seenByOtto = await state.Saved.ListAsync(otto, "anna", null, new Lakeport.Services.Common.PageRequest(), TestContext.Current.CancellationToken);
        var shared = Assert.Single(seenByOtto.Items);
        Assert.Equal(("anna shared", "SELECT * FROM sales.orders", "sales", "anna"), (shared.Name, shared.Sql, shared.Database, shared.Owner));
        // Only her own queries carry a delete button.
        Assert.Equal(2, page.FindAll("[data-testid=delete-saved]").Count);
    }

    [Fact]
    public async Task OpeningASavedQuery_PutsItInANewTabNamedAfterIt()
    {
        await using var state = await QueryPageState.CreateAsync("anna", PortalRole.Analyst);
        await SeedAsync(state);
        var (page, _) = state.RenderWorkbench();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=open-saved]")), Wait);

        await page.InvokeAsync(() => page.Find("[data-testid=open-saved]").Click());

        page.WaitForAssertion(() => Assert.Contains("team totals", page.FindAll("[data-testid=editor-tab]").Select(t => t.TextContent.Trim())), Wait);
        // The editor takes the tab's SQL on its next render, which can come just after the tab shows.
        page.WaitForAssertion(() => Assert.Equal("SELECT sum(total) FROM sales.orders", page.FindComponent<QueryEditor>().Instance.Sql), Wait);
    }

    [Fact]
    public async Task Admin_SeesEveryRunningQuery_WithHowFarItHasGot_AndStopsOne()
    {
        await using var state = await QueryPageState.CreateAsync("adam", PortalRole.Admin);
        var slow = state.Engine.Add(FakeQueryEngine.Execution("anna", "SELECT * FROM huge", QueryState.RUNNING, submittedAt: DateTimeOffset.UtcNow.AddSeconds(-30)) with
        {
            Progress = new QueryProgress(36.6, 11_400_000, 31_127_042, 1_204),
        });
        state.Engine.Add(FakeQueryEngine.Execution("otto", "SELECT 2", QueryState.QUEUED));
        state.Engine.Add(FakeQueryEngine.Execution("otto", "SELECT count(*) FROM range(9)", QueryState.RUNNING) with { Progress = new QueryProgress(null, 0, 0, 0) });
        state.Engine.Add(FakeQueryEngine.Execution("otto", "SELECT 3", QueryState.SUCCEEDED));
        state.Context.Render<MudPopoverProvider>();

        var page = state.Context.Render<RunningQueries>();

        page.WaitForAssertion(() => Assert.Equal(["anna", "otto", "otto"], page.FindAll("[data-testid=running-user]").Select(u => u.TextContent).Order()), Wait);
        var annaRow = page.FindAll("tr").Single(r => r.TextContent.Contains("SELECT * FROM huge", StringComparison.Ordinal));
        Assert.Equal("37%", annaRow.QuerySelector("[data-testid=query-progress-percent]")!.TextContent);
        Assert.Equal("11.4M of 31.1M rows read · 1,204 rows written", annaRow.QuerySelector("[data-testid=query-progress-rows]")!.TextContent);
        Assert.Single(page.FindAll("[data-testid=query-progress]"));
        await page.InvokeAsync(() => annaRow.QuerySelector("[data-testid=stop-query]")!.Click());

        Assert.Equal([slow.Id], state.Engine.Stopped);
        page.WaitForAssertion(() => Assert.Equal(["otto", "otto"], page.FindAll("[data-testid=running-user]").Select(u => u.TextContent)), Wait);
    }

    private static async Task SaveAsync(IRenderedComponent<Workbench> page, string name, bool shared)
    {
        await page.InvokeAsync(() => page.Find("input[data-testid=save-name]").Input(name));
        var toggle = page.FindComponent<MudSwitch<bool>>();
        await page.InvokeAsync(() => toggle.Instance.ValueChanged.InvokeAsync(shared));
        await page.InvokeAsync(() => page.Find("button[data-testid=save-query]").Click());
        page.WaitForAssertion(() => Assert.Contains(name, page.FindAll("[data-testid=saved-item]").Select(i => i.GetAttribute("data-name"))), Wait);
    }
}
