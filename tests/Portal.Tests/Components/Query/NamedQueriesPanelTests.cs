using TestContext = Xunit.TestContext;
using Bunit;
using Lakeport.Portal.Components.Pages.Query;
using Lakeport.Services.Configuration;
using Lakeport.Services.Query;
using Lakeport.Services.Security;
using MudBlazor;
using MudBlazor.Extensions;

namespace Lakeport.Portal.Tests.Components.Query;

/// <summary>
/// The workbench on the Aws backend: Athena's named queries and the work group beside the saved queries (absent on
/// Local), who saves and deletes them, and the note that Athena runs large scans without asking.
/// </summary>
public sealed class NamedQueriesPanelTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static FakeAthenaWorkspace Seeded()
    {
        var athena = new FakeAthenaWorkspace();
        athena.Add("daily totals", "sales", "SELECT day, sum(total) FROM orders GROUP BY day", "Revenue per day");
        athena.Add("top customers", "crm", "SELECT * FROM customers LIMIT 10");
        return athena;
    }

    private static string[] NamedNames(IRenderedComponent<Workbench> page) =>
        [.. page.FindAll("[data-testid=named-item]").Select(i => i.GetAttribute("data-name")!)];

    [Fact]
    public async Task OnAws_ListsTheWorkGroupsNamedQueries_WithDatabaseDescriptionAndTheWorkGroupsScanLimit()
    {
        await using var state = await QueryPageState.CreateAsync("vera", PortalRole.Viewer, Seeded());

        var (page, _) = state.RenderWorkbench();

        page.WaitForAssertion(() => Assert.Equal(["daily totals", "top customers"], NamedNames(page)), Wait);
        Assert.Equal(["sales", "crm"], page.FindAll("[data-testid=named-database]").Select(d => d.TextContent.Trim()));
        Assert.Equal(["Revenue per day"], page.FindAll("[data-testid=named-description]").Select(d => d.TextContent.Trim()));
        Assert.Contains("lakeport", page.Find("[data-testid=work-group-name]").TextContent, StringComparison.Ordinal);
        Assert.Equal("ENABLED", page.Find("[data-testid=work-group-state]").TextContent.Trim());
        Assert.Contains("10 GB", page.Find("[data-testid=work-group-scan-limit]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnAws_AWorkGroupWithoutACutoff_SaysItHasNoScanLimit()
    {
        var athena = Seeded();
        athena.WorkGroup = athena.WorkGroup with { BytesScannedCutoffPerQuery = null, State = "DISABLED" };
        await using var state = await QueryPageState.CreateAsync("vera", PortalRole.Viewer, athena);

        var (page, _) = state.RenderWorkbench();

        page.WaitForAssertion(() => Assert.Contains("no scan limit", page.Find("[data-testid=work-group-scan-limit]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("DISABLED", page.Find("[data-testid=work-group-state]").TextContent.Trim());
    }

    [Fact]
    public async Task OpeningANamedQuery_PutsItsSqlInANewTab_WithItsDatabaseSelected()
    {
        await using var state = await QueryPageState.CreateAsync("vera", PortalRole.Viewer, Seeded());
        var (page, _) = state.RenderWorkbench();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=open-named]").Count), Wait);

        await page.InvokeAsync(() => page.FindAll("[data-testid=open-named]").Single(l => l.TextContent.Trim() == "top customers").Click());

        page.WaitForAssertion(() => Assert.Equal(["Query 1", "top customers"], page.FindAll("[data-testid=editor-tab]").Select(t => t.TextContent.Trim())), Wait);
        var active = page.FindAll("[data-testid=editor-tab]").Single(t => t.GetAttribute("data-active") == "true");
        Assert.Equal("top customers", active.TextContent.Trim());
        page.WaitForAssertion(() => Assert.Equal("SELECT * FROM customers LIMIT 10", page.FindComponent<QueryEditor>().Instance.Sql), Wait);
        Assert.Equal("crm", page.FindComponent<MudSelect<string>>().Instance.GetState(x => x.Value));
    }

    [Fact]
    public async Task Viewer_GetsNoSaveFormAndNoDelete()
    {
        await using var state = await QueryPageState.CreateAsync("vera", PortalRole.Viewer, Seeded());

        var (page, _) = state.RenderWorkbench();

        page.WaitForAssertion(() => Assert.Equal(2, NamedNames(page).Length), Wait);
        Assert.Empty(page.FindAll("[data-testid=named-save-form]"));
        Assert.Empty(page.FindAll("[data-testid=delete-named]"));
    }

    [Fact]
    public async Task Analyst_SavesTheTabAsANamedQuery_ButCannotDelete()
    {
        await using var state = await QueryPageState.CreateAsync("anna", PortalRole.Analyst, Seeded());
        await state.OpenTabAsync("SELECT count(*) FROM orders");
        var (page, _) = state.RenderWorkbench();
        page.WaitForAssertion(() => Assert.Equal(2, NamedNames(page).Length), Wait);
        Assert.Empty(page.FindAll("[data-testid=delete-named]"));

        await page.InvokeAsync(() => page.Find("input[data-testid=named-save-name]").Input("order count"));
        await page.InvokeAsync(() => page.Find("input[data-testid=named-save-description]").Input("How many orders"));
        await page.InvokeAsync(() => page.Find("button[data-testid=named-save]").Click());

        page.WaitForAssertion(() => Assert.Equal(["daily totals", "order count", "top customers"], NamedNames(page)), Wait);
        var saved = state.Athena!.All.Single(q => q.Name == "order count");
        Assert.Equal(("SELECT count(*) FROM orders", "sales", "How many orders"), (saved.Sql, saved.Database, saved.Description));
    }

    [Fact]
    public async Task Analyst_SavingATabWithoutADatabase_IsRefusedWithTheReason_AndNothingIsCreated()
    {
        await using var state = await QueryPageState.CreateAsync("anna", PortalRole.Analyst, Seeded());
        await state.Tabs.SaveAsync(state.Caller, [new EditorTab("Query 1", "SELECT 1", null, true)], TestContext.Current.CancellationToken);
        var (page, _) = state.RenderWorkbench();
        page.WaitForAssertion(() => Assert.Equal(2, NamedNames(page).Length), Wait);
        var snackbars = state.Context.Render<MudSnackbarProvider>();

        await page.InvokeAsync(() => page.Find("input[data-testid=named-save-name]").Input("no database"));
        await page.InvokeAsync(() => page.Find("button[data-testid=named-save]").Click());

        snackbars.WaitForAssertion(() => Assert.Contains("needs a database", snackbars.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(2, state.Athena!.All.Count);
        // The name typed stays, to fix the tab and try again.
        Assert.Equal("no database", page.Find("input[data-testid=named-save-name]").GetAttribute("value"));
    }

    [Fact]
    public async Task Admin_DeletesANamedQuery_AfterConfirming()
    {
        await using var state = await QueryPageState.CreateAsync("adam", PortalRole.Admin, Seeded());
        var doomed = state.Athena!.All.Single(q => q.Name == "top customers");
        var (page, dialogs) = state.RenderWorkbench();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=delete-named]").Count), Wait);

        await page.InvokeAsync(() => page.Find("[aria-label='Delete top customers']").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Delete named query top customers", dialogs.Markup, StringComparison.Ordinal), Wait);
        var delete = dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete");
        await dialogs.InvokeAsync(() => delete.Click());

        page.WaitForAssertion(() => Assert.Equal(["daily totals"], NamedNames(page)), Wait);
        Assert.Equal([doomed.Id], state.Athena.Deleted);
    }

    [Fact]
    public async Task OnLocal_ThereIsNoNamedQueriesPanel_AndNoGuardrailNote()
    {
        await using var state = await QueryPageState.CreateAsync("anna", PortalRole.Analyst);

        var (page, _) = state.RenderWorkbench();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=saved-search]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=named-queries-panel]"));
        Assert.DoesNotContain(page.FindAll(".mud-tab"), t => t.TextContent.Trim() == "Athena");
        Assert.Empty(page.FindAll("[data-testid=scan-guardrail-unsupported]"));
    }

    [Fact]
    public async Task OnAws_TheRunRowSaysAthenaRunsLargeScansWithoutAsking()
    {
        await using var state = await QueryPageState.CreateAsync("anna", PortalRole.Analyst, Seeded());

        var (page, _) = state.RenderWorkbench();

        var note = page.Find("[data-testid=scan-guardrail-unsupported]");
        Assert.Equal(BackendFeatures.Aws.Reason(BackendFeature.QueryScanGuardrail), note.GetAttribute("aria-label"));
        Assert.Contains(page.FindAll(".mud-tab"), t => t.TextContent.Trim() == "Athena");
    }
}
