using System.Text.RegularExpressions;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lakeport.Portal.E2E;

/// <summary>The query workbench in a real browser: Monaco typed into, runs, paging, CSV, errors in place, saved and history.</summary>
public sealed class QueryWorkbenchTests
{
    private const string Analyst = "analyst1";
    // An empty CSV field is an empty string (as in Athena), not NULL: NULLIF makes the missing notes real NULLs.
    private const string LongSql = "SELECT count(*) FROM range(100000000000) a WHERE a.range % 3 = 1";
    private const string OrdersSql = "SELECT order_id, status, NULLIF(note, '') AS note FROM samples.orders ORDER BY order_id";

    [Fact]
    public async Task Analyst_RunsOrdersWithCtrlEnter_PagesAndDownloads_SeesSyntaxErrorInPlace_SavesAndReopensFromHistory()
    {
        await using var portal = new PortalFactory();
        var address = portal.StartOnKestrel();
        await portal.CreateUserAsync(Analyst, PortalRole.Analyst);
        await SampleLake.CrawlAsync(portal);
        await using var browser = await BrowserSession.StartAsync(address, nameof(Analyst_RunsOrdersWithCtrlEnter_PagesAndDownloads_SeesSyntaxErrorInPlace_SavesAndReopensFromHistory));
        var page = browser.Page;

        await page.GotoAsync("/");
        await PortalSignIn.SignInAsync(page, Analyst, PortalFactory.UserPassword);
        await Assertions.Expect(page.GetByTestId("user-role")).ToHaveTextAsync("Analyst");
        await browser.WaitForCircuitAsync();
        await page.GetByTestId("nav-/query").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/query$"));

        // Type into Monaco as a user does, and run with Ctrl+Enter.
        var editor = page.GetByTestId("query-editor").Locator(".monaco-editor[role=code]");
        await TypeSqlAsync(page, editor, OrdersSql);
        await browser.ScreenshotAsync("01-query-typed");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("query-state")).ToHaveTextAsync("SUCCEEDED", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("query-stats")).ToContainTextAsync("1,240 rows");
        await Assertions.Expect(page.GetByTestId("query-stats")).ToContainTextAsync(new Regex(@"scanned \d+(\.\d+)? (B|KB|MB)"));
        await Assertions.Expect(page.GetByTestId("query-cost")).ToHaveTextAsync(new Regex(@"^\$0\.0000\d\d$"));

        // The grid: a page of 100, column headers with types, the empty notes as styled NULLs; then the next page.
        var grid = page.GetByTestId("result-grid");
        await Assertions.Expect(page.GetByTestId("result-range")).ToHaveTextAsync("Rows 1–100 of 1,240");
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(100);
        await Assertions.Expect(grid.GetByTestId("result-column").First).ToHaveTextAsync("order_id");
        await browser.ScreenshotAsync("02-orders-succeeded");
        var nullCell = grid.GetByTestId("result-null").First;
        await Assertions.Expect(nullCell).ToHaveTextAsync("NULL");
        await Assertions.Expect(nullCell).ToHaveCSSAsync("font-style", "italic");
        await page.GetByTestId("result-next-page").ClickAsync();
        await Assertions.Expect(page.GetByTestId("result-range")).ToHaveTextAsync("Rows 101–200 of 1,240");
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(100);
        await browser.ScreenshotAsync("03-orders-page-2");

        // A click on a cell copies its value.
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var cell = grid.GetByTestId("result-cell").First;
        await cell.ClickAsync();
        await Assertions.Expect(page.GetByText("Copied.")).ToBeVisibleAsync();
        Assert.Equal(await cell.TextContentAsync(), await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        // The CSV: the whole result, header first.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-csv").ClickAsync());
        var file = Path.Combine(browser.ScreenshotFolder, "orders.csv");
        await download.SaveAsAsync(file);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var records = CsvRecords(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        Assert.Equal("\"order_id\",\"status\",\"note\"", records[0]);
        Assert.Equal(1 + 1240, records.Count);

        // A syntax error on the third line: the message says where, and the editor marks it.
        await TypeSqlAsync(page, editor, "SELECT order_id", "FROM samples.orders", "WHERE order_id = = 1");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("query-state")).ToHaveTextAsync("FAILED", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("query-error-position")).ToContainTextAsync("Line 3");
        await Assertions.Expect(page.GetByTestId("query-error-position")).ToContainTextAsync("column");
        await Assertions.Expect(editor.Locator(".squiggly-error")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync("04-syntax-error-marked");

        // Save the (fixed) query; it is listed under Saved.
        await TypeSqlAsync(page, editor, "SELECT status, count(*) AS orders FROM samples.orders GROUP BY status");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Saved" }).ClickAsync();
        await page.Locator("[data-testid=save-name] input, input[data-testid=save-name]").FillAsync("Orders by status");
        await page.GetByTestId("save-query").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=saved-item][data-name='Orders by status']")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("05-query-saved");

        // History has both runs, newest first; the succeeded one reopens in a new tab with its SQL.
        await page.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();
        var history = page.GetByTestId("history-item");
        await Assertions.Expect(history).ToHaveCountAsync(2);
        await Assertions.Expect(history.First).ToContainTextAsync("FAILED");
        await history.Nth(1).ClickAsync();
        await Assertions.Expect(page.GetByTestId("editor-tab")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=editor-tab][data-active=true]")).ToContainTextAsync("Query 2");
        await Assertions.Expect(editor.Locator(".view-lines")).ToHaveTextAsync(OrdersSql);
        await browser.ScreenshotAsync("06-reopened-from-history");
    }

    [Fact]
    public async Task Admin_RunsWithAParameter_Explains_AndStopsALongQueryFromRunningQueries()
    {
        await using var portal = new PortalFactory();
        var address = portal.StartOnKestrel();
        await portal.CreateUserAsync("admin2", PortalRole.Admin);
        await using var browser = await BrowserSession.StartAsync(address, nameof(Admin_RunsWithAParameter_Explains_AndStopsALongQueryFromRunningQueries));
        var page = browser.Page;
        await page.GotoAsync("/query");
        await PortalSignIn.SignInAsync(page, "admin2", PortalFactory.UserPassword);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/query$"));
        await browser.WaitForCircuitAsync();
        var editor = page.GetByTestId("query-editor").Locator(".monaco-editor[role=code]");

        // A ? placeholder gets an input; its text value is quoted for the user; the Run button runs it.
        await TypeSqlAsync(page, editor, "SELECT upper(?) AS greeting");
        await page.Locator("[data-testid=parameter-value-0] input, input[data-testid=parameter-value-0]").FillAsync("it's here");
        await page.GetByTestId("run-query").ClickAsync();
        await Assertions.Expect(page.GetByTestId("query-state")).ToHaveTextAsync("SUCCEEDED", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("result-cell")).ToHaveTextAsync("IT'S HERE");
        await browser.ScreenshotAsync("01-parameter-run");

        await page.GetByTestId("explain-query").ClickAsync();
        await Assertions.Expect(page.GetByTestId("explain-plan")).Not.ToBeEmptyAsync(new() { Timeout = 30_000 });
        await browser.ScreenshotAsync("02-explain-plan");

        // A query that would run for minutes: the state says RUNNING and the elapsed time moves on.
        await TypeSqlAsync(page, editor, LongSql);
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("query-state")).ToHaveTextAsync("RUNNING", new() { Timeout = 30_000 });
        var elapsed = await page.GetByTestId("query-elapsed").TextContentAsync();
        await Assertions.Expect(page.GetByTestId("query-elapsed")).Not.ToHaveTextAsync(elapsed ?? "");
        await Assertions.Expect(page.GetByTestId("cancel-query")).ToBeEnabledAsync();
        await browser.ScreenshotAsync("03-long-query-running");

        // The Admin stops it from Running queries in a second browser tab; the workbench sees it end CANCELLED.
        var running = await page.Context.NewPageAsync();
        await running.GotoAsync("/query/running");
        var row = running.Locator("tr", new() { Has = running.GetByTestId("running-user") });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("admin2");
        await Assertions.Expect(row.GetByTestId("running-state")).ToHaveTextAsync("RUNNING");
        await running.ScreenshotAsync(new() { Path = Path.Combine(browser.ScreenshotFolder, "04-running-queries.png"), FullPage = true });
        await running.Locator("[data-testid=circuit-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await row.GetByTestId("stop-query").ClickAsync();
        await Assertions.Expect(running.GetByText("No query is running.")).ToBeVisibleAsync();
        await running.ScreenshotAsync(new() { Path = Path.Combine(browser.ScreenshotFolder, "05-running-queries-stopped.png"), FullPage = true });
        await running.CloseAsync();
        await Assertions.Expect(page.GetByTestId("query-state")).ToHaveTextAsync("CANCELLED");
        await browser.ScreenshotAsync("06-workbench-sees-cancelled");

        // And the workbench's own Cancel button ends a run too.
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("query-state")).ToHaveTextAsync("RUNNING", new() { Timeout = 30_000 });
        await page.GetByTestId("cancel-query").ClickAsync();
        await Assertions.Expect(page.GetByTestId("query-state")).ToHaveTextAsync("CANCELLED");
        await Assertions.Expect(page.GetByTestId("run-query")).ToBeEnabledAsync();
        await browser.ScreenshotAsync("07-cancelled-from-workbench");
    }

    /// <summary>Replaces the editor's text by typing it, line by line; Escape closes a suggestion so Enter breaks the line.</summary>
    private static async Task TypeSqlAsync(IPage page, ILocator editor, params string[] lines)
    {
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                // A line break typed as text, not the Enter key: completions arrive from the server, and a list that
                // opened after the Escape (a slow round trip under load) took the Enter as "accept", leaving the next
                // line on this one.
                await page.Keyboard.PressAsync("Escape");
                await page.Keyboard.InsertTextAsync("\n");
            }

            await page.Keyboard.TypeAsync(lines[i]);
        }

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(editor.Locator(".view-lines")).ToHaveTextAsync(string.Concat(lines));
        await Assertions.Expect(editor.Locator(".view-lines .view-line")).ToHaveCountAsync(lines.Length);
    }

    /// <summary>Splits RFC 4180 text into records (a quoted field may hold line breaks).</summary>
    private static List<string> CsvRecords(string text)
    {
        var records = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == '\n' && !quoted)
            {
                records.Add(text[start..i].TrimEnd('\r'));
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            records.Add(text[start..]);
        }

        return records;
    }
}
