using TestContext = Xunit.TestContext;
using Bunit;
using Lakeport.Portal.Components.Pages.Query;
using Lakeport.Services.Query;
using Lakeport.Services.Security;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components.Query;

/// <summary>The workbench over real saved queries and tabs, with a fake engine: runs, errors, confirmations, parameters, panels.</summary>
public sealed class WorkbenchTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static async Task ClickAsync(IRenderedComponent<Workbench> page, string testId) =>
        await page.InvokeAsync(() => page.Find($"[data-testid={testId}]").Click());

    [Fact]
    public async Task Run_ShowsTheEngineRows_WithColumnTypes_AndNullStyledApartFromTheTextNull()
    {
        await using var state = await QueryPageState.CreateAsync("anna", PortalRole.Analyst);
        await state.OpenTabAsync("SELECT id, name FROM orders");
        var (page, _) = state.RenderWorkbench();

        await ClickAsync(page, "run-query");

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=result-grid] tbody tr").Count), Wait);
        var request = Assert.Single(state.Engine.Requests);
        Assert.Equal(("SELECT id, name FROM orders", "sales"), (request.Sql, request.Database));
        Assert.Equal(["id", "name"], page.FindAll("[data-testid=result-column]").Select(c => c.TextContent));
        Assert.Equal(["bigint", "varchar"], page.FindAll("[data-testid=result-column-type]").Select(c => c.TextContent));
        Assert.Single(page.FindAll("[data-testid=result-null]"));
        Assert.Contains("NULL", page.FindAll("[data-testid=result-cell]").Select(c => c.TextContent));
        Assert.Equal("SUCCEEDED", page.Find("[data-testid=query-state]").TextContent.Trim());
        Assert.Contains("3 rows", page.Find("[data-testid=query-stats]").TextContent, StringComparison.Ordinal);
        Assert.Equal("$0.000048", page.Find("[data-testid=query-cost]").TextContent);
        Assert.EndsWith("/download", page.Find("[data-testid=download-csv]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedRun_ShowsTheErrorWithLineAndColumnOnce_AndMarksItInTheEditor()
    {
        await using var state = await QueryPageState.CreateAsync("anna", PortalRole.Analyst);
        await state.OpenTabAsync("SELECT *\nFROM ordrs");
        // Athena's message carries the position as its prefix; the workbench shows the position once, apart.
        var error = new QueryError(2, "SYNTAX_ERROR", "line 2:6: Table sales.ordrs does not exist", 2, 6);
        state.Engine.OnStart = (caller, request) => FakeQueryEngine.Execution(caller.UserName, request.Sql, QueryState.FAILED, error: error);
        var (page, _) = state.RenderWorkbench();

        await ClickAsync(page, "run-query");

        page.WaitForAssertion(() => Assert.Contains("Line 2, column 6", page.Find("[data-testid=query-error-position]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("Table sales.ordrs does not exist", page.Find("[data-testid=query-error]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2:6", page.Find("[data-testid=query-error]").TextContent, StringComparison.Ordinal);
        var marker = state.Context.JSInterop.Invocations["lakeportQuery.setError"].Last();
        Assert.Equal([2, 6, "Table sales.ordrs does not exist"], marker.Arguments.Skip(1));
        Assert.Empty(page.FindAll("[data-testid=result-grid]"));
    }

    [Fact]
    public async Task ConfirmationRequired_AsksWithTheEngineMessage_AndResubmitsWithTheFlag()
    {
        await using var state = await QueryPageState.CreateAsync("anna", PortalRole.Analyst);
        await state.OpenTabAsync("SELECT * FROM events");
        state.Engine.OnStart = (caller, request) => request.ConfirmedLargeScan
            ? FakeQueryEngine.Execution(caller.UserName, request.Sql, QueryState.SUCCEEDED)
            : throw new ConfirmationRequiredException("This scans about 40 GB of events with no partition filter.", ConfirmationKind.LargeScan);
        var (page, dialogs) = state.RenderWorkbench();

        await ClickAsync(page, "run-query");
        dialogs.WaitForAssertion(() => Assert.Contains("about 40 GB", dialogs.Markup, StringComparison.Ordinal), Wait);
        var runAnyway = dialogs.FindAll("button").Single(b => b.TextContent.Contains("Run anyway", StringComparison.Ordinal));
        await dialogs.InvokeAsync(() => runAnyway.Click());

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=result-grid] tbody tr").Count), Wait);
        Assert.Equal([false, true], state.Engine.Requests.Select(r => r.ConfirmedLargeScan));
        Assert.All(state.Engine.Requests, r => Assert.False(r.ConfirmedDestructive));
    }

    [Fact]
    public async Task Placeholders_GetTypedInputs_AndRunWithQuotedLiterals()
    {
        await using var state = await QueryPageState.CreateAsync("anna", PortalRole.Analyst);
        await state.OpenTabAsync("SELECT * FROM orders -- where ?\nWHERE name = ? AND qty > ? AND day = ? AND note <> '?'");
        var (page, _) = state.RenderWorkbench();

        Assert.Equal(3, page.FindAll("[data-testid^=parameter-value-]").Count);
        var kinds = page.FindComponents<MudSelect<ParameterKind>>();
        await page.InvokeAsync(() => kinds[1].Instance.ValueChanged.InvokeAsync(ParameterKind.Number));
        await page.InvokeAsync(() => kinds[2].Instance.ValueChanged.InvokeAsync(ParameterKind.Date));
        var values = page.FindComponents<MudTextField<string>>().Where(f => f.Instance.UserAttributes.TryGetValue("data-testid", out var id)
            && id?.ToString()?.StartsWith("parameter-value-", StringComparison.Ordinal) == true).ToList();
        await page.InvokeAsync(() => values[0].Instance.ValueChanged.InvokeAsync("O'Brien"));
        await page.InvokeAsync(() => values[1].Instance.ValueChanged.InvokeAsync("2.50"));
        await page.InvokeAsync(() => values[2].Instance.ValueChanged.InvokeAsync("2024-03-01"));

        await ClickAsync(page, "run-query");

        page.WaitForAssertion(() => Assert.Single(state.Engine.Requests), Wait);
        Assert.Equal(["'O''Brien'", "2.50", "DATE '2024-03-01'"], state.Engine.Requests.Single().ExecutionParameters);
    }

    [Fact]
    public async Task ABadNumberParameter_IsRefusedBeforeTheEngineIsAsked()
    {
        await using var state = await QueryPageState.CreateAsync("anna", PortalRole.Analyst);
        await state.OpenTabAsync("SELECT * FROM orders WHERE qty > ?");
        var (page, _) = state.RenderWorkbench();
        await page.InvokeAsync(() => page.FindComponent<MudSelect<ParameterKind>>().Instance.ValueChanged.InvokeAsync(ParameterKind.Number));

        await ClickAsync(page, "run-query");

        page.WaitForAssertion(() => Assert.Contains("Parameter 1 is not a number", page.Find("[data-testid=query-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(state.Engine.Requests);
    }

    [Fact]
    public async Task History_ReopensAnEarlierQueryInANewTab()
    {
        await using var state = await QueryPageState.CreateAsync("anna", PortalRole.Analyst);
        state.Engine.Add(FakeQueryEngine.Execution("anna", "SELECT count(*) FROM sales.orders", QueryState.SUCCEEDED, "sales"));
        state.Engine.Add(FakeQueryEngine.Execution("otto", "SELECT 'not mine'", QueryState.SUCCEEDED));
        var (page, _) = state.RenderWorkbench();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-item]")), Wait);
        await page.InvokeAsync(() => page.Find("[data-testid=history-item]").Click());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=editor-tab]").Count), Wait);
        Assert.Equal("SELECT count(*) FROM sales.orders", page.FindComponent<QueryEditor>().Instance.Sql);
    }

    [Fact]
    public async Task EditedSql_IsKeptAcrossSessions()
    {
        await using var state = await QueryPageState.CreateAsync("anna", PortalRole.Analyst);
        await state.OpenTabAsync("SELECT 1");
        var (page, _) = state.RenderWorkbench();
        Assert.Equal("SELECT 1", page.FindComponent<QueryEditor>().Instance.Sql);

        await page.InvokeAsync(() => page.FindComponent<QueryEditor>().Instance.SqlChanged.InvokeAsync("SELECT 42"));

        await WaitForStoredSqlAsync(state, "SELECT 42");
    }

    private static async Task WaitForStoredSqlAsync(QueryPageState state, string sql)
    {
        var deadline = DateTime.UtcNow.Add(Wait);
        while ((await state.Tabs.LoadAsync(state.Caller, TestContext.Current.CancellationToken)).SingleOrDefault()?.Sql != sql)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The tab was not saved with '{sql}'.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
